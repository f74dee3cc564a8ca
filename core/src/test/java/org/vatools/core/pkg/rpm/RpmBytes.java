package org.vatools.core.pkg.rpm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.vatools.core.pkg.Compression;

/** Builds rpm files byte by byte for tests: lead, headers with any entries, cpio payloads. */
final class RpmBytes {
    static final String SEED = "/usr/share/virtual-appliance/demo/demo.seed";
    static final String SEED_TEXT = "demo demo/q string hi\n";

    /** One header entry; {@code value} is a String, String[], int[], short[], long[] or byte[]. */
    record Entry(int tag, RpmType type, Object value) {
    }

    /** A header under construction. */
    static final class Header {
        final List<Entry> entries = new ArrayList<>();
        boolean region = true;

        Header add(int tag, RpmType type, Object value) {
            entries.removeIf(e -> e.tag == tag);
            entries.add(new Entry(tag, type, value));
            return this;
        }

        Header remove(int tag) {
            entries.removeIf(e -> e.tag == tag);
            return this;
        }

        Header string(int tag, String v) {
            return add(tag, RpmType.STRING, v);
        }

        Header strings(int tag, String... v) {
            return add(tag, RpmType.STRING_ARRAY, v);
        }

        Header i18n(int tag, String... v) {
            return add(tag, RpmType.I18NSTRING, v);
        }

        Header int32(int tag, int... v) {
            return add(tag, RpmType.INT32, v);
        }

        Header int16(int tag, short... v) {
            return add(tag, RpmType.INT16, v);
        }

        Header int64(int tag, long... v) {
            return add(tag, RpmType.INT64, v);
        }

        Header bin(int tag, byte[] v) {
            return add(tag, RpmType.BIN, v);
        }

        Header int8(int tag, byte[] v) {
            return add(tag, RpmType.INT8, v);
        }

        byte[] build(int regionTag) {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingInt(Entry::tag));
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            List<int[]> index = new ArrayList<>();
            for (Entry e : sorted) {
                while (data.size() % e.type.alignment() != 0) {
                    data.write(0);
                }
                int offset = data.size();
                int count = write(e, data);
                index.add(new int[] {e.tag, e.type.id(), offset, count});
            }
            int il = index.size() + (region ? 1 : 0);
            if (region) {
                int trailerOffset = data.size();
                ByteBuffer trailer = ByteBuffer.allocate(16);
                trailer.putInt(regionTag).putInt(RpmType.BIN.id()).putInt(-il * 16).putInt(16);
                data.writeBytes(trailer.array());
                index.add(0, new int[] {regionTag, RpmType.BIN.id(), trailerOffset, 16});
            }
            ByteBuffer out = ByteBuffer.allocate(16 + il * 16 + data.size());
            out.put(new byte[] {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01, 0, 0, 0, 0});
            out.putInt(il).putInt(data.size());
            for (int[] i : index) {
                out.putInt(i[0]).putInt(i[1]).putInt(i[2]).putInt(i[3]);
            }
            out.put(data.toByteArray());
            return out.array();
        }

