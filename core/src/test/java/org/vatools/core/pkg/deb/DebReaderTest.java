package org.vatools.core.pkg.deb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.pkg.Compression;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.PackageFormat;
import org.vatools.core.pkg.PackageReader;
import org.vatools.core.pkg.ReadOptions;

class DebReaderTest {
    private static final String SEED = "/usr/share/virtual-appliance/demo/demo.seed";

    static DebPackage read(byte[] bytes, ReadOptions options) throws IOException {
        return DebReader.read(new ByteArrayInputStream(bytes), "t.deb", bytes.length, options);
    }

    static DebPackage readUnknownSize(byte[] bytes, ReadOptions options) throws IOException {
        return DebReader.read(new ByteArrayInputStream(bytes), "t.deb", -1, options);
    }

    static InvalidInputException invalid(byte[] bytes, ReadOptions options) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(bytes, options));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("t.deb"), e.getMessage());
        return e;
    }

    @Test
    void readsControlDigestsAndControlMembers() throws Exception {
        byte[] bytes = DebBytes.typical().build();
        DebPackage deb = read(bytes, ReadOptions.defaults());
        assertEquals("demo", deb.name());
        assertEquals("1:1.2-3", deb.version());
        assertEquals(new DebianVersion(1, "1.2", "3"), deb.debianVersion());
        assertEquals("all", deb.architecture());
        assertEquals("2.0", deb.formatVersion());
        assertEquals(DebBytes.CONTROL, deb.control().text());
        assertEquals("a demo package\n The long description.", deb.control().get("description").orElseThrow());
        assertEquals(Compression.GZIP, deb.controlCompression());
        assertEquals(Compression.GZIP, deb.dataCompression());
        assertEquals(List.of("control", "md5sums", "conffiles"), deb.controlMemberNames());
        assertEquals(List.of("/etc/demo.conf", "remove-on-upgrade /etc/old.conf"), deb.conffiles());
        assertEquals(Map.of("/usr/share/doc/demo/copyright", "0123456789abcdef0123456789abcdef"), deb.md5sums());
        assertEquals(DebBytes.CONTROL, new String(deb.controlMember("control").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(bytes.length, deb.digests().size());
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            String expected = HexFormat.of().formatHex(a.newDigest().digest(bytes));
            assertEquals(expected, deb.digests().hex(a).orElseThrow(), a.name());
        }
        assertFalse(deb.hasDataFileList());
        assertThrows(IllegalStateException.class, deb::dataFiles);
        assertEquals(deb.digests(), readUnknownSize(bytes, ReadOptions.defaults()).digests());
    }

    @Test
    void computesOnlyTheDigestsAskedFor() throws Exception {
        byte[] bytes = DebBytes.typical().build();
        DebPackage deb = read(bytes, ReadOptions.defaults().withDigests(DigestAlgorithm.SHA256));
        assertEquals(Set.of(DigestAlgorithm.SHA256), deb.digests().hashes().keySet());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), deb.digests().sha256());
        assertThrows(IllegalStateException.class, () -> deb.digests().md5());
        assertEquals(bytes.length, read(bytes, ReadOptions.defaults().withDigests()).digests().size());
    }

    @Test
    void listsDataFilesAndExtractsWantedOnes() throws Exception {
        byte[] bytes = DebBytes.typical().build();
        DebPackage deb = read(bytes, ReadOptions.defaults().withDataFiles()
                .extracting(name -> Set.of("/usr/share/virtual-appliance/" + name + "/" + name + ".seed",
                        "usr/share/virtual-appliance/demo/link", "/not/there")));
        List<DebDataFile> files = deb.dataFiles();
        assertEquals(List.of("/", "/usr", "/usr/share", "/usr/share/virtual-appliance",
                "/usr/share/virtual-appliance/demo", SEED, "/usr/share/virtual-appliance/demo/link", "/usr/bin/tool"),
                files.stream().map(DebDataFile::path).toList());
        DebDataFile seed = files.get(5);
        assertEquals(new DebDataFile(SEED, DebDataFile.Type.FILE, 0644, 22, "", "root", "root", 1_700_000_000L), seed);
        assertEquals(DebDataFile.Type.SYMLINK, files.get(6).type());
        assertEquals("demo.seed", files.get(6).linkTarget());
        assertEquals("-rwsr-xr-x", files.get(7).modeString());
        assertEquals("drwxr-xr-x", files.get(0).modeString());
        assertEquals(Set.of(SEED), deb.extractedFiles().keySet());
        assertEquals("demo demo/q string hi\n", new String(deb.extractedFile("./" + SEED.substring(1)).orElseThrow(),
                StandardCharsets.UTF_8));
        assertTrue(deb.extractedFile("/usr/share/virtual-appliance/demo/link").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void readsEveryDataCompression(Compression c) throws Exception {
        byte[] control = DebBytes.tar(c == Compression.BZIP2 || c == Compression.LZMA ? Compression.GZIP : c,
                DebBytes.file("./control", DebBytes.CONTROL));
        byte[] bytes = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar" + (c == Compression.BZIP2 || c == Compression.LZMA ? ".gz" : c.suffix()), control)
                .member("data.tar" + c.suffix(), DebBytes.typicalData(c)).build();
        DebPackage deb = read(bytes, ReadOptions.defaults().withDataFiles().extracting(SEED));
        assertEquals(c, deb.dataCompression());
        assertEquals(8, deb.dataFiles().size());
        assertEquals("demo demo/q string hi\n", new String(deb.extractedFile(SEED).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void extractionAloneStopsDecompressingOnceFoundButStillHashesEverything() throws Exception {
        byte[] bytes = DebBytes.typical().build();
        DebPackage deb = read(bytes, ReadOptions.defaults().extracting(SEED));
        assertFalse(deb.hasDataFileList());
        assertTrue(deb.extractedFile(SEED).isPresent());
        assertEquals(bytes.length, deb.digests().size());
        assertEquals(read(bytes, ReadOptions.defaults()).digests(), deb.digests());
    }

    @Test
    void everyTruncationIsReportedAsInvalidInput() throws Exception {
        DebBytes debBytes = DebBytes.typical();
        byte[] bytes = debBytes.build();
        long endOfData = debBytes.contentEnd(2);
        for (ReadOptions options : List.of(ReadOptions.defaults(), ReadOptions.defaults().withDataFiles())) {
            for (int cut = 0; cut < endOfData; cut++) {
                byte[] prefix = Arrays.copyOf(bytes, cut);
                InvalidInputException known = assertThrows(InvalidInputException.class, () -> read(prefix, options),
                        "cut at " + cut);
                assertTrue(known.getMessage().contains("truncated") || known.getMessage().contains("not a Debian")
                        || known.getMessage().contains("has no"), cut + ": " + known.getMessage());
                assertThrows(InvalidInputException.class, () -> readUnknownSize(prefix, options), "stream cut at " + cut);
            }
        }
    }

    @Test
    void truncationMessagesSayWhatIsMissing() {
        DebBytes debBytes = DebBytes.typical();
        byte[] bytes = debBytes.build();
        List<Long> b = debBytes.boundaries();
        String inHeader = invalid(Arrays.copyOf(bytes, (int) (b.get(1) + 30)), ReadOptions.defaults()).getMessage();
        assertEquals("t.deb: truncated: ar member header at offset " + b.get(1) + " needs 60 bytes but the file ends at"
                + " offset " + (b.get(1) + 30) + "; the file is incomplete, download or build it again", inHeader);
        String inData = invalid(Arrays.copyOf(bytes, (int) (b.get(3) - 5)), ReadOptions.defaults()).getMessage();
        assertTrue(inData.contains("ar member 'data.tar.gz'"), inData);
        assertTrue(inData.contains("truncated"), inData);
    }

    @Test
    void refusesFilesThatAreNotDebianPackages() {
        assertTrue(invalid("hello world, not a package".getBytes(StandardCharsets.US_ASCII), ReadOptions.defaults())
                .getMessage().contains("not a Debian package: no ar archive signature"));
        assertTrue(invalid(new byte[3], ReadOptions.defaults()).getMessage().contains("only 3 bytes"));
        assertTrue(invalid("!<arch>\n".getBytes(StandardCharsets.US_ASCII), ReadOptions.defaults()).getMessage()
                .contains("the ar archive is empty"));
        byte[] notDeb = new DebBytes().member("hello.txt", "hi".getBytes(StandardCharsets.US_ASCII)).build();
        assertTrue(invalid(notDeb, ReadOptions.defaults()).getMessage()
                .contains("the first ar member is 'hello.txt', not 'debian-binary'"));
        byte[] v3 = new DebBytes().member("debian-binary", "3.0\n".getBytes(StandardCharsets.US_ASCII)).build();
        assertTrue(invalid(v3, ReadOptions.defaults()).getMessage().contains("format version '3.0'"));
    }

    @Test
    void refusesAnArchiveWithoutControlOrData() {
        byte[] dataFirst = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("data.tar.gz", DebBytes.typicalData(Compression.GZIP)).build();
        assertTrue(invalid(dataFirst, ReadOptions.defaults()).getMessage()
                .contains("'data.tar.gz' comes where control.tar is expected"));
        byte[] onlyBinary = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII)).build();
        assertTrue(invalid(onlyBinary, ReadOptions.defaults()).getMessage().contains("has no control.tar member"));
        byte[] noData = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", DebBytes.tar(Compression.GZIP, DebBytes.file("./control", DebBytes.CONTROL)))
                .build();
        assertTrue(invalid(noData, ReadOptions.defaults()).getMessage().contains("has no data.tar member"));
        byte[] noControlFile = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", DebBytes.tar(Compression.GZIP, DebBytes.file("./postinst", "#!/bin/sh\n")))
                .member("data.tar.gz", DebBytes.typicalData(Compression.GZIP)).build();
        assertTrue(invalid(noControlFile, ReadOptions.defaults()).getMessage()
                .contains("member 'control.tar.gz' has no 'control' file"));
        byte[] lz4 = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.lz4", new byte[10]).build();
        assertTrue(invalid(lz4, ReadOptions.defaults()).getMessage().contains("compression dpkg does not know"));
    }

    @Test
    void skipsUnderscoreMembersAndIgnoresWhatFollowsData() throws Exception {
        DebBytes d = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("_gpgorigin", "signature".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", DebBytes.tar(Compression.GZIP, DebBytes.file("./control", DebBytes.CONTROL)))
                .member("data.tar", DebBytes.typicalData(Compression.NONE))
                .member("extra", "x".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = d.build();
        DebPackage deb = read(bytes, ReadOptions.defaults().withDataFiles());
        assertEquals(Compression.NONE, deb.dataCompression());
        assertEquals(bytes.length, deb.digests().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Package", "Version", "Architecture", "Maintainer", "Description"})
    void namesTheMissingRequiredField(String field) {
        String control = DebBytes.CONTROL.lines().filter(l -> !l.startsWith(field + ":") && !(field.equals("Description")
                && l.startsWith(" "))).reduce("", (a, l) -> a + l + "\n");
        InvalidInputException e = invalid(withControl(control), ReadOptions.defaults());
        assertEquals(1, e.problems().size(), e.getMessage());
        Problem p = e.problems().get(0);
        assertEquals("t.deb(control)", p.source());
        assertEquals(field, p.path());
        assertEquals("t.deb(control): " + field + ": required field '" + field + "' is missing", e.getMessage());
    }

    @Test
    void reportsEveryBadControlValueWithItsLine() {
        String control = """
                Package: Demo_Pkg
                Version: 1.0-
                Architecture: All
                Maintainer:
                Description: x
                """;
        InvalidInputException e = invalid(withControl(control), ReadOptions.defaults());
        List<Problem> problems = e.problems();
        assertEquals(4, problems.size(), e.getMessage());
        assertEquals("Maintainer", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("is empty"));
        assertEquals(4, problems.get(0).line());
        assertEquals("Package", problems.get(1).path());
        assertEquals(1, problems.get(1).line());
        assertTrue(problems.get(1).message().contains("'Demo_Pkg' is not a valid Debian package name"));
        assertEquals("Version", problems.get(2).path());
        assertEquals(2, problems.get(2).line());
        assertTrue(problems.get(2).message().contains("revision after the last '-' is empty"));
        assertEquals("Architecture", problems.get(3).path());
        assertTrue(e.getMessage().contains("t.deb(control):2: Version: '1.0-' is not a valid Debian version"),
                e.getMessage());
    }

    @Test
    void reportsControlSyntaxAndEncodingErrorsWithLines() {
        InvalidInputException syntax = invalid(withControl(DebBytes.CONTROL + "garbage line\n"), ReadOptions.defaults());
        assertEquals(7, syntax.problems().get(0).line());
        byte[] latin1 = (DebBytes.CONTROL.replace("Demo Maker", "J\u00f6rg")).getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", DebBytes.tar(Compression.GZIP, DebBytes.fileBytes("./control", latin1, 0644)))
                .member("data.tar.gz", DebBytes.typicalData(Compression.GZIP)).build();
        InvalidInputException utf = invalid(bytes, ReadOptions.defaults());
        assertEquals("t.deb(control):4: not valid UTF-8 (byte 0xf6 at offset 62); control data must be UTF-8",
                utf.getMessage());
    }

    @Test
    void refusesMalformedArHeaders() {
        byte[] noMagic = new DebBytes().rawMember("debian-binary   0           0     0     100644  4         XX",
                "2.0\n".getBytes(StandardCharsets.US_ASCII)).build();
        assertTrue(invalid(noMagic, ReadOptions.defaults()).getMessage().contains("does not end with '`\\n'"));
        byte[] badSize = new DebBytes().rawMember("debian-binary   0           0     0     100644  4x        `\n",
                "2.0\n".getBytes(StandardCharsets.US_ASCII)).build();
        assertTrue(invalid(badSize, ReadOptions.defaults()).getMessage().contains("invalid size field '4x'"));
        byte[] huge = new DebBytes().rawMember("debian-binary   0           0     0     100644  9999999999`\n",
                "2.0\n".getBytes(StandardCharsets.US_ASCII)).build();
        String message = invalid(huge, ReadOptions.defaults()).getMessage();
        assertTrue(message.contains("needs 9999999999 bytes but the file ends"), message);
        assertThrows(InvalidInputException.class, () -> readUnknownSize(huge, ReadOptions.defaults()));
    }

    @Test
    void refusesCorruptCompressedMembers() {
        byte[] gz = DebBytes.tar(Compression.GZIP, DebBytes.file("./control", DebBytes.CONTROL));
        gz[gz.length / 2] ^= 0x55;
        gz[gz.length / 2 + 1] ^= 0x55;
        byte[] bytes = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", gz).member("data.tar.gz", DebBytes.typicalData(Compression.GZIP)).build();
        String message = invalid(bytes, ReadOptions.defaults()).getMessage();
        assertTrue(message.contains("member 'control.tar.gz' is corrupt"), message);

        byte[] data = DebBytes.typicalData(Compression.XZ);
        byte[] cut = Arrays.copyOf(data, data.length - 20);
        byte[] bytes2 = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", DebBytes.tar(Compression.GZIP, DebBytes.file("./control", DebBytes.CONTROL)))
                .member("data.tar.xz", cut).build();
        String m2 = invalid(bytes2, ReadOptions.defaults().withDataFiles()).getMessage();
        assertTrue(m2.contains("member 'data.tar.xz' is corrupt"), m2);
    }

    @Test
    void refusesAControlTarThatExpandsBeyondTheLimit() {
        byte[] half = new byte[(int) (DebReader.MAX_CONTROL_BYTES / 2 + 1024)];
        byte[] bomb = DebBytes.tar(Compression.GZIP, DebBytes.fileBytes("./templates", half, 0644),
                DebBytes.fileBytes("./templates.more", half, 0644), DebBytes.file("./control", DebBytes.CONTROL));
        assertTrue(bomb.length < 200_000, "the compressed member is small: " + bomb.length);
        byte[] bytes = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", bomb).member("data.tar.gz", DebBytes.typicalData(Compression.GZIP)).build();
        String message = invalid(bytes, ReadOptions.defaults()).getMessage();
        assertTrue(message.contains("expands to more than"), message);
    }

    @Test
    void refusesAnExtractedFileAboveTheLimit() {
        byte[] bytes = DebBytes.typical().build();
        String message = invalid(bytes, ReadOptions.defaults().extracting(SEED).withMaxExtractBytes(10)).getMessage();
        assertTrue(message.contains(SEED + " is 22 bytes, more than the 10 bytes allowed"), message);
    }

    @Test
    void refusesMalformedMd5sums() {
        byte[] bytes = new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", DebBytes.tar(Compression.GZIP, DebBytes.file("./control", DebBytes.CONTROL),
                        DebBytes.file("./md5sums", "0123456789abcdef0123456789abcdef  a\nnot-a-sum b\n")))
                .member("data.tar.gz", DebBytes.typicalData(Compression.GZIP)).build();
        InvalidInputException e = invalid(bytes, ReadOptions.defaults());
        assertEquals(2, e.problems().get(0).line());
        assertEquals("t.deb(md5sums)", e.problems().get(0).source());
    }

    @Test
    void aFailingDiskIsAnIoErrorNotInvalidInput() {
        byte[] bytes = DebBytes.typical().build();
        for (ReadOptions options : List.of(ReadOptions.defaults(), ReadOptions.defaults().withDataFiles())) {
            for (int failAt : new int[] {4, 100, bytes.length - 40}) {
                IOException e = assertThrows(IOException.class, () -> DebReader.read(
                        new DebReaderTestSupport.FailingStream(bytes, failAt), "t.deb", bytes.length, options));
                assertEquals("t.deb: disk on fire", e.getMessage());
            }
        }
    }

    @Test
    void readsFromAPathAndDetectsTheFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo_1.2-3_all.deb");
        Files.write(file, DebBytes.typical().build());
        assertEquals(PackageFormat.DEB, PackageFormat.detect(file));
        DebPackage deb = DebReader.read(file);
        assertEquals(file.toString(), deb.source());
        assertSame(DebPackage.class, PackageReader.read(file, ReadOptions.defaults()).getClass());
        assertArrayEquals("demo demo/q string hi\n".getBytes(StandardCharsets.UTF_8),
                DebReader.extract(file, SEED).orElseThrow());
        assertTrue(DebReader.extract(file, "/etc/nothing").isEmpty());
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "just text");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PackageFormat.detect(text));
        assertTrue(e.getMessage().startsWith(text + ": neither a Debian package"), e.getMessage());
    }

    private static byte[] withControl(String control) {
        return new DebBytes().member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII))
                .member("control.tar.gz", DebBytes.tar(Compression.GZIP, DebBytes.file("./control", control)))
                .member("data.tar.gz", DebBytes.typicalData(Compression.GZIP)).build();
    }
}
