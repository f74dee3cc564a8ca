package org.vatools.repotools.publish.apt;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip file made of independently compressed chunks in one member, the gzip counterpart of
 * {@link XzBlocks}: each chunk is deflated on its own and ends with a full flush (the dictionary
 * is reset, the output ends on a byte boundary), so the chunks' deflate data can be put one after
 * the other, closed by an empty final block, inside one gzip member with the CRC-32 and size of
 * the whole text. The header has no file name and mtime 0, as {@code gzip -n} writes it, so the
 * output depends only on the text.
 */
public final class GzipChunks {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3};
    private static final byte[] EMPTY_FINAL_BLOCK = {3, 0};

    private GzipChunks() {
    }

    /** Raw deflate data of {@code data} at level 9, ending with a full flush and no final block. */
    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(9, true);
        try {
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
                out.write(buffer, 0, n);
                if (n < buffer.length && deflater.needsInput()) {
                    break;
                }
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * The gzip file of {@code text}, given the deflated chunks whose concatenation is {@code text}.
     */
    public static byte[] join(List<byte[]> deflatedChunks, byte[] text) {
        int total = HEADER.length + EMPTY_FINAL_BLOCK.length + 8;
        for (byte[] c : deflatedChunks) {
            total += c.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(total);
        out.writeBytes(HEADER);
        for (byte[] c : deflatedChunks) {
            out.writeBytes(c);
        }
        out.writeBytes(EMPTY_FINAL_BLOCK);
        CRC32 crc = new CRC32();
        crc.update(text);
        writeLe32(out, crc.getValue());
        writeLe32(out, text.length & 0xffffffffL);
        return out.toByteArray();
    }

    private static void writeLe32(ByteArrayOutputStream out, long v) {
        out.write((int) v);
        out.write((int) (v >>> 8));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 24));
    }
}