        private static int write(Entry e, ByteArrayOutputStream data) {
            switch (e.type) {
                case STRING -> {
                    data.writeBytes(((String) e.value).getBytes(StandardCharsets.UTF_8));
                    data.write(0);
                    return 1;
                }
                case STRING_ARRAY, I18NSTRING -> {
                    for (String s : (String[]) e.value) {
                        data.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                        data.write(0);
                    }
                    return ((String[]) e.value).length;
                }
                case INT32 -> {
                    int[] v = (int[]) e.value;
                    ByteBuffer b = ByteBuffer.allocate(v.length * 4);
                    for (int x : v) {
                        b.putInt(x);
                    }
                    data.writeBytes(b.array());
                    return v.length;
                }
                case INT16 -> {
                    short[] v = (short[]) e.value;
                    ByteBuffer b = ByteBuffer.allocate(v.length * 2);
                    for (short x : v) {
                        b.putShort(x);
                    }
                    data.writeBytes(b.array());
                    return v.length;
                }
                case INT64 -> {
                    long[] v = (long[]) e.value;
                    ByteBuffer b = ByteBuffer.allocate(v.length * 8);
                    for (long x : v) {
                        b.putLong(x);
                    }
                    data.writeBytes(b.array());
                    return v.length;
                }
                default -> {
                    byte[] v = (byte[]) e.value;
                    data.writeBytes(v);
                    return v.length;
                }
            }
        }
    }

    Header signature = new Header();
    Header main = new Header();
    byte[] payload;
    boolean pad = true;
    boolean sizes = true;
    byte[] lead = lead("demo-1.2-3");

    /** Offsets of the last build: signature end, main header start and end. */
    long signatureEnd;
    long headerStart;
    long headerEnd;

    /** A typical noarch package with files, dependencies, changelog and a gzip cpio payload. */
    static RpmBytes typical() {
        RpmBytes r = new RpmBytes();
        r.main.string(RpmTag.NAME, "demo").string(RpmTag.VERSION, "1.2").string(RpmTag.RELEASE, "3")
                .int32(RpmTag.EPOCH, 2)
                .i18n(RpmTag.SUMMARY, "a demo package").i18n(RpmTag.DESCRIPTION, "The long description.")
                .int32(RpmTag.BUILDTIME, 1_700_000_000).string(RpmTag.BUILDHOST, "builder.example.org")
                .int32(RpmTag.SIZE, 22 + 9).string(RpmTag.LICENSE, "MIT").string(RpmTag.PACKAGER, "Demo <d@example.org>")
                .i18n(RpmTag.GROUP, "Applications/System").string(RpmTag.URL, "https://example.org/demo")
                .string(RpmTag.OS, "linux").string(RpmTag.ARCH, "noarch").string(RpmTag.SOURCERPM, "demo-1.2-3.src.rpm")
                .string(RpmTag.VENDOR, "Demo Inc")
                .strings(RpmTag.PROVIDENAME, "demo", "virtual-appliance")
                .int32(RpmTag.PROVIDEFLAGS, RpmDependency.EQUAL, 0)
                .strings(RpmTag.PROVIDEVERSION, "2:1.2-3", "")
                .strings(RpmTag.REQUIRENAME, "/bin/sh", "bash", "rpmlib(PayloadFilesHavePrefix)")
                .int32(RpmTag.REQUIREFLAGS, RpmDependency.SCRIPT_PRE | RpmDependency.INTERP,
                        RpmDependency.GREATER | RpmDependency.EQUAL,
                        RpmDependency.RPMLIB | RpmDependency.LESS | RpmDependency.EQUAL)
                .strings(RpmTag.REQUIREVERSION, "", "4.0", "4.0-1")
                .strings(RpmTag.CONFLICTNAME, "virtual-appliance").int32(RpmTag.CONFLICTFLAGS, 0)
                .strings(RpmTag.CONFLICTVERSION, "")
                .strings(RpmTag.OBSOLETENAME, "olddemo").int32(RpmTag.OBSOLETEFLAGS, RpmDependency.LESS)
                .strings(RpmTag.OBSOLETEVERSION, "1.0")
                .strings(RpmTag.RECOMMENDNAME, "httpd").int32(RpmTag.RECOMMENDFLAGS, 0).strings(RpmTag.RECOMMENDVERSION, "")
                .strings(RpmTag.DIRNAMES, "/usr/share/virtual-appliance/", "/usr/share/virtual-appliance/demo/")
                .strings(RpmTag.BASENAMES, "demo", "demo.seed", "link")
                .int32(RpmTag.DIRINDEXES, 0, 1, 1)
                .int16(RpmTag.FILEMODES, (short) 040755, (short) 0100644, (short) 0120777)
                .int32(RpmTag.FILESIZES, 0, 22, 9)
                .int32(RpmTag.FILEFLAGS, 0, RpmFile.CONFIG | RpmFile.NOREPLACE, 0)
                .int32(RpmTag.FILEMTIMES, 1_700_000_000, 1_700_000_001, 1_700_000_002)
                .strings(RpmTag.FILEDIGESTS, "", sha256(SEED_TEXT.getBytes(StandardCharsets.UTF_8)), "")
                .strings(RpmTag.FILELINKTOS, "", "", "demo.seed")
                .strings(RpmTag.FILEUSERNAME, "root", "root", "root")
                .strings(RpmTag.FILEGROUPNAME, "root", "root", "root")
                .int32(RpmTag.FILEDIGESTALGO, 8)
                .int32(RpmTag.CHANGELOGTIME, 1_735_732_800, 1_735_646_400)
                .strings(RpmTag.CHANGELOGNAME, "Demo <d@example.org> - 2:1.2-3", "Demo <d@example.org> - 2:1.2-2")
                .strings(RpmTag.CHANGELOGTEXT, "- second", "- first")
                .string(RpmTag.PAYLOADFORMAT, "cpio").string(RpmTag.PAYLOADCOMPRESSOR, "gzip")
                .string(RpmTag.PAYLOADFLAGS, "9");
        r.payload = compress(Compression.GZIP, cpio(
                newc("./usr/share/virtual-appliance/demo", 040755, new byte[0]),
                newc("./usr/share/virtual-appliance/demo/demo.seed", 0100644, SEED_TEXT.getBytes(StandardCharsets.UTF_8)),
                newc("./usr/share/virtual-appliance/demo/link", 0120777, "demo.seed".getBytes(StandardCharsets.UTF_8))));
        return r;
    }

    byte[] build() {
        byte[] mainBytes = main.build(RpmTag.HEADERIMMUTABLE);
        if (sizes) {
            signature.int32(RpmSignatureTag.SIZE, mainBytes.length + payload.length);
            signature.string(RpmSignatureTag.SHA256, sha256(mainBytes));
        }
        byte[] sigBytes = signature.build(RpmSignatureTag.HEADERSIGNATURES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(lead);
        out.writeBytes(sigBytes);
        signatureEnd = out.size();
        while (pad && out.size() % 8 != 0) {
            out.write(0);
        }
        headerStart = out.size();
        out.writeBytes(mainBytes);
        headerEnd = out.size();
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] lead(String name) {
        ByteBuffer b = ByteBuffer.allocate(96);
        b.put(new byte[] {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb, 3, 0});
        b.putShort((short) 0).putShort((short) 1);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        b.put(n).put(new byte[66 - n.length]);
        b.putShort((short) 1).putShort((short) 5);
        return b.array();
    }

    /** One newc cpio member. */
    static byte[] newc(String name, int mode, byte[] content) {
        return newc(name, mode, content, 1, 1);
    }

    /** One newc cpio member with its inode number and link count (hard links share an inode). */
    static byte[] newc(String name, int mode, byte[] content, int inode, int links) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        String header = String.format("070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x", inode, mode, 0, 0,
                links, 0, content.length, 0, 0, 0, 0, nameBytes.length, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nameBytes);
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        out.writeBytes(content);
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    /** One stripped member (rpm's large-file format): an index into the header's file list. */
    static byte[] stripped(int fileIndex, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.format("07070X%08x", fileIndex).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[2]);
        out.writeBytes(content);
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    static byte[] cpio(byte[]... members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : members) {
            out.writeBytes(m);
        }
        out.writeBytes(newc("TRAILER!!!", 0, new byte[0]));
        return out.toByteArray();
    }

    static byte[] compress(Compression c, byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = org.vatools.core.pkg.deb.TestCompressors.compress(c, bytes)) {
                out.write(data);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Index of the entry for {@code tag} in the header that starts at {@code headerStart}. */
    static int entryIndex(byte[] file, long headerStart, int tag) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int il = b.getInt((int) headerStart + 8);
        for (int i = 0; i < il; i++) {
            if (b.getInt((int) headerStart + 16 + 16 * i) == tag) {
                return i;
            }
        }
        throw new IllegalArgumentException("no tag " + tag);
    }

    /** Overwrites field {@code field} (0 tag, 1 type, 2 offset, 3 count) of an index entry. */
    static void patchEntry(byte[] file, long headerStart, int tag, int field, int value) {
        int i = entryIndex(file, headerStart, tag);
        ByteBuffer.wrap(file).putInt((int) headerStart + 16 + 16 * i + 4 * field, value);
    }
}
