package org.vatools.core.pkg.rpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.vatools.core.pkg.io.PackageInput;
import org.vatools.core.pkg.io.PackageProblems;

/**
 * One rpm header structure (the signature header or the main header) exactly as stored: magic
 * {@code 8E AD E8 01}, four reserved bytes, the index entry count and data length, the index
 * entries (tag, type, offset, count; 16 bytes each, big-endian) and the data store.
 *
 * <p>Reading checks what rpm's own header verification checks, before any value is decoded:
 * counts and lengths within rpm's limits and the file, known types, aligned offsets, data of every
 * entry inside the data store and not overlapping the entry before it, strings terminated, and the
 * immutable region's trailer. Typed accessors then check the type of the entry asked for, so a
 * {@code NAME} stored as a number is an error naming the tag, never a wrong value.
 *
 * <p>{@link #bytes()} is the exact byte range of the file, for re-signing: a new signature header
 * can be put in front of these bytes and the payload without touching either.
 */
public final class RpmHeader {
    /** Which of the two headers this is; the tag numbers mean different things in each. */
    public enum Kind {
        SIGNATURE("signature header", 32, 64 * 1024 * 1024, RpmSignatureTag.HEADERSIGNATURES),
        MAIN("main header", 0xffff, 0x0fffffff, RpmTag.HEADERIMMUTABLE);

        private final String label;
        private final int maxEntries;
        private final int maxData;
        private final int regionTag;

        Kind(String label, int maxEntries, int maxData, int regionTag) {
            this.label = label;
            this.maxEntries = maxEntries;
            this.maxData = maxData;
            this.regionTag = regionTag;
        }

        /** rpm's limit on the index entry count of this header. */
        public int maxEntries() {
            return maxEntries;
        }

        /** rpm's limit on the data length of this header. */
        public int maxData() {
            return maxData;
        }

        String tagName(int tag) {
            return (this == SIGNATURE ? RpmSignatureTag.name(tag) : RpmTag.name(tag));
        }
    }

    /** One index entry as stored. */
    public record Entry(int tag, RpmType type, int offset, int count) {
    }

