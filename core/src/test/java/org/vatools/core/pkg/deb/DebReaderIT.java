package org.vatools.core.pkg.deb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vatools.core.deb822.Deb822Field;
import org.vatools.core.pkg.Compression;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.pkg.RequiredTools;
import org.vatools.testkit.Tool;

/**
 * Builds real packages with {@code dpkg-deb -b} and compares everything {@link DebReader} reads
 * with what dpkg-deb itself and the coreutils hash tools report.
 */
class DebReaderIT {
    private static final String SEED = "/usr/share/virtual-appliance/demo-app/demo-app.seed";
    private static final String DESCRIPTOR = "/usr/share/virtual-appliance/demo-app/appliance.yaml";
    private static final String LONG_DIR = "/usr/share/doc/demo-app/a-directory-name-long-enough-to-need-the-gnu-long"
            + "-name-extension-of-tar/and-another-level";
    private static final DateTimeFormatter LISTING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private static final Set<String> RELATIONS = Set.of("Depends", "Pre-Depends", "Recommends", "Suggests",
            "Enhances", "Breaks", "Conflicts", "Replaces", "Provides", "Built-Using");
    private static int builds;

    @TempDir
    static Path work;

    @BeforeAll
    static void tools() {
        RequiredTools.require("dpkg-deb", "dpkg", "ar", "md5sum", "sha1sum", "sha256sum", "sha512sum");
    }

    static Path build(String compression) throws IOException {
        Path root = work.resolve("root-" + compression + "-" + (++builds));
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.writeString(root.resolve("DEBIAN/control"), """
                Package: demo-app
                Version: 2:1.4.0~rc1-3+deb12u1
                Architecture: all
                Maintainer: J\u00f6rg Demo <demo@example.org>
                Installed-Size: 12
                Section: admin
                Priority: optional
                Depends: debconf (>= 1.5) | debconf-2.0,
                 apache2 | nginx,
                 php-cli
                Provides: virtual-appliance
                Conflicts: virtual-appliance
                Replaces: virtual-appliance
                X-Appliance-Seed: demo-app.seed
                Homepage: https://example.org/demo
                Description: a demo appliance
                 Installs the demo application with everything around it.
                 .
                 A second paragraph with  two spaces.
                """);
        Files.writeString(root.resolve("DEBIAN/conffiles"), "/etc/demo-app/demo.conf\n");
        Path postinst = root.resolve("DEBIAN/postinst");
        Files.writeString(postinst, "#!/bin/sh\nset -e\nexit 0\n");
        Files.setPosixFilePermissions(postinst, PosixFilePermissions.fromString("rwxr-xr-x"));
        write(root, "/etc/demo-app/demo.conf", "title=Demo\n", "rw-r--r--");
        write(root, SEED, "demo-app demo-app/title string Demo Wiki\n", "rw-r--r--");
        write(root, DESCRIPTOR, "name: demo-app\nversion: 1.4.0\n", "rw-r--r--");
        write(root, "/usr/bin/demo-tool", "#!/bin/sh\necho demo\n", "rwxr-xr-x");
        write(root, LONG_DIR + "/notes.txt", "long path\n", "rw-r--r--");
        Path tool = root.resolve("usr/bin/demo-tool");
        Tool.run("chmod", "4755", tool.toString()).assertSuccess();
        Files.createLink(root.resolve("usr/bin/demo-tool-hardlink"), tool);
        Files.createSymbolicLink(root.resolve("usr/bin/demo"), Path.of("demo-tool"));
        Files.createDirectories(root.resolve("var/lib/demo-app"));
        StringBuilder md5sums = new StringBuilder();
        for (String p : List.of("etc/demo-app/demo.conf", SEED.substring(1), DESCRIPTOR.substring(1), "usr/bin/demo-tool")) {
            md5sums.append(Tool.runIn(root, "md5sum", p).assertSuccess().stdout());
        }
        Files.writeString(root.resolve("DEBIAN/md5sums"), md5sums.toString());
        Path deb = work.resolve("demo-app_" + compression + "-" + builds + ".deb");
        Tool.run(List.of("dpkg-deb", "--root-owner-group", "-Z" + compression, "-b", root.toString(), deb.toString()),
                null, Map.of("SOURCE_DATE_EPOCH", "1700000000"), null, 120).assertSuccess();
        return deb;
    }

