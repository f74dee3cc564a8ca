package org.vatools.repotools.build;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses like {@code gzip -9n}: best compression, and a header without file name or time
 * (MTIME 0, XFL 2 "maximum compression", OS 3 "Unix"), so the bytes depend on the content only.
 * lintian checks exactly these header fields on {@code changelog.Debian.gz}.
 */
public final class GzipNoName {
    private GzipNoName() {
    }

    public static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=2 OS=3
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        writeLittleEndian(out, (int) crc.getValue());
        writeLittleEndian(out, data.length);
        return out.toByteArray();
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
        out.write((value >>> 16) & 0xff);
        out.write((value >>> 24) & 0xff);
    }
}
