package org.vatools.core.pkg.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.vatools.core.pkg.WantedFiles;
import org.vatools.core.pkg.io.PackageProblems;

/**
 * Walks the cpio archive inside an rpm payload: the "new ASCII" format ({@code 070701}, also
 * {@code 070702} with checksums) and rpm's stripped format for large files ({@code 07070X}, an
 * index into the header's file list instead of a full header). Entries are 4-byte aligned.
 * Names are bounded at 4096 bytes, as rpm bounds them.
 */
final class CpioReader {
    static final int MAX_NAME = 4096;
    private static final String TRAILER = "TRAILER!!!";

    /**
     * One archive member; {@code size} bytes of content follow. Hard links share {@code inode}
     * (device and inode number) and rpm stores their content once, with the last of them.
     */
    record Entry(String path, int mode, long size, String inode, long links) {
        boolean isRegularFile() {
            return (mode & 0170000) == 0100000;
        }

        /** True for a hard link whose content comes with a later member. */
        boolean contentFollowsLater() {
            return links > 1 && size == 0;
        }
    }

    private final InputStream in;
    private final String source;
    private final List<RpmFile> files;
    private long position;
    private long contentLeft;

    CpioReader(InputStream in, String source, List<RpmFile> files) {
        this.in = in;
        this.source = source;
        this.files = files;
    }

    /** The next member, or null after the trailer. Skips what is left of the previous content. */
    Entry next() throws IOException {
        skipContent();
        skip((4 - position % 4) % 4);
        long start = position;
        String magic = ascii(readFully(6));
        switch (magic) {
            case "070701", "070702" -> {
                byte[] h = readFully(104);
                int mode = (int) hex(h, 8, start);
                long size = hex(h, 48, start);
                long nameSize = hex(h, 88, start);
                if (nameSize < 1 || nameSize > MAX_NAME) {
                    throw corrupt("cpio header at payload offset " + start + " has a name size of " + nameSize);
                }
                byte[] name = readFully((int) nameSize);
                if (name[name.length - 1] != 0) {
                    throw corrupt("cpio name at payload offset " + start + " is not terminated");
                }
                String path = new String(name, 0, name.length - 1, StandardCharsets.UTF_8);
                skip((4 - position % 4) % 4);
                if (path.equals(TRAILER)) {
                    return null;
                }
                contentLeft = size;
                String inode = hex(h, 56, start) + ":" + hex(h, 64, start) + ":" + hex(h, 0, start);
                return new Entry(WantedFiles.normalize(path), mode, size, inode, hex(h, 32, start));
            }
            case "07070X" -> {
                long index = hex(readFully(8), 0, start);
                if (index >= files.size()) {
                    throw corrupt("stripped cpio entry at payload offset " + start + " names file " + index
                            + " but the header lists " + files.size());
                }
                skip((4 - position % 4) % 4);
                RpmFile f = files.get((int) index);
                contentLeft = f.size();
                return new Entry(WantedFiles.normalize(f.path()), f.mode(), f.size(), "stripped:" + index, 1);
            }
            default -> throw corrupt("no cpio header at payload offset " + start + " (found '" + printable(magic)
                    + "')");
        }
    }

    /** The current member's content; at most {@code max} bytes are accepted. */
    byte[] readContent(String path, long max) throws IOException {
        if (contentLeft > max) {
            throw PackageProblems.invalid(source, path + " is " + contentLeft + " bytes, more than the " + max
                    + " bytes allowed for an extracted file");
        }
        byte[] bytes = readFully((int) contentLeft);
        contentLeft = 0;
        return bytes;
    }

    private void skipContent() throws IOException {
        skip(contentLeft);
        contentLeft = 0;
    }

    private byte[] readFully(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        position += b.length;
        if (b.length != n) {
            throw corrupt("the payload ends at uncompressed offset " + position + " before the cpio trailer");
        }
        return b;
    }

    private void skip(long n) throws IOException {
        long left = n;
        byte[] scratch = null;
        while (left > 0) {
            long k = in.skip(left);
            if (k <= 0) {
                if (scratch == null) {
                    scratch = new byte[(int) Math.min(left, 64 * 1024)];
                }
                int r = in.read(scratch, 0, (int) Math.min(left, scratch.length));
                if (r < 0) {
                    throw corrupt("the payload ends at uncompressed offset " + position + " before the cpio trailer");
                }
                k = r;
            }
            left -= k;
            position += k;
        }
    }

    private long hex(byte[] b, int offset, long headerStart) {
        long v = 0;
        for (int i = offset; i < offset + 8; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0) {
                throw corrupt("cpio header at payload offset " + headerStart + " has a non-hex field");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private RuntimeException corrupt(String what) {
        return PackageProblems.invalid(source, "payload is corrupt: " + what);
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