    private static void write(Path root, String path, String content, String perms) throws IOException {
        Path file = root.resolve(path.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "xz", "zstd", "none"})
    void readsWhatDpkgDebReports(String compression) throws Exception {
        Path file = build(compression);
        DebPackage deb = DebReader.read(file, ReadOptions.defaults().withDataFiles().extracting(
                name -> Set.of("/usr/share/virtual-appliance/" + name + "/" + name + ".seed",
                        "/usr/share/virtual-appliance/" + name + "/appliance.yaml", "/usr/bin/demo-tool",
                        "/usr/bin/demo-tool-hardlink")));

        // the control paragraph, field by field and as a whole
        assertEquals(dpkgDeb("-f", file.toString()), deb.control().text());
        for (Deb822Field field : deb.control().fields()) {
            String expected = dpkgDeb("-f", file.toString(), field.name());
            // dpkg parses relationship fields and prints them unfolded; we keep the folding
            String value = RELATIONS.contains(field.name()) ? field.value().replaceAll("\\s*\n\\s*", " ")
                    : field.value();
            assertEquals(expected, value + "\n", field.name());
        }
        assertEquals("demo-app", deb.name());
        assertEquals("2:1.4.0~rc1-3+deb12u1", deb.version());
        assertEquals("J\u00f6rg Demo <demo@example.org>", deb.control().get("maintainer").orElseThrow());

        // members and compression
        List<String> members = Tool.run("ar", "t", file.toString()).assertSuccess().stdout().lines().toList();
        String suffix = compression.equals("none") ? "" : Compression.valueOf(compression.toUpperCase()).suffix();
        assertEquals(List.of("debian-binary", "control.tar" + suffix, "data.tar" + suffix), members);
        assertEquals(suffix, deb.controlCompression().suffix());
        assertEquals(suffix, deb.dataCompression().suffix());
        assertEquals("2.0", deb.formatVersion());

        // control members
        assertEquals(dpkgDeb("-I", file.toString(), "conffiles").lines().toList(), deb.conffiles());
        Map<String, String> md5sums = new LinkedHashMap<>();
        for (String line : dpkgDeb("-I", file.toString(), "md5sums").lines().toList()) {
            md5sums.put("/" + line.substring(34), line.substring(0, 32));
        }
        assertEquals(md5sums, deb.md5sums());
        assertEquals(dpkgDeb("-I", file.toString(), "postinst"),
                new String(deb.controlMember("postinst").orElseThrow(), StandardCharsets.UTF_8));

        // data files, as dpkg-deb -c lists them
        List<String> listing = Tool.run(List.of("dpkg-deb", "-c", file.toString()), null, Map.of("TZ", "UTC"), null, 60)
                .assertSuccess().stdout().lines().map(l -> l.replaceAll(" +", " ")).toList();
        List<String> ours = new ArrayList<>();
        for (DebDataFile f : deb.dataFiles()) {
            String name = "." + f.path() + (f.type() == DebDataFile.Type.DIRECTORY && !f.path().equals("/") ? "/" : "");
            if (f.path().equals("/")) {
                name = "./";
            }
            String line = f.modeString() + " " + f.owner() + "/" + f.group() + " " + f.size() + " "
                    + LISTING.format(Instant.ofEpochSecond(f.mtime())) + " " + name;
            if (f.type() == DebDataFile.Type.SYMLINK) {
                line += " -> " + f.linkTarget();
            } else if (f.type() == DebDataFile.Type.HARDLINK) {
                line += " link to ." + f.linkTarget();
            }
            ours.add(line);
        }
        assertEquals(listing, ours);
        assertTrue(deb.dataFiles().stream().anyMatch(f -> f.path().equals(LONG_DIR + "/notes.txt")));
        assertTrue(deb.dataFiles().stream().anyMatch(f -> f.type() == DebDataFile.Type.HARDLINK));

        // extracted files are the bytes that went in
        Path root = work.resolve(file.getFileName().toString().replace("demo-app_", "root-").replace(".deb", ""));
        assertEquals(Set.of(SEED, DESCRIPTOR, "/usr/bin/demo-tool", "/usr/bin/demo-tool-hardlink"),
                deb.extractedFiles().keySet());
        assertArrayEquals(Files.readAllBytes(root.resolve("usr/bin/demo-tool")),
                deb.extractedFile("/usr/bin/demo-tool-hardlink").orElseThrow());
        assertArrayEquals(Files.readAllBytes(root.resolve(SEED.substring(1))), deb.extractedFile(SEED).orElseThrow());
        assertArrayEquals(Files.readAllBytes(root.resolve(DESCRIPTOR.substring(1))),
                deb.extractedFile(DESCRIPTOR).orElseThrow());

        // size and digests of the whole file
        assertEquals(Files.size(file), deb.digests().size());
        assertEquals(hash("md5sum", file), deb.digests().md5());
        assertEquals(hash("sha1sum", file), deb.digests().sha1());
        assertEquals(hash("sha256sum", file), deb.digests().sha256());
        assertEquals(hash("sha512sum", file), deb.digests().sha512());
        assertEquals(deb.digests(), DebReader.read(file).digests());
        assertEquals(deb.digests().hex(DigestAlgorithm.SHA256),
                DebReader.read(file, ReadOptions.defaults().withDigests(DigestAlgorithm.SHA256)).digests()
                        .hex(DigestAlgorithm.SHA256));
    }

