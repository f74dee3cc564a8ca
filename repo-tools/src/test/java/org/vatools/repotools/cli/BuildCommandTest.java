package org.vatools.repotools.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.repotools.build.TestAppliance;

/** {@code repo-tools build} run in-process: output, exit codes, and what is (not) written. */
class BuildCommandTest {
    private static final Pattern LINE = Pattern.compile("(\\S+)  (\\d+) bytes  sha256:([0-9a-f]{64})");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RepoToolsMain.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void buildsBothFamiliesAndPrintsPathSizeAndSha256() throws Exception {
        Path app = new TestAppliance().writeTo(tmp.resolve("src"));
        Path out = tmp.resolve("out");
        Run r = run("build", "--out", out.toString(), app.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            Path file = Path.of(m.group(1));
            assertEquals(Files.size(file), Long.parseLong(m.group(2)));
            assertEquals(sha256(file), m.group(3));
        }
        assertEquals(List.of("va-test-appliance-2.1-3.noarch.rpm", "va-test-appliance_2.1-3_all.deb"), names(out));
    }

    @Test
    void formatSelectsTheFamilyAndQuietPrintsNothing() throws IOException {
        Path app = new TestAppliance().writeTo(tmp.resolve("src"));
        Path out = tmp.resolve("out");
        Run r = run("build", "-q", "--format", "deb", "--out", out.toString(), app.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertEquals(List.of("va-test-appliance_2.1-3_all.deb"), names(out));
    }

    @Test
    void anApplianceWithoutTheFamilyIsSkippedWithANotice() throws IOException {
        Path debOnly = new TestAppliance().name("deb-only-appliance").families(true, false).writeTo(tmp.resolve("src"));
        Path both = new TestAppliance().writeTo(tmp.resolve("src"));
        Path out = tmp.resolve("out");
        Run r = run("build", "--format", "rpm", "--out", out.toString(), debOnly.toString(), both.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("repo-tools: notice: skipping rpm for deb-only-appliance:"), r.err());
        assertEquals(List.of("va-test-appliance-2.1-3.noarch.rpm"), names(out));
    }

    @Test
    void nothingBuildableIsAnErrorAndCreatesNothing() throws IOException {
        Path debOnly = new TestAppliance().families(true, false).writeTo(tmp.resolve("src"));
        Path out = tmp.resolve("out");
        Run r = run("build", "--format", "rpm", "--out", out.toString(), debOnly.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("nothing to build"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void invalidDescriptorsAreAllReportedWithFileAndLineAndNothingIsWritten() throws IOException {
        Path good = new TestAppliance().writeTo(tmp.resolve("src"));
        Path bad1 = new TestAppliance().name("bad-one").writeTo(tmp.resolve("src"));
        replace(bad1.resolve("appliance.yaml"), "name: bad-one", "name: Bad_One");
        Path bad2 = new TestAppliance().name("bad-two").writeTo(tmp.resolve("src"));
        replace(bad2.resolve("appliance.yaml"), "license: MIT", "license: MIT\ncolour: blue");
        Path out = tmp.resolve("out");
        Run r = run("build", "--out", out.toString(), good.toString(), bad1.toString(), bad2.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(Pattern.compile("bad-one/appliance\\.yaml:\\d+:\\d+: name: 'Bad_One' is not a valid Debian")
                .matcher(r.err()).find(), r.err());
        assertTrue(Pattern.compile("bad-two/appliance\\.yaml:\\d+:\\d+: .*colour").matcher(r.err()).find(), r.err());
        assertFalse(Files.exists(out), "the valid appliance is not built either");
    }

    @Test
    void aMissingReferencedFileIsInvalidInput() throws IOException {
        Path app = new TestAppliance().writeTo(tmp.resolve("src"));
        Files.delete(app.resolve("scripts/remove"));
        Path out = tmp.resolve("out");
        Run r = run("build", "--out", out.toString(), app.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(Pattern.compile("appliance\\.yaml:\\d+:\\d+: scripts\\.remove: file 'scripts/remove' does not exist")
                .matcher(r.err()).find(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anInvalidSourceDateEpochIsAUsageError() throws IOException {
        Path app = new TestAppliance().writeTo(tmp.resolve("src"));
        Path out = tmp.resolve("out");
        Run env = run(Map.of("SOURCE_DATE_EPOCH", "2026-11-01"), "build", "--out", out.toString(), app.toString());
        assertEquals(2, env.exit(), env.err());
        assertTrue(env.err().contains("SOURCE_DATE_EPOCH='2026-11-01' is not a valid SOURCE_DATE_EPOCH"), env.err());
        Run option = run("build", "--source-date-epoch", "-5", "--out", out.toString(), app.toString());
        assertEquals(2, option.exit(), option.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aPathThatIsNoApplianceIsNotFound() {
        Run r = run("build", "--out", tmp.resolve("out").toString(), tmp.resolve("nowhere").toString());
        assertEquals(11, r.exit(), r.err());
        assertTrue(r.err().contains("nowhere: no appliance.yaml here"), r.err());
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsAnEnvironmentError() throws IOException {
        Path app = new TestAppliance().writeTo(tmp.resolve("src"));
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        Run r = run("build", "--out", file.resolve("packages").toString(), app.toString());
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("a-file/packages: cannot create the output folder"), r.err());
    }

    @Test
    void aFailedWriteLeavesNeitherAPartialPackageNorATemporaryFile() throws IOException {
        Path app = new TestAppliance().writeTo(tmp.resolve("src"));
        Path out = tmp.resolve("out");
        // a non-empty folder where the .rpm should go: the final rename must fail
        Files.createDirectories(out.resolve("va-test-appliance-2.1-3.noarch.rpm/occupied"));
        Run r = run("build", "--out", out.toString(), app.toString());
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("va-test-appliance-2.1-3.noarch.rpm: cannot write"), r.err());
        try (Stream<Path> files = Files.list(out)) {
            List<String> left = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(left.stream().noneMatch(n -> n.startsWith(".tmp-")), left.toString());
        }
        assertTrue(Files.isDirectory(out.resolve("va-test-appliance-2.1-3.noarch.rpm/occupied")));
    }

    @Test
    void theSameInputsAndTimeGiveTheSameBytesAndAnotherTimeOtherBytes() throws IOException {
        Path app = new TestAppliance().writeTo(tmp.resolve("src"));
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1790000000");
        assertEquals(0, run(env, "build", "-q", "--out", tmp.resolve("a").toString(), app.toString()).exit());
        assertEquals(0, run(env, "build", "-q", "--out", tmp.resolve("b").toString(), app.toString()).exit());
        assertEquals(0, run(Map.of(), "build", "-q", "--source-date-epoch", "1790000000", "--out",
                tmp.resolve("c").toString(), app.toString()).exit());
        assertEquals(0, run(env, "build", "-q", "--source-date-epoch", "1790000001", "--out",
                tmp.resolve("d").toString(), app.toString()).exit());
        for (String name : names(tmp.resolve("a"))) {
            byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(name));
            assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b").resolve(name)), name);
            assertArrayEquals(a, Files.readAllBytes(tmp.resolve("c").resolve(name)), "option = environment: " + name);
            assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(tmp.resolve("d").resolve(name))),
                    "the option wins over the environment: " + name);
        }
    }

    @Test
    void helpDocumentsOptionsAndExitCodes() {
        Run r = run("build", "--help");
        assertEquals(0, r.exit());
        for (String expected : List.of("--out=DIR", "--format=deb|rpm|all", "--source-date-epoch=SECONDS", "--quiet",
                "--verbose", "PATH...", "Exit codes", " 3 ", " 4 ", "11 ")) {
            assertTrue(r.out().contains(expected), () -> "'" + expected + "' missing from\n" + r.out());
        }
    }

    @Test
    void anUnknownFormatIsAUsageError() throws IOException {
        Path app = new TestAppliance().writeTo(tmp.resolve("src"));
        Run r = run("build", "--format", "apk", app.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("'apk' is not a format; use deb, rpm or all"), r.err());
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replace(from, to));
    }

    private static List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