    static final byte[] MAGIC = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01};
    private static final int ENTRY = 16;

    private final Kind kind;
    private final String source;
    private final long offset;
    private final byte[] bytes;
    private final int dataStart;
    private final int dataLength;
    private final List<Entry> entries;
    private final Map<Integer, Entry> byTag;
    private final boolean immutableRegion;

    private RpmHeader(Kind kind, String source, long offset, byte[] bytes, int dataStart, int dataLength,
                      List<Entry> entries, boolean immutableRegion) {
        this.kind = kind;
        this.source = source;
        this.offset = offset;
        this.bytes = bytes;
        this.dataStart = dataStart;
        this.dataLength = dataLength;
        this.entries = Collections.unmodifiableList(entries);
        Map<Integer, Entry> map = new HashMap<>();
        for (Entry e : entries) {
            map.putIfAbsent(e.tag(), e);
        }
        this.byTag = map;
        this.immutableRegion = immutableRegion;
    }

    /** Reads and verifies a header at the input's position. */
    static RpmHeader read(PackageInput in, Kind kind) throws IOException {
        String source = in.source();
        long start = in.position();
        String where = kind.label + " at offset " + start;
        byte[] preamble = in.readExactly(16, kind.label);
        for (int i = 0; i < 4; i++) {
            if (preamble[i] != MAGIC[i]) {
                throw PackageProblems.invalid(source, where + ": bad magic " + HexFormat.ofDelimiter(" ")
                        .formatHex(preamble, 0, 4).toUpperCase() + " (expected 8E AD E8 01); not an rpm or corrupt");
            }
        }
        long il = u32(preamble, 8);
        long dl = u32(preamble, 12);
        if (il < 1 || il > kind.maxEntries) {
            throw PackageProblems.invalid(source, where + ": index entry count " + il + " is out of range (1 to "
                    + kind.maxEntries + ")");
        }
        if (dl > kind.maxData) {
            throw PackageProblems.invalid(source, where + ": data length " + dl + " is out of range (at most "
                    + kind.maxData + ")");
        }
        long rest = il * ENTRY + dl;
        in.requireAvailable(rest, where + ": " + il + " index entries and " + dl + " bytes of data");
        byte[] body = in.readExactly((int) rest, where + ": " + il + " index entries and " + dl + " bytes of data");
        byte[] all = new byte[16 + body.length];
        System.arraycopy(preamble, 0, all, 0, 16);
        System.arraycopy(body, 0, all, 16, body.length);
        return verify(kind, source, start, all, (int) il, (int) dl);
    }

    private static RpmHeader verify(Kind kind, String source, long start, byte[] b, int il, int dl) {
        String where = kind.label + " at offset " + start;
        int dataStart = 16 + il * ENTRY;
        List<Entry> entries = new ArrayList<>(il);
        for (int i = 0; i < il; i++) {
            int p = 16 + i * ENTRY;
            int tag = (int) u32(b, p);
            long typeId = u32(b, p + 4);
            long off = u32(b, p + 8);
            long count = u32(b, p + 12);
            Optional<RpmType> type = typeId > 9 ? Optional.empty() : RpmType.of((int) typeId);
            if (type.isEmpty()) {
                throw bad(source, where, i, tag, kind, "unknown type " + typeId);
            }
            entries.add(new Entry(tag, type.get(), (int) Math.min(off, Integer.MAX_VALUE),
                    (int) Math.min(count, Integer.MAX_VALUE)));
            if (off > dl) {
                throw bad(source, where, i, tag, kind, "data offset " + off + " lies past the data length " + dl);
            }
            if (count < 1 || count > dl) {
                throw bad(source, where, i, tag, kind, "count " + count + " cannot fit in " + dl + " bytes of data");
            }
        }
        boolean region = false;
        int first = 0;
        Entry e0 = entries.get(0);
        if (e0.tag() == kind.regionTag || e0.tag() == 61 || e0.tag() == RpmTag.HEADERIMMUTABLE
                || e0.tag() == RpmSignatureTag.HEADERSIGNATURES) {
            verifyRegion(kind, source, where, b, dataStart, il, dl, e0);
            region = true;
            first = 1;
        }
        long end = 0;
        for (int i = first; i < il; i++) {
            Entry e = entries.get(i);
            if (e.tag() < RpmTag.HEADERI18NTABLE) {
                throw bad(source, where, i, e.tag(), kind, "tag number below 100 outside the region entry");
            }
            if (e.offset() % e.type().alignment() != 0) {
                throw bad(source, where, i, e.tag(), kind, e.type() + " data at offset " + e.offset()
                        + " is not aligned to " + e.type().alignment() + " bytes");
            }
            if (end > e.offset()) {
                throw bad(source, where, i, e.tag(), kind, "data at offset " + e.offset()
                        + " overlaps the entry before it (which ends at " + end + ")");
            }
            long len = dataLength(b, dataStart, dl, e);
            if (len < 0) {
                throw bad(source, where, i, e.tag(), kind, e.count() + " " + e.type() + " value(s) at offset "
                        + e.offset() + " do not fit in the " + dl + " bytes of data"
                        + (e.type() == RpmType.STRING && e.count() != 1 ? " (a STRING has count 1)" : ""));
            }
            end = e.offset() + len;
        }
        return new RpmHeader(kind, source, start, b, dataStart, dl, entries, region);
    }

    private static void verifyRegion(Kind kind, String source, String where, byte[] b, int dataStart, int il,
                                     int dl, Entry region) {
        String name = kind.tagName(region.tag());
        if (region.tag() != kind.regionTag) {
            throw PackageProblems.invalid(source, where + ": the first entry is region tag " + region.tag()
                    + ", which does not belong in a " + kind.label + " (expected " + kind.regionTag + ")");
        }
        if (region.type() != RpmType.BIN || region.count() != 16) {
            throw PackageProblems.invalid(source, where + ": region tag " + name + " has type " + region.type()
                    + " and count " + region.count() + " (expected BIN, 16)");
        }
        if ((long) region.offset() + 16 > dl) {
            throw PackageProblems.invalid(source, where + ": region trailer at offset " + region.offset()
                    + " lies outside the " + dl + " bytes of data");
        }
        int t = dataStart + region.offset();
        int trailerTag = (int) u32(b, t);
        long trailerType = u32(b, t + 4);
        int trailerOffset = (int) u32(b, t + 8);
        long trailerCount = u32(b, t + 12);
        if (kind == Kind.SIGNATURE && trailerTag == 61) {
            trailerTag = kind.regionTag;
        }
        if (trailerTag != kind.regionTag || trailerType != RpmType.BIN.id() || trailerCount != 16) {
            throw PackageProblems.invalid(source, where + ": region trailer is damaged (tag " + trailerTag + ", type "
                    + trailerType + ", count " + trailerCount + ")");
        }
        long ril = trailerOffset > 0 || trailerOffset % ENTRY != 0 ? -1 : -(long) trailerOffset / ENTRY;
        long rdl = (long) region.offset() + 16;
        if (ril != il || rdl != dl) {
            throw PackageProblems.invalid(source, where + ": the immutable region covers " + ril + " entries and "
                    + rdl + " bytes, the header has " + il + " and " + dl + "; a package's region must cover"
                    + " the whole header");
        }
    }

    /** Bytes of data the entry occupies, or -1 when it does not fit. */
    private static long dataLength(byte[] b, int dataStart, int dl, Entry e) {
        long available = (long) dl - e.offset();
        switch (e.type()) {
            case CHAR, INT8, BIN, INT16, INT32, INT64 -> {
                long size = switch (e.type()) {
                    case INT16 -> 2;
                    case INT32 -> 4;
                    case INT64 -> 8;
                    default -> 1;
                };
                long len = size * e.count();
                return len <= available ? len : -1;
            }
            case STRING, STRING_ARRAY, I18NSTRING -> {
                if (e.type() == RpmType.STRING && e.count() != 1) {
                    return -1;
                }
                if (e.count() > available) {
                    return -1;
                }
                int p = dataStart + e.offset();
                int limit = dataStart + dl;
                for (int n = 0; n < e.count(); n++) {
                    while (p < limit && b[p] != 0) {
                        p++;
                    }
                    if (p >= limit) {
                        return -1;
                    }
                    p++;
                }
                return p - (dataStart + e.offset());
            }
            default -> {
                return -1;
            }
        }
    }

    private static RuntimeException bad(String source, String where, int index, int tag, Kind kind, String what) {
        return PackageProblems.invalid(source, where + ": index entry " + index + " (tag " + tag + " "
                + kind.tagName(tag) + "): " + what);
    }

    static long u32(byte[] b, int p) {
        return ((b[p] & 0xffL) << 24) | ((b[p + 1] & 0xffL) << 16) | ((b[p + 2] & 0xffL) << 8) | (b[p + 3] & 0xffL);
    }

    // ---------------------------------------------------------------- structure

    /** Signature or main header. */
    public Kind kind() {
        return kind;
    }

    /** Offset of the header's magic in the file. */
    public long offset() {
        return offset;
    }

    /** Size in bytes: 16 + 16 × entries + data length. */
    public int length() {
        return bytes.length;
    }

    /** Offset just past the header in the file. */
    public long end() {
        return offset + bytes.length;
    }

    /** A copy of the header's exact bytes, magic to the end of the data store. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of index entries, the region entry included. */
    public int indexCount() {
        return entries.size();
    }

    /** Bytes in the data store. */
    public int dataLength() {
        return dataLength;
    }

    /** True when the header starts with an immutable region entry (62 or 63) covering all of it. */
    public boolean hasImmutableRegion() {
        return immutableRegion;
    }

    /** The index entries in stored order. */
    public List<Entry> entries() {
        return entries;
    }

    /** True when the header has an entry for {@code tag}. */
    public boolean has(int tag) {
        return byTag.containsKey(tag);
    }

    /** The stored type of {@code tag}. */
    public Optional<RpmType> type(int tag) {
        return Optional.ofNullable(byTag.get(tag)).map(Entry::type);
    }

    // ---------------------------------------------------------------- typed access

    /** A STRING entry. */
    public Optional<String> string(int tag) {
        Entry e = entry(tag, RpmType.STRING);
        return e == null ? Optional.empty() : Optional.of(strings(e, 1).get(0));
    }

    /** A STRING_ARRAY entry. */
    public Optional<List<String>> stringArray(int tag) {
        Entry e = entry(tag, RpmType.STRING_ARRAY);
        return e == null ? Optional.empty() : Optional.of(strings(e));
    }

    /** An I18NSTRING entry: one string per locale of {@link RpmTag#HEADERI18NTABLE}, "C" first. */
    public Optional<List<String>> i18nString(int tag) {
        Entry e = entry(tag, RpmType.I18NSTRING);
        return e == null ? Optional.empty() : Optional.of(strings(e));
    }

    /** A BIN entry (a copy). */
    public Optional<byte[]> bin(int tag) {
        Entry e = entry(tag, RpmType.BIN);
        if (e == null) {
            return Optional.empty();
        }
        int p = dataStart + e.offset();
        byte[] copy = new byte[e.count()];
        System.arraycopy(bytes, p, copy, 0, e.count());
        return Optional.of(copy);
    }

    /** An INT8 entry. */
    public Optional<byte[]> int8(int tag) {
        Entry e = entry(tag, RpmType.INT8);
        if (e == null) {
            return Optional.empty();
        }
        byte[] copy = new byte[e.count()];
        System.arraycopy(bytes, dataStart + e.offset(), copy, 0, e.count());
        return Optional.of(copy);
    }

    /** An INT16 entry. */
    public Optional<short[]> int16(int tag) {
        Entry e = entry(tag, RpmType.INT16);
        if (e == null) {
            return Optional.empty();
        }
        short[] v = new short[e.count()];
        int p = dataStart + e.offset();
        for (int i = 0; i < v.length; i++, p += 2) {
            v[i] = (short) (((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff));
        }
        return Optional.of(v);
    }

    /** An INT32 entry. */
    public Optional<int[]> int32(int tag) {
        Entry e = entry(tag, RpmType.INT32);
        if (e == null) {
            return Optional.empty();
        }
        int[] v = new int[e.count()];
        int p = dataStart + e.offset();
        for (int i = 0; i < v.length; i++, p += 4) {
            v[i] = (int) u32(bytes, p);
        }
        return Optional.of(v);
    }

    /** An INT64 entry. */
    public Optional<long[]> int64(int tag) {
        Entry e = entry(tag, RpmType.INT64);
        if (e == null) {
            return Optional.empty();
        }
        long[] v = new long[e.count()];
        int p = dataStart + e.offset();
        for (int i = 0; i < v.length; i++, p += 8) {
            v[i] = (u32(bytes, p) << 32) | u32(bytes, p + 4);
        }
        return Optional.of(v);
    }

    /**
     * Text as rpm's {@code headerGetString} returns it: a STRING, or the first (C locale) value of
     * an I18NSTRING.
     */
    public Optional<String> text(int tag) {
        Entry e = byTag.get(tag);
        if (e == null) {
            return Optional.empty();
        }
        if (e.type() != RpmType.STRING && e.type() != RpmType.I18NSTRING) {
            throw mismatch(e, "STRING or I18NSTRING");
        }
        return Optional.of(strings(e, 1).get(0));
    }

    /** The first string of a STRING_ARRAY, I18NSTRING or STRING entry (only that one is decoded). */
    Optional<String> firstText(int tag) {
        Entry e = byTag.get(tag);
        if (e == null) {
            return Optional.empty();
        }
        if (e.type() != RpmType.STRING && e.type() != RpmType.STRING_ARRAY && e.type() != RpmType.I18NSTRING) {
            throw mismatch(e, "STRING_ARRAY");
        }
        return Optional.of(strings(e, 1).get(0));
    }

    /** A list of strings: STRING_ARRAY, I18NSTRING, or a STRING as a list of one. */
    public Optional<List<String>> texts(int tag) {
        Entry e = byTag.get(tag);
        if (e == null) {
            return Optional.empty();
        }
        if (e.type() != RpmType.STRING && e.type() != RpmType.STRING_ARRAY && e.type() != RpmType.I18NSTRING) {
            throw mismatch(e, "STRING_ARRAY");
        }
        return Optional.of(strings(e));
    }

    /**
     * Numbers of any integer type, as rpm's {@code headerGetNumber} reads them: INT8, INT16 and
     * INT32 as unsigned, INT64 as stored.
     */
    public Optional<long[]> numbers(int tag) {
        Entry e = byTag.get(tag);
        if (e == null) {
            return Optional.empty();
        }
        long[] v = new long[e.count()];
        int p = dataStart + e.offset();
        switch (e.type()) {
            case CHAR, INT8 -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = bytes[p + i] & 0xffL;
                }
            }
            case INT16 -> {
                for (int i = 0; i < v.length; i++, p += 2) {
                    v[i] = ((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff);
                }
            }
            case INT32 -> {
                for (int i = 0; i < v.length; i++, p += 4) {
                    v[i] = u32(bytes, p);
                }
            }
            case INT64 -> {
                for (int i = 0; i < v.length; i++, p += 8) {
                    v[i] = (u32(bytes, p) << 32) | u32(bytes, p + 4);
                }
            }
            default -> throw mismatch(e, "an integer type");
        }
        return Optional.of(v);
    }

    /**
     * {@link #numbers} of an entry that must have type {@code expected}, as rpm requires of the tags
     * it defines (FILEMODES is INT16, FILESIZES INT32...). Checking the type also bounds the memory
     * a hostile header can make the reader use.
     */
    Optional<long[]> numbers(int tag, RpmType expected) {
        Entry e = entry(tag, expected);
        return e == null ? Optional.empty() : numbers(tag);
    }

    /** The first value of {@link #numbers} (only that value is decoded). */
    public OptionalLong number(int tag) {
        Entry e = byTag.get(tag);
        if (e == null) {
            return OptionalLong.empty();
        }
        int p = dataStart + e.offset();
        return switch (e.type()) {
            case CHAR, INT8 -> OptionalLong.of(bytes[p] & 0xffL);
            case INT16 -> OptionalLong.of(((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff));
            case INT32 -> OptionalLong.of(u32(bytes, p));
            case INT64 -> OptionalLong.of((u32(bytes, p) << 32) | u32(bytes, p + 4));
            default -> throw mismatch(e, "an integer type");
        };
    }

    /** {@link #number} of an entry that must have type {@code expected}. */
    OptionalLong number(int tag, RpmType expected) {
        entry(tag, expected);
        return number(tag);
    }

    /** The number of values stored for {@code tag}, 0 when absent; nothing is decoded. */
    int count(int tag) {
        Entry e = byTag.get(tag);
        return e == null ? 0 : e.count();
    }

    /** A hex STRING such as the SHA-256 header digest, lower-cased. */
    Optional<String> hexString(int tag) {
        return string(tag).map(s -> s.toLowerCase(java.util.Locale.ROOT));
    }

    private Entry entry(int tag, RpmType expected) {
        Entry e = byTag.get(tag);
        if (e != null && e.type() != expected) {
            throw mismatch(e, expected.name());
        }
        return e;
    }

    private List<String> strings(Entry e) {
        return strings(e, e.count());
    }

    private List<String> strings(Entry e, int limit) {
        int count = Math.min(e.count(), limit);
        List<String> result = new ArrayList<>(Math.min(count, 1024));
        int p = dataStart + e.offset();
        for (int n = 0; n < count; n++) {
            int q = p;
            while (bytes[q] != 0) {
                q++;
            }
            result.add(q == p ? "" : new String(bytes, p, q - p, StandardCharsets.UTF_8));
            p = q + 1;
        }
        return result;
    }

    RuntimeException mismatch(Entry e, String expected) {
        return PackageProblems.invalid(source, kind.label + ": tag " + e.tag() + " (" + kind.tagName(e.tag())
                + ") has type " + e.type() + ", expected " + expected);
    }

    RuntimeException problem(String message) {
        return PackageProblems.invalid(source, kind.label + ": " + message);
    }

    @Override
    public String toString() {
        return kind.label + " at " + offset + " (" + entries.size() + " entries, " + dataLength + " bytes of data)";
    }
}