    @Test
    void ordersVersionsAsDpkgDoes() {
        List<String> versions = List.of("1.0", "1.0-0", "1.0-1", "1.0~rc1", "1.0~rc1-1", "1.0+b1", "1.0a", "1.0.1",
                "1:0.1", "0:1.0", "2.0", "1.10", "1.9", "1.0-1~bpo12+1", "1.0~~", "1.0~", "001.0", "1.0-10", "1.0-9",
                "2.0a", "2.0+", "2.0.", "1:1.0-1", "10:0.1");
        for (String a : versions) {
            for (String b : versions) {
                int ours = Integer.signum(DebianVersion.parse(a).compareTo(DebianVersion.parse(b)));
                boolean lt = Tool.run("dpkg", "--compare-versions", a, "lt", b).exitCode() == 0;
                boolean eq = Tool.run("dpkg", "--compare-versions", a, "eq", b).exitCode() == 0;
                assertEquals(lt ? -1 : eq ? 0 : 1, ours, a + " vs " + b);
            }
        }
    }

    @Test
    void refusesWhatDpkgDebRefuses() throws Exception {
        Path file = build("gzip");
        byte[] bytes = Files.readAllBytes(file);
        Path cut = work.resolve("cut.deb");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertTrue(Tool.run("dpkg-deb", "-c", cut.toString()).exitCode() != 0);
        org.vatools.core.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.vatools.core.InvalidInputException.class, () -> DebReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": truncated:"), e.getMessage());
    }

    private static String dpkgDeb(String... args) {
        List<String> command = new ArrayList<>();
        command.add("dpkg-deb");
        command.addAll(List.of(args));
        return Tool.run(command, null, Map.of(), null, 60).assertSuccess().stdout();
    }

    private static String hash(String tool, Path file) {
        return Tool.run(tool, file.toString()).assertSuccess().stdout().split(" ")[0];
    }
}
