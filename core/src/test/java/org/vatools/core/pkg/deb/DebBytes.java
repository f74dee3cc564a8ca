package org.vatools.core.pkg.deb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.vatools.core.pkg.Compression;

/** Builds .deb files byte by byte for tests: ar members, tar archives, any compression. */
final class DebBytes {
    static final String CONTROL = """
            Package: demo
            Version: 1:1.2-3
            Architecture: all
            Maintainer: Demo Maker <demo@example.org>
            Description: a demo package
             The long description.
            """;

    private final List<Member> members = new ArrayList<>();

    record Member(String name, byte[] content, String headerOverride) {
    }

    /** A tar entry and its content. */
    record TarItem(TarArchiveEntry entry, byte[] content) {
    }

    /** A typical package: debian-binary, control.tar.gz with control, data.tar.gz with a seed. */
    static DebBytes typical() {
        return new DebBytes()
                .member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", tar(Compression.GZIP, file("./control", CONTROL),
                        file("./md5sums", "0123456789abcdef0123456789abcdef  usr/share/doc/demo/copyright\n"),
                        file("./conffiles", "/etc/demo.conf\nremove-on-upgrade /etc/old.conf\n")))
                .member("data.tar.gz", typicalData(Compression.GZIP));
    }

    static byte[] typicalData(Compression c) {
        return tar(c, dir("./"), dir("./usr/"), dir("./usr/share/"), dir("./usr/share/virtual-appliance/"),
                dir("./usr/share/virtual-appliance/demo/"),
                file("./usr/share/virtual-appliance/demo/demo.seed", "demo demo/q string hi\n"),
                symlink("./usr/share/virtual-appliance/demo/link", "demo.seed"),
                fileMode("./usr/bin/tool", "#!/bin/sh\n", 04755));
    }

    DebBytes member(String name, byte[] content) {
        members.add(new Member(name, content, null));
        return this;
    }

    /** A member whose 60-byte header is given verbatim (for malformed headers). */
    DebBytes rawMember(String header, byte[] content) {
        members.add(new Member(null, content, header));
        return this;
    }

    /** Offset just past the content of member {@code index} (before any padding byte). */
    long contentEnd(int index) {
        return boundaries().get(index) + 60 + members.get(index).content.length;
    }

    /** Offsets at which each member's header starts, then the total length. */
    List<Long> boundaries() {
        List<Long> result = new ArrayList<>();
        long pos = 8;
        for (Member m : members) {
            result.add(pos);
            pos += 60 + m.content.length + (m.content.length % 2);
        }
        result.add(pos);
        return result;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("!<arch>\n".getBytes(StandardCharsets.US_ASCII));
        for (Member m : members) {
            String header = m.headerOverride != null ? m.headerOverride
                    : String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", m.name, "0", "0", "0", "100644", m.content.length);
            if (header.length() != 60) {
                throw new IllegalArgumentException("ar header must be 60 bytes: '" + header + "'");
            }
            out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(m.content);
            if (m.content.length % 2 == 1) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    static TarItem file(String name, String content) {
        return fileMode(name, content, 0644);
    }

    static TarItem fileMode(String name, String content, int mode) {
        return fileBytes(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    static TarItem fileBytes(String name, byte[] bytes, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        e.setMode(0100000 | mode);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(1_700_000_000_000L);
        return new TarItem(e, bytes);
    }

    static TarItem dir(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040755);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(1_700_000_000_000L);
        return new TarItem(e, null);
    }

    static TarItem symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        e.setMode(0120777);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(1_700_000_000_000L);
        return new TarItem(e, null);
    }

    static byte[] tar(Compression c, TarItem... items) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream compressed = compress(c, bytes);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
                for (TarItem item : items) {
                    tar.putArchiveEntry(item.entry());
                    if (item.content() != null) {
                        tar.write(item.content());
                    }
                    tar.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OutputStream compress(Compression c, OutputStream out) throws IOException {
        return TestCompressors.compress(c, out);
    }
}
