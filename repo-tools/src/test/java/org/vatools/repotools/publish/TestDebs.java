package org.vatools.repotools.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds small .deb files in Java for publisher tests (no dpkg-deb needed), with fixed times. */
public final class TestDebs {
    private String name = "demo";
    private String version = "1.0-1";
    private String architecture = "all";
    private String extraControl = "";
    private String seed;
    private final Map<String, String> files = new LinkedHashMap<>();
    private boolean omitMaintainer;

    public static TestDebs deb(String name, String version) {
        TestDebs d = new TestDebs();
        d.name = name;
        d.version = version;
        d.files.put("./usr/share/doc/" + name + "/copyright", "Copyright " + name + "\n");
        return d;
    }

    /** An appliance: Provides/Conflicts/Replaces virtual-appliance and a seed inside. */
    public static TestDebs appliance(String name, String version, String seedText) {
        TestDebs d = deb(name, version);
        d.extraControl = "Provides: virtual-appliance\nConflicts: virtual-appliance\nReplaces: virtual-appliance\n";
        d.seed = seedText;
        return d;
    }

    public TestDebs architecture(String arch) {
        this.architecture = arch;
        return this;
    }

    public TestDebs control(String lines) {
        this.extraControl += lines;
        return this;
    }

    public TestDebs file(String path, String content) {
        files.put(path, content);
        return this;
    }

    public TestDebs withoutMaintainer() {
        this.omitMaintainer = true;
        return this;
    }

    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(name + "_" + version.replace(':', '%') + "_" + architecture + ".deb");
        Files.write(f, bytes());
        return f;
    }

    public byte[] bytes() {
        String control = "Package: " + name + "\nVersion: " + version + "\nArchitecture: " + architecture + "\n"
                + (omitMaintainer ? "" : "Maintainer: Test Maker <test@example.org>\n") + extraControl
                + "Description: test package " + name + "\n A package for publisher tests.\n";
        Map<String, String> data = new LinkedHashMap<>(files);
        if (seed != null) {
            data.put("./usr/share/virtual-appliance/" + name + "/" + name + ".seed", seed);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("!<arch>\n".getBytes(StandardCharsets.US_ASCII));
        member(out, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
        member(out, "control.tar.gz", tarGz(Map.of("./control", control)));
        member(out, "data.tar.gz", tarGz(data));
        return out.toByteArray();
    }

    private static void member(ByteArrayOutputStream out, String name, byte[] content) {
        String header = String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", name, "0", "0", "0", "100644", content.length);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        if (content.length % 2 == 1) {
            out.write('\n');
        }
    }

    private static byte[] tarGz(Map<String, String> files) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
                for (Map.Entry<String, String> e : files.entrySet()) {
                    byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                    entry.setSize(content.length);
                    entry.setMode(0100644);
                    entry.setModTime(1_700_000_000_000L);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                    tar.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
