package org.vatools.repotools.publish.apt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.CRC32;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * An xz file made of independently compressed blocks in one stream, so that a chunk of an index
 * compressed once can be reused when the index is written again. apt 2.6 reads only the first
 * stream of a file made of concatenated xz streams (checked: a Packages.xz of three streams gives
 * "Hash Sum mismatch" with the first stream's size), but reads every block of a single stream, as
 * every xz decoder must ({@code xz -T} writes such files). Each chunk is compressed on its own as
 * a one-block stream ({@link #compress}); {@link #join} takes the blocks out of those streams and
 * writes them into one stream with a new index. Output depends only on the chunks' bytes.
 */
public final class XzBlocks {
    private static final byte[] MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final int CHECK = XZ.CHECK_CRC64;
    /** Dictionary: a chunk is far smaller, so a larger one would only cost memory (preset 6 uses 8 MiB). */
    private static final int DICT_SIZE = 1 << 20;

    private XzBlocks() {
    }

    /** Compresses {@code data} as a one-block xz stream (no block at all for empty data). */
    public static byte[] compress(byte[] data, int preset) {
        try {
            LZMA2Options options = new LZMA2Options(preset);
            options.setDictSize(DICT_SIZE);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
            try (XZOutputStream xz = new XZOutputStream(out, options, CHECK)) {
                xz.write(data);
            }
            return out.toByteArray();
        } catch (UnsupportedOptionsException e) {
            throw new IllegalArgumentException("xz preset " + preset + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One stream holding the blocks of every one-block stream in {@code streams}, in order. */
    public static byte[] join(List<byte[]> streams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        index.write(0);
        int records = 0;
        ByteArrayOutputStream recordBytes = new ByteArrayOutputStream();
        writeStreamHeader(out);
        for (byte[] stream : streams) {
            Parsed p = parse(stream);
            out.write(stream, 12, p.blocksLength);
            for (long[] r : p.records) {
                writeMultibyte(recordBytes, r[0]);
                writeMultibyte(recordBytes, r[1]);
                records++;
            }
        }
        writeMultibyte(index, records);
        index.writeBytes(recordBytes.toByteArray());
        while (index.size() % 4 != 0) {
            index.write(0);
        }
        byte[] indexBytes = index.toByteArray();
        out.writeBytes(indexBytes);
        writeLe32(out, crc32(indexBytes, 0, indexBytes.length));
        long backwardSize = (indexBytes.length + 4) / 4 - 1;
        byte[] footerFields = new byte[6];
        footerFields[0] = (byte) backwardSize;
        footerFields[1] = (byte) (backwardSize >>> 8);
        footerFields[2] = (byte) (backwardSize >>> 16);
        footerFields[3] = (byte) (backwardSize >>> 24);
        footerFields[4] = 0;
        footerFields[5] = (byte) CHECK;
        writeLe32(out, crc32(footerFields, 0, 6));
        out.writeBytes(footerFields);
        out.write('Y');
        out.write('Z');
        return out.toByteArray();
    }

    private static void writeStreamHeader(ByteArrayOutputStream out) {
        out.writeBytes(MAGIC);
        byte[] flags = {0, (byte) CHECK};
        out.writeBytes(flags);
        writeLe32(out, crc32(flags, 0, 2));
    }

    /** The blocks' length and the index records (unpadded size, uncompressed size) of one stream. */
    private record Parsed(int blocksLength, List<long[]> records) {
    }

    private static Parsed parse(byte[] s) {
        if (s.length < 24 || s[0] != MAGIC[0] || s[1] != MAGIC[1] || s[5] != 0 || s[7] != CHECK
                || s[s.length - 2] != 'Y' || s[s.length - 1] != 'Z') {
            throw new IllegalArgumentException("not a single xz stream written by XzBlocks.compress");
        }
        int footer = s.length - 12;
        long backward = (s[footer + 4] & 0xffL) | (s[footer + 5] & 0xffL) << 8 | (s[footer + 6] & 0xffL) << 16
                | (s[footer + 7] & 0xffL) << 24;
        int indexSize = (int) ((backward + 1) * 4);
        int indexStart = footer - indexSize;
        int[] pos = {indexStart};
        if (s[pos[0]++] != 0) {
            throw new IllegalArgumentException("xz index indicator missing");
        }
        long count = readMultibyte(s, pos);
        java.util.ArrayList<long[]> records = new java.util.ArrayList<>();
        for (long i = 0; i < count; i++) {
            records.add(new long[] {readMultibyte(s, pos), readMultibyte(s, pos)});
        }
        return new Parsed(indexStart - 12, records);
    }

    private static long readMultibyte(byte[] s, int[] pos) {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = s[pos[0]++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("xz index: integer too long");
    }

    private static void writeMultibyte(ByteArrayOutputStream out, long value) {
        long v = value;
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void writeLe32(ByteArrayOutputStream out, long v) {
        out.write((int) v);
        out.write((int) (v >>> 8));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 24));
    }

    private static long crc32(byte[] b, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(b, off, len);
        return crc.getValue();
    }
}
