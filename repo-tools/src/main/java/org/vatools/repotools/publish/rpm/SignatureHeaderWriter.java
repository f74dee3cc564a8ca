package org.vatools.repotools.publish.rpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.vatools.core.pkg.rpm.RpmHeader;
import org.vatools.core.pkg.rpm.RpmSignatureTag;
import org.vatools.core.pkg.rpm.RpmType;

/**
 * Writes an rpm signature header as rpm itself lays it out: magic {@code 8E AD E8 01}, four
 * reserved zero bytes, entry count and data length; the region entry (HEADERSIGNATURES, 62)
 * first, then one index entry per tag in tag order, their data in the same order, each aligned as
 * its type requires, and the region trailer (tag 62, BIN, offset -16 × entries, count 16) as the
 * last 16 bytes of data. rpm and {@link org.vatools.core.pkg.rpm.RpmReader} verify exactly this.
 */
final class SignatureHeaderWriter {
    private static final byte[] MAGIC = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01, 0, 0, 0, 0};

    private record Value(RpmType type, int count, byte[] data) {
    }

    private final Map<Integer, Value> values = new TreeMap<>();

    SignatureHeaderWriter bin(int tag, byte[] data) {
        return put(tag, new Value(RpmType.BIN, data.length, data.clone()));
    }

    /** A STRING: UTF-8 bytes and a terminating NUL. */
    SignatureHeaderWriter string(int tag, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[text.length + 1];
        System.arraycopy(text, 0, data, 0, text.length);
        return put(tag, new Value(RpmType.STRING, 1, data));
    }

    SignatureHeaderWriter int32(int tag, long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("tag " + tag + ": " + value + " does not fit in INT32");
        }
        return put(tag, new Value(RpmType.INT32, 1, ByteBuffer.allocate(4).putInt((int) value).array()));
    }

    SignatureHeaderWriter int64(int tag, long value) {
        return put(tag, new Value(RpmType.INT64, 1, ByteBuffer.allocate(8).putLong(value).array()));
    }

    /**
     * Copies the entry for {@code tag} of another header verbatim (type, count and data), such as
     * the size tags or IMA file signatures of the package's original signature header.
     */
    SignatureHeaderWriter copy(RpmHeader from, int tag) {
        for (RpmHeader.Entry e : from.entries()) {
            if (e.tag() == tag) {
                byte[] all = from.bytes();
                int dataStart = 16 + 16 * from.indexCount();
                int start = dataStart + e.offset();
                int end = start + switch (e.type()) {
                    case STRING, STRING_ARRAY, I18NSTRING -> {
                        int p = start;
                        for (int n = 0; n < e.count(); n++) {
                            while (all[p] != 0) {
                                p++;
                            }
                            p++;
                        }
                        yield p - start;
                    }
                    case INT16 -> 2 * e.count();
                    case INT32 -> 4 * e.count();
                    case INT64 -> 8 * e.count();
                    default -> e.count();
                };
                byte[] data = new byte[end - start];
                System.arraycopy(all, start, data, 0, data.length);
                return put(tag, new Value(e.type(), e.count(), data));
            }
        }
        throw new IllegalArgumentException("no tag " + tag + " in " + from);
    }

    private SignatureHeaderWriter put(int tag, Value value) {
        if (tag <= RpmSignatureTag.HEADERSIGNATURES) {
            throw new IllegalArgumentException("tag " + tag + " is reserved for the region");
        }
        if (value.data.length == 0) {
            throw new IllegalArgumentException("tag " + tag + " has no data");
        }
        values.put(tag, value);
        return this;
    }

    /** The header's bytes, without the padding to a multiple of 8 that follows it in a package. */
    byte[] toBytes() {
        int entries = values.size() + 1;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer index = ByteBuffer.allocate(entries * 16);
        index.position(16);
        for (Map.Entry<Integer, Value> e : values.entrySet()) {
            Value v = e.getValue();
            while (data.size() % v.type.alignment() != 0) {
                data.write(0);
            }
            index.putInt(e.getKey()).putInt(v.type.id()).putInt(data.size()).putInt(v.count);
            data.writeBytes(v.data);
        }
        int trailerOffset = data.size();
        data.writeBytes(ByteBuffer.allocate(16).putInt(RpmSignatureTag.HEADERSIGNATURES).putInt(RpmType.BIN.id())
                .putInt(-16 * entries).putInt(16).array());
        index.position(0);
        index.putInt(RpmSignatureTag.HEADERSIGNATURES).putInt(RpmType.BIN.id()).putInt(trailerOffset).putInt(16);
        ByteBuffer out = ByteBuffer.allocate(16 + entries * 16 + data.size());
        out.put(MAGIC).putInt(entries).putInt(data.size()).put(index.array()).put(data.toByteArray());
        return out.array();
    }
}
