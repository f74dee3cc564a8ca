package org.vatools.core.pkg.rpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.pkg.Compression;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.PackageFormat;
import org.vatools.core.pkg.PackageReader;
import org.vatools.core.pkg.ReadOptions;

class RpmReaderTest {
    private static final String SEED = RpmBytes.SEED;

    static RpmPackage read(byte[] bytes, ReadOptions options) throws IOException {
        return RpmReader.read(new ByteArrayInputStream(bytes), "t.rpm", bytes.length, options);
    }

    static RpmPackage readUnknownSize(byte[] bytes, ReadOptions options) throws IOException {
        return RpmReader.read(new ByteArrayInputStream(bytes), "t.rpm", -1, options);
    }

    static String invalid(byte[] bytes) {
        return invalid(bytes, ReadOptions.defaults().extracting(SEED));
    }

    static String invalid(byte[] bytes, ReadOptions options) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(bytes, options));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("t.rpm: "), e.getMessage());
        InvalidInputException stream = assertThrows(InvalidInputException.class, () -> readUnknownSize(bytes, options));
        assertTrue(stream.getMessage().startsWith("t.rpm: "), stream.getMessage());
        return e.getMessage();
    }

    @Test
    void readsEverythingRepodataNeeds() throws Exception {
        RpmBytes r = RpmBytes.typical();
        r.signature.int32(RpmSignatureTag.PAYLOADSIZE, 1234);
        byte[] bytes = r.build();
        RpmPackage rpm = read(bytes, ReadOptions.defaults());
        assertEquals("demo", rpm.name());
        assertEquals(OptionalLong.of(2), rpm.epoch());
        assertEquals("1.2", rpm.version());
        assertEquals("3", rpm.release());
        assertEquals("noarch", rpm.arch());
        assertEquals("2:1.2-3", rpm.fullVersion());
        assertEquals("demo-1.2-3.noarch", rpm.nvra());
        assertEquals(Optional.of("a demo package"), rpm.summary());
        assertEquals(Optional.of("The long description."), rpm.description());
        assertEquals(Optional.of("Demo <d@example.org>"), rpm.packager());
        assertEquals(Optional.of("https://example.org/demo"), rpm.url());
        assertEquals(OptionalLong.of(1_700_000_000), rpm.buildTime());
        assertEquals(Optional.of("builder.example.org"), rpm.buildHost());
        assertEquals(Optional.of("demo-1.2-3.src.rpm"), rpm.sourceRpm());
        assertEquals(Optional.of("MIT"), rpm.license());
        assertEquals(Optional.of("Demo Inc"), rpm.vendor());
        assertEquals(Optional.of("Applications/System"), rpm.group());
        assertFalse(rpm.isSourcePackage());
        assertEquals(bytes.length, rpm.packageSize());
        assertEquals(31, rpm.installedSize());
        assertEquals(1234, rpm.archiveSize());

        assertEquals(List.of(new RpmDependency("demo", RpmDependency.EQUAL, "2:1.2-3"),
                new RpmDependency("virtual-appliance", 0, "")), rpm.provides());
        List<RpmDependency> requires = rpm.requires();
        assertEquals(3, requires.size());
        assertTrue(requires.get(0).pre());
        assertFalse(requires.get(1).pre());
        assertEquals(Optional.of("GE"), requires.get(1).relation());
        assertEquals("bash >= 4.0", requires.get(1).toString());
        assertTrue(requires.get(2).rpmlib());
        assertEquals(Optional.of("LE"), requires.get(2).relation());
        assertEquals(Optional.of(new RpmEvr("", "4.0", "1")), requires.get(2).evr());
        assertEquals("virtual-appliance", rpm.conflicts().get(0).name());
        assertEquals(Optional.of("LT"), rpm.obsoletes().get(0).relation());
        assertEquals("httpd", rpm.recommends().get(0).name());
        assertEquals(List.of(), rpm.suggests());
        assertEquals(List.of(), rpm.supplements());
        assertEquals(List.of(), rpm.enhances());

        List<RpmFile> files = rpm.files();
        assertEquals(List.of("/usr/share/virtual-appliance/demo", SEED, "/usr/share/virtual-appliance/demo/link"),
                files.stream().map(RpmFile::path).toList());
        assertTrue(files.get(0).isDirectory());
        assertEquals("dir", files.get(0).repodataType());
        RpmFile seed = files.get(1);
        assertEquals(new RpmFile(SEED, 0100644, 22, RpmFile.CONFIG | RpmFile.NOREPLACE,
                RpmBytes.sha256(RpmBytes.SEED_TEXT.getBytes(StandardCharsets.UTF_8)), "", "root", "root", 1_700_000_001L),
                seed);
        assertTrue(seed.isConfig() && seed.isRegularFile() && !seed.isGhost() && !seed.isDoc());
        assertTrue(files.get(2).isSymlink());
        assertEquals("demo.seed", files.get(2).linkTarget());
        assertEquals(RpmHashAlgorithm.SHA256, rpm.fileDigestAlgorithm());
        assertEquals(List.of(new RpmChangelog(1_735_732_800L, "Demo <d@example.org> - 2:1.2-3", "- second"),
                new RpmChangelog(1_735_646_400L, "Demo <d@example.org> - 2:1.2-2", "- first")), rpm.changelogs());
        assertEquals("cpio", rpm.payloadFormat());
        assertEquals("gzip", rpm.payloadCompressor());
        assertEquals(Optional.of(Compression.GZIP), rpm.payloadCompression());
        assertEquals(Optional.of("9"), rpm.payloadFlags());
        assertEquals(Optional.empty(), rpm.payloadDigest());
        assertTrue(rpm.extractedFiles().isEmpty());
    }

    @Test
    void reportsTheLayoutAndExactBytesForResigning() throws Exception {
        RpmBytes r = RpmBytes.typical();
        r.signature.bin(RpmSignatureTag.RESERVEDSPACE, new byte[13]);
        byte[] bytes = r.build();
        RpmPackage rpm = read(bytes, ReadOptions.defaults());
        RpmLayout layout = rpm.layout();
        assertEquals(96, layout.signatureStart());
        assertEquals(r.signatureEnd, layout.signatureEnd());
        assertEquals(r.headerStart, layout.headerStart());
        assertEquals(0, layout.headerStart() % 8);
        assertTrue(layout.signaturePadding() > 0, "the test header needs padding: " + layout);
        assertEquals(r.headerEnd, layout.headerEnd());
        assertEquals(r.headerEnd, layout.payloadStart());
        assertEquals(bytes.length - r.headerEnd, layout.payloadSize());
        assertArrayEquals(Arrays.copyOf(bytes, 96), rpm.leadBytes());
        assertArrayEquals(Arrays.copyOfRange(bytes, 96, (int) r.signatureEnd), rpm.signatureHeader().bytes());
        assertArrayEquals(Arrays.copyOfRange(bytes, (int) r.headerStart, (int) r.headerEnd), rpm.header().bytes());
        assertEquals(r.headerStart, rpm.header().offset());
        assertEquals(r.headerEnd, rpm.header().end());
        assertTrue(rpm.header().hasImmutableRegion());
        assertTrue(rpm.signatureHeader().hasImmutableRegion());
        assertEquals(new RpmLead(3, 0, 0, 1, "demo-1.2-3", 1, 5), rpm.lead());
        RpmSignatures sig = rpm.signatures();
        assertTrue(sig.headerSha256Matches());
        assertEquals(Optional.of(RpmBytes.sha256(rpm.header().bytes())), sig.headerSha256());
        assertFalse(sig.isSigned());
        assertEquals(13, sig.reservedSpace());
        assertEquals(OptionalLong.of(bytes.length - r.headerStart), sig.headerAndPayloadSize());
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            assertEquals(HexFormat.of().formatHex(a.newDigest().digest(bytes)), rpm.digests().hex(a).orElseThrow());
        }
        assertEquals(rpm.digests(), readUnknownSize(bytes, ReadOptions.defaults()).digests());

        int dataStart = (int) r.headerStart + 16 + 16 * rpm.header().indexCount();
        bytes[dataStart + entryField(bytes, r.headerStart, RpmTag.NAME, 2)] ^= 1;
        assertFalse(read(bytes, ReadOptions.defaults()).signatures().headerSha256Matches());
    }

    @Test
    void givesTypedAccessToAnyTag() throws Exception {
        RpmBytes r = RpmBytes.typical();
        r.main.int8(5500, new byte[] {1, (byte) 0xff}).int16(5501, (short) 0xffff).int64(5502, 1L << 40, -1L)
                .bin(5503, new byte[] {9, 8, 7}).i18n(5504, "C text", "de Text");
        RpmHeader h = read(r.build(), ReadOptions.defaults()).header();
        assertArrayEquals(new byte[] {1, (byte) 0xff}, h.int8(5500).orElseThrow());
        assertArrayEquals(new long[] {1, 255}, h.numbers(5500).orElseThrow());
        assertArrayEquals(new short[] {(short) 0xffff}, h.int16(5501).orElseThrow());
        assertEquals(OptionalLong.of(65535), h.number(5501));
        assertArrayEquals(new long[] {1L << 40, -1L}, h.int64(5502).orElseThrow());
        assertArrayEquals(new byte[] {9, 8, 7}, h.bin(5503).orElseThrow());
        assertEquals(List.of("C text", "de Text"), h.i18nString(5504).orElseThrow());
        assertEquals(Optional.of("C text"), h.text(5504));
        assertEquals(Optional.of("demo"), h.string(RpmTag.NAME));
        assertEquals(List.of("demo", "virtual-appliance"), h.stringArray(RpmTag.PROVIDENAME).orElseThrow());
        assertArrayEquals(new int[] {0, 1, 1}, h.int32(RpmTag.DIRINDEXES).orElseThrow());
        assertEquals(Optional.of(RpmType.INT16), h.type(RpmTag.FILEMODES));
        assertTrue(h.int32(4242).isEmpty());
        assertFalse(h.has(4242));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> h.int32(RpmTag.NAME));
        assertEquals("t.rpm: main header: tag 1000 (NAME) has type STRING, expected INT32", e.getMessage());
        assertThrows(InvalidInputException.class, () -> h.string(RpmTag.PROVIDENAME));
        assertThrows(InvalidInputException.class, () -> h.numbers(RpmTag.NAME));
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "XZ", "ZSTD", "BZIP2", "LZMA", "NONE"})
    void extractsWantedFilesFromEveryPayloadCompression(Compression c) throws Exception {
        RpmBytes r = RpmBytes.typical();
        r.main.string(RpmTag.PAYLOADCOMPRESSOR, c == Compression.NONE ? "identity" : c.id());
        r.payload = RpmBytes.compress(c, RpmBytes.cpio(
                RpmBytes.newc("./usr/share/virtual-appliance/demo", 040755, new byte[0]),
                RpmBytes.newc("./usr/share/virtual-appliance/demo/demo.seed", 0100644,
                        RpmBytes.SEED_TEXT.getBytes(StandardCharsets.UTF_8))));
        byte[] bytes = r.build();
        RpmPackage rpm = read(bytes, ReadOptions.defaults().extracting(name -> Set.of(
                "/usr/share/virtual-appliance/" + name + "/" + name + ".seed", "/usr/share/virtual-appliance/demo/link",
                "/not/in/header")));
        assertEquals(Set.of(SEED), rpm.extractedFiles().keySet());
        assertEquals(RpmBytes.SEED_TEXT, new String(rpm.extractedFile(SEED).orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(bytes.length, rpm.digests().size());
        assertEquals(read(bytes, ReadOptions.defaults()).digests(), rpm.digests());
    }

    @Test
    void extractsFromRpmsStrippedLargeFilePayload() throws Exception {
        RpmBytes r = RpmBytes.typical();
        r.payload = RpmBytes.compress(Compression.GZIP, RpmBytes.cpio(
                RpmBytes.stripped(0, new byte[0]),
                RpmBytes.stripped(1, RpmBytes.SEED_TEXT.getBytes(StandardCharsets.UTF_8)),
                RpmBytes.stripped(2, "demo.seed".getBytes(StandardCharsets.UTF_8))));
        assertEquals(RpmBytes.SEED_TEXT, new String(read(r.build(), ReadOptions.defaults().extracting(SEED))
                .extractedFile(SEED).orElseThrow(), StandardCharsets.UTF_8));
        r.payload = RpmBytes.compress(Compression.GZIP, RpmBytes.cpio(RpmBytes.stripped(7, new byte[0])));
        assertTrue(invalid(r.build()).contains("names file 7 but the header lists 3"));
    }

    @Test
    void extractsHardLinksWhoseContentComesWithTheLastLink() throws Exception {
        RpmBytes r = RpmBytes.typical();
        r.main.strings(RpmTag.BASENAMES, "demo", "demo.seed", "link")
                .int16(RpmTag.FILEMODES, (short) 040755, (short) 0100644, (short) 0100644)
                .strings(RpmTag.FILELINKTOS, "", "", "");
        byte[] seed = RpmBytes.SEED_TEXT.getBytes(StandardCharsets.UTF_8);
        r.payload = RpmBytes.compress(Compression.GZIP, RpmBytes.cpio(
                RpmBytes.newc("./usr/share/virtual-appliance/demo", 040755, new byte[0], 1, 2),
                RpmBytes.newc("./usr/share/virtual-appliance/demo/demo.seed", 0100644, new byte[0], 7, 2),
                RpmBytes.newc("./usr/share/virtual-appliance/demo/link", 0100644, seed, 7, 2)));
        RpmPackage rpm = read(r.build(), ReadOptions.defaults().extracting(SEED));
        assertArrayEquals(seed, rpm.extractedFile(SEED).orElseThrow());
        RpmPackage both = read(r.build(), ReadOptions.defaults().extracting(SEED,
                "/usr/share/virtual-appliance/demo/link"));
        assertEquals(2, both.extractedFiles().size());
        assertArrayEquals(seed, both.extractedFile("/usr/share/virtual-appliance/demo/link").orElseThrow());
    }

    @Test
    void doesNotDecompressWhenNothingWantedIsInTheHeader() throws Exception {
        RpmBytes r = RpmBytes.typical();
        r.payload = "not gzip at all".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = r.build();
        assertTrue(read(bytes, ReadOptions.defaults().extracting("/etc/other")).extractedFiles().isEmpty());
        assertTrue(invalid(bytes).contains("the gzip payload is corrupt"));
        r.main.string(RpmTag.PAYLOADCOMPRESSOR, "lz4");
        byte[] lz4 = r.build();
        assertEquals("lz4", read(lz4, ReadOptions.defaults()).payloadCompressor());
        assertTrue(invalid(lz4).contains("payload compressor 'lz4' is not one of"));
        r.main.string(RpmTag.PAYLOADFORMAT, "drpm");
        assertTrue(invalid(r.build()).contains("payload format 'drpm' is not cpio"));
    }

    @Test
    void refusesCorruptCpio() {
        RpmBytes r = RpmBytes.typical();
        r.payload = RpmBytes.compress(Compression.GZIP, "070707 old binary cpio".getBytes(StandardCharsets.US_ASCII));
        assertTrue(invalid(r.build()).contains("no cpio header at payload offset 0 (found '070707')"));
        byte[] cpio = RpmBytes.newc("./x", 0100644, new byte[0]);
        byte[] hugeName = cpio.clone();
        System.arraycopy("FFFFFFFF".getBytes(StandardCharsets.US_ASCII), 0, hugeName, 94, 8);
        r.payload = RpmBytes.compress(Compression.GZIP, hugeName);
        assertTrue(invalid(r.build()).contains("name size of 4294967295"));
        byte[] seedMember = RpmBytes.newc("./usr/share/virtual-appliance/demo/demo.seed", 0100644,
                RpmBytes.SEED_TEXT.getBytes(StandardCharsets.UTF_8));
        r.payload = RpmBytes.compress(Compression.GZIP, Arrays.copyOf(seedMember, seedMember.length - 10));
        assertTrue(invalid(r.build()).contains("before the cpio trailer"), invalid(r.build()));
        r.payload = RpmBytes.compress(Compression.GZIP, RpmBytes.cpio(RpmBytes.newc(
                "./usr/share/virtual-appliance/demo/demo.seed", 0100644, RpmBytes.SEED_TEXT.getBytes(StandardCharsets.UTF_8))));
        assertTrue(invalid(r.build(), ReadOptions.defaults().extracting(SEED).withMaxExtractBytes(5))
                .contains(SEED + " is 22 bytes, more than the 5 bytes allowed"));
    }

    @Test
    void everyTruncationIsReportedAsInvalidInput() {
        byte[] bytes = RpmBytes.typical().build();
        for (ReadOptions options : List.of(ReadOptions.defaults(), ReadOptions.defaults().extracting(SEED))) {
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] prefix = Arrays.copyOf(bytes, cut);
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(prefix, options),
                        "cut at " + cut);
                assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not an rpm"),
                        cut + ": " + e.getMessage());
                assertThrows(InvalidInputException.class, () -> readUnknownSize(prefix, options), "stream cut at " + cut);
            }
        }
    }

    @Test
    void aTruncatedPayloadIsFoundEvenWithoutASizeTagWhenExtracting() {
        RpmBytes r = RpmBytes.typical();
        r.sizes = false;
        byte[] bytes = r.build();
        byte[] cut = Arrays.copyOf(bytes, (int) r.headerEnd + 20);
        assertEquals("t.rpm: the gzip payload is corrupt: Unexpected end of ZLIB input stream", invalid(cut));
        assertTrue(invalid(Arrays.copyOf(bytes, (int) r.headerEnd), ReadOptions.defaults())
                .contains("the payload is missing"));
    }

    @Test
    void truncationMessagesNameTheMissingBytes() {
        RpmBytes r = RpmBytes.typical();
        byte[] bytes = r.build();
        String payload = invalid(Arrays.copyOf(bytes, bytes.length - 7), ReadOptions.defaults());
        assertTrue(payload.contains("truncated: the signature header records") && payload.contains("(7 bytes of payload"
                + " missing)"), payload);
        String header = invalid(Arrays.copyOf(bytes, (int) r.headerStart + 100), ReadOptions.defaults());
        assertTrue(header.startsWith("t.rpm: truncated: main header at offset " + r.headerStart), header);
    }

    @Test
    void refusesBadLeads() {
        byte[] bytes = RpmBytes.typical().build();
        byte[] magic = bytes.clone();
        magic[0] = 0;
        assertTrue(invalid(magic).contains("not an rpm: no lead magic"));
        byte[] v2 = bytes.clone();
        v2[4] = 2;
        assertTrue(invalid(v2).contains("unsupported rpm format version 2.0"));
        byte[] sigType = bytes.clone();
        sigType[79] = 1;
        assertTrue(invalid(sigType).contains("lead signature type 1 is not 5"));
        assertTrue(invalid(new byte[40]).contains("only 40 bytes"));
    }

    @Test
    void refusesImpossibleCountsAndLengthsBeforeAllocating() {
        RpmBytes r = RpmBytes.typical();
        byte[] bytes = r.build();
        String zero = invalid(withInt(bytes, 96 + 8, 0));
        assertTrue(zero.contains("signature header at offset 96: index entry count 0 is out of range (1 to 32)"), zero);
        assertTrue(invalid(withInt(bytes, 96 + 8, 33)).contains("index entry count 33 is out of range"));
        assertTrue(invalid(withInt(bytes, (int) r.headerStart + 8, 0x7fffffff)).contains("count 2147483647 is out of range"));
        assertTrue(invalid(withInt(bytes, (int) r.headerStart + 8, -1)).contains("count 4294967295 is out of range"));
        assertTrue(invalid(withInt(bytes, (int) r.headerStart + 12, 0x10000000)).contains("data length 268435456 is out"
                + " of range (at most 268435455)"));
        String pastEnd = invalid(withInt(withInt(bytes, (int) r.headerStart + 8, 0xffff), (int) r.headerStart + 12,
                0x0fffffff));
        assertTrue(pastEnd.contains("truncated: main header at offset " + r.headerStart + ": 65535 index entries and"
                + " 268435455 bytes of data at offset " + (r.headerStart + 16) + " needs 269484015 bytes but the file"
                + " ends at offset " + bytes.length), pastEnd);
    }

    @Test
    void refusesBadHeaderMagicAndMissingAlignment() {
        RpmBytes r = RpmBytes.typical();
        byte[] bytes = r.build();
        assertTrue(invalid(withInt(bytes, 96, 0x12345678)).contains("signature header at offset 96: bad magic 12 34 56"
                + " 78 (expected 8E AD E8 01)"));
        r.signature.bin(RpmSignatureTag.RESERVEDSPACE, new byte[13]);
        r.pad = false;
        byte[] unpadded = r.build();
        assertTrue(r.headerStart % 8 != 0, "the test needs a signature header that is not a multiple of 8");
        String message = invalid(unpadded);
        assertTrue(message.contains("main header at offset " + (r.headerStart + (8 - r.headerStart % 8))), message);
    }

    @Test
    void refusesIndexEntriesRpmWouldRefuse() {
        RpmBytes r = RpmBytes.typical();
        byte[] bytes = r.build();
        long h = r.headerStart;
        assertTrue(invalidPatched(bytes, h, RpmTag.NAME, 1, 12).contains("(tag 1000 NAME): unknown type 12"));
        assertTrue(invalidPatched(bytes, h, RpmTag.NAME, 1, 0).contains("unknown type 0"));
        int dirIndexesOffset = entryField(bytes, h, RpmTag.DIRINDEXES, 2);
        assertTrue(invalidPatched(bytes, h, RpmTag.DIRINDEXES, 2, dirIndexesOffset + 2)
                .contains("INT32 data at offset " + (dirIndexesOffset + 2) + " is not aligned to 4 bytes"));
        assertTrue(invalidPatched(bytes, h, RpmTag.NAME, 2, 0x7ffffff0).contains("data offset 2147483632 lies past"));
        assertTrue(invalidPatched(bytes, h, RpmTag.DIRINDEXES, 3, 0x7fffffff).contains("count 2147483647 cannot fit"));
        assertTrue(invalidPatched(bytes, h, RpmTag.DIRINDEXES, 3, 500).contains("500 INT32 value(s) at offset "
                + dirIndexesOffset + " do not fit"));
        assertTrue(invalidPatched(bytes, h, RpmTag.NAME, 3, 2).contains("(a STRING has count 1)"));
        String moreStrings = invalidPatched(bytes, h, RpmTag.BASENAMES, 3, 50);
        assertTrue(moreStrings.contains("(tag 1117 BASENAMES): 50 STRING_ARRAY value(s) at offset")
                && moreStrings.contains("do not fit"), moreStrings);
        int versionOffset = entryField(bytes, h, RpmTag.VERSION, 2);
        assertTrue(invalidPatched(bytes, h, RpmTag.RELEASE, 2, versionOffset).contains("overlaps the entry before it"));
        assertTrue(invalidPatched(bytes, h, RpmTag.NAME, 0, 99).contains("tag number below 100"));
    }

    @Test
    void refusesAStringWithoutTerminator() {
        RpmBytes r = RpmBytes.typical();
        r.main.remove(RpmTag.HEADERI18NTABLE);
        r.main.string(9999, "last");
        byte[] bytes = r.build();
        int dataStart = (int) r.headerStart + 16 + 16 * ByteBuffer.wrap(bytes).getInt((int) r.headerStart + 8);
        int offset = entryField(bytes, r.headerStart, 9999, 2);
        int regionTrailer = entryField(bytes, r.headerStart, RpmTag.HEADERIMMUTABLE, 2);
        assertEquals(offset + 5, regionTrailer, "the string is the last data before the region trailer");
        bytes[dataStart + offset + 4] = 'X';
        Arrays.fill(bytes, dataStart + regionTrailer, dataStart + regionTrailer + 16, (byte) 'Y');
        String message = invalid(bytes);
        assertTrue(message.contains("region trailer is damaged") || message.contains("do not fit"), message);
    }

    @Test
    void refusesADamagedOrPartialImmutableRegion() {
        RpmBytes r = RpmBytes.typical();
        byte[] bytes = r.build();
        long h = r.headerStart;
        int dataStart = (int) h + 16 + 16 * ByteBuffer.wrap(bytes).getInt((int) h + 8);
        int trailer = dataStart + entryField(bytes, h, RpmTag.HEADERIMMUTABLE, 2);
        assertTrue(invalid(withInt(bytes, trailer, 62)).contains("region trailer is damaged (tag 62"));
        assertTrue(invalid(withInt(bytes, trailer + 8, -16)).contains("the immutable region covers 1 entries"));
        assertTrue(invalidPatched(bytes, h, RpmTag.HEADERIMMUTABLE, 3, 8)
                .contains("region tag HEADERIMMUTABLE has type BIN and count 8 (expected BIN, 16)"));
        assertTrue(invalidPatched(bytes, h, RpmTag.HEADERIMMUTABLE, 0, 62).contains("region tag 62, which does not"
                + " belong in a main header"));
    }

    @Test
    void refusesTagsOfTheWrongTypeOrMissing() {
        RpmBytes r = RpmBytes.typical();
        r.main.int32(RpmTag.NAME, 7);
        assertEquals("t.rpm: main header: tag 1000 (NAME) has type INT32, expected STRING or I18NSTRING",
                invalid(r.build()));
        r.main.remove(RpmTag.NAME);
        assertEquals("t.rpm: main header: required tag 1000 (NAME) is missing", invalid(r.build()));
        RpmBytes modes = RpmBytes.typical();
        modes.main.strings(RpmTag.FILEMODES, "a", "b", "c");
        assertTrue(invalid(modes.build()).contains("tag 1030 (FILEMODES) has type STRING_ARRAY, expected INT16"));
        RpmBytes wide = RpmBytes.typical();
        wide.main.int8(RpmTag.FILEMODES, new byte[] {1, 2, 3});
        assertTrue(invalid(wide.build()).contains("tag 1030 (FILEMODES) has type INT8, expected INT16"));
        RpmBytes size = RpmBytes.typical();
        size.sizes = false;
        size.signature.int8(RpmSignatureTag.SIZE, new byte[4000]);
        assertEquals("t.rpm: signature header: tag 1000 (SIZE) has type INT8, expected INT32", invalid(size.build()));
    }

    @Test
    void refusesArraysThatAreNotParallel() {
        RpmBytes r = RpmBytes.typical();
        r.main.int32(RpmTag.DIRINDEXES, 0, 1);
        assertTrue(invalid(r.build()).contains("DIRINDEXES has 2 entries but BASENAMES has 3"));
        r.main.int32(RpmTag.DIRINDEXES, 0, 1, 5);
        assertTrue(invalid(r.build()).contains("DIRINDEXES[2] = 5 but there are only 2 DIRNAMES"));
        RpmBytes sizes = RpmBytes.typical();
        sizes.main.int32(RpmTag.FILESIZES, 1);
        assertTrue(invalid(sizes.build()).contains("FILESIZES has 1 entries but BASENAMES has 3"));
        RpmBytes deps = RpmBytes.typical();
        deps.main.strings(RpmTag.REQUIREVERSION, "1");
        assertTrue(invalid(deps.build()).contains("REQUIREVERSION has 1 entries but REQUIRENAME has 3"));
        RpmBytes log = RpmBytes.typical();
        log.main.strings(RpmTag.CHANGELOGTEXT, "only one");
        assertTrue(invalid(log.build()).contains("CHANGELOGTEXT has 1 entries but CHANGELOGTIME has 2"));
        RpmBytes algo = RpmBytes.typical();
        algo.main.int32(RpmTag.FILEDIGESTALGO, 99);
        assertTrue(invalid(algo.build()).contains("FILEDIGESTALGO 99 is not a digest algorithm rpm knows"));
    }

    @Test
    void readsLongSizesAndOldFileNames() throws Exception {
        RpmBytes r = RpmBytes.typical();
        r.main.remove(RpmTag.BASENAMES).remove(RpmTag.DIRNAMES).remove(RpmTag.DIRINDEXES).remove(RpmTag.FILESIZES)
                .strings(RpmTag.OLDFILENAMES, "/a", "/b", "/c")
                .int64(RpmTag.LONGFILESIZES, 0, 5_000_000_000L, 9).int64(RpmTag.LONGSIZE, 5_000_000_009L)
                .remove(RpmTag.FILEDIGESTALGO);
        r.signature.int64(RpmSignatureTag.LONGARCHIVESIZE, 6_000_000_000L);
        RpmPackage rpm = read(r.build(), ReadOptions.defaults());
        assertEquals(List.of("/a", "/b", "/c"), rpm.files().stream().map(RpmFile::path).toList());
        assertEquals(5_000_000_000L, rpm.files().get(1).size());
        assertEquals(5_000_000_009L, rpm.installedSize());
        assertEquals(6_000_000_000L, rpm.archiveSize());
        assertEquals(RpmHashAlgorithm.MD5, rpm.fileDigestAlgorithm());
    }

    @Test
    void aFailingDiskIsAnIoErrorNotInvalidInput() {
        byte[] bytes = RpmBytes.typical().build();
        for (int failAt : new int[] {10, 200, bytes.length - 30}) {
            IOException e = assertThrows(IOException.class, () -> RpmReader.read(
                    new org.vatools.core.pkg.deb.DebReaderTestSupport.FailingStream(bytes, failAt), "t.rpm", bytes.length,
                    ReadOptions.defaults().extracting(SEED)));
            assertEquals("t.rpm: disk on fire", e.getMessage());
        }
    }

    @Test
    void readsFromAPathAndDetectsTheFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo-1.2-3.noarch.rpm");
        Files.write(file, RpmBytes.typical().build());
        assertEquals(PackageFormat.RPM, PackageFormat.detect(file));
        assertEquals("demo", RpmReader.read(file).name());
        assertEquals(RpmPackage.class, PackageReader.read(file, ReadOptions.defaults()).getClass());
        assertEquals(RpmBytes.SEED_TEXT, new String(RpmReader.extract(file, SEED).orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(RpmReader.extract(file, "/etc/none").isEmpty());
    }

    private static byte[] withInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }

    private static int entryField(byte[] bytes, long headerStart, int tag, int field) {
        int i = RpmBytes.entryIndex(bytes, headerStart, tag);
        return ByteBuffer.wrap(bytes).getInt((int) headerStart + 16 + 16 * i + 4 * field);
    }

    private static String invalidPatched(byte[] bytes, long headerStart, int tag, int field, int value) {
        byte[] copy = bytes.clone();
        RpmBytes.patchEntry(copy, headerStart, tag, field, value);
        return invalid(copy);
    }
}
