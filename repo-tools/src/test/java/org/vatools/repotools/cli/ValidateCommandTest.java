package org.vatools.repotools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repo-tools validate}: exit codes and messages as a person or a script sees them. */
class ValidateCommandTest {
    private static final String VALID = """
            format: 1
            name: cli-appliance
            version: "2.0"
            release: "1"
            summary: appliance for the command line tests
            description: |
              Exists only to be validated by the tests.
            maintainer: Test Maintainer <test@example.org>
            license: MIT
            homepage: https://example.org/
            depends:
              deb: [apache2]
              rpm: [httpd]
            questions:
              - owner: cli-appliance
                name: cli-appliance/password
                type: password
                prompt: Password
            changelog:
              - version: "2.0-1"
                date: "2026-11-01"
                changes: [First release.]
            """;
    private static final String SEED = "cli-appliance cli-appliance/title string Title\n";

    @TempDir
    Path tmp;

    /** What one run printed and how it exited. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RepoToolsMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new Run(exit, out.toString(), err.toString());
    }

    private Path appliance(String descriptor, String seed) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cli-appliance"));
        Files.writeString(dir.resolve("appliance.yaml"), descriptor);
        Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(dir.resolve("seeds/cli-appliance.seed"), seed);
        return dir;
    }

    private Run invalid(String descriptor, String seed) throws IOException {
        Path dir = appliance(descriptor, seed);
        Run r = run("validate", dir.toString());
        assertEquals(3, r.exit(), r.toString());
        assertEquals("", r.out(), "nothing is reported valid");
        return r;
    }

    @Test
    void shippedAppliancesAreValid() throws IOException {
        List<String> args = new ArrayList<>(List.of("validate"));
        try (Stream<Path> dirs = Files.list(Path.of("..", "appliance-packages"))) {
            dirs.filter(Files::isDirectory).sorted().forEach(d -> args.add(d.toString()));
        }
        assertTrue(args.size() >= 4, "dokuwiki, kronolith and moinmoin appliances are shipped: " + args);
        Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        for (String name : List.of("dokuwiki-appliance", "kronolith-appliance", "moinmoin-appliance")) {
            assertTrue(r.out().contains(name + " "), r.out());
        }
        assertTrue(r.out().contains("moinmoin-appliance 2.0.0~b1-1 is valid (deb, rpm)"), r.out());
    }

    @Test
    void descriptorReferenceShowsTheShippedDokuwikiDescriptor() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "reference", "descriptor.md"));
        int start = doc.indexOf("```yaml\n# DokuWiki on Debian");
        assertTrue(start >= 0, "the full example is in docs/reference/descriptor.md");
        String example = doc.substring(start + "```yaml\n".length(), doc.indexOf("```\n", start + 7));
        assertEquals(Files.readString(Path.of("..", "appliance-packages", "dokuwiki-appliance", "appliance.yaml")),
                example);
    }

    @Test
    void validApplianceSaysSoAndQuietSaysNothing() throws IOException {
        Path dir = appliance(VALID, SEED);
        Run r = run("validate", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(dir.resolve("appliance.yaml") + ": cli-appliance 2.0-1 is valid (deb, rpm)\n",
                r.out().replace("\r\n", "\n"));
        Run q = run("validate", "--quiet", dir.resolve("appliance.yaml").toString());
        assertEquals(0, q.exit());
        assertEquals("", q.out());
    }

    @Test
    void malformedYamlExits3WithFileLineColumn() throws IOException {
        Run r = invalid(VALID.replace("license: MIT", "license: [MIT"), SEED);
        String file = tmp.resolve("cli-appliance/appliance.yaml").toString();
        assertTrue(r.err().startsWith("repo-tools: error: " + file + ":10:9: malformed YAML: expected ',' or ']'"), r.err());
    }

    @Test
    void unknownKeyExits3WithSuggestion() throws IOException {
        Run r = invalid(VALID.replace("license: MIT", "license: MIT\nlicence: MIT"), SEED);
        assertTrue(r.err().contains("appliance.yaml:10:1: licence: unknown key 'licence'; allowed here: "), r.err());
        assertTrue(r.err().contains("(did you mean 'license'?)"), r.err());
    }

    @Test
    void missingRequiredKeyExits3() throws IOException {
        Run r = invalid(VALID.replace("homepage: https://example.org/\n", ""), SEED);
        assertTrue(r.err().contains("appliance.yaml:1:1: homepage: missing required key 'homepage'"), r.err());
    }

    @Test
    void invalidNamesAndVersionsExit3() throws IOException {
        Run r = invalid(VALID.replace("name: cli-appliance", "name: CLI-appliance")
                .replace("version: \"2.0\"", "version: \"2.0-rc1\""), SEED);
        assertTrue(r.err().contains("appliance.yaml:2:7: name: 'CLI-appliance' is not a valid Debian package name"),
                r.err());
        assertTrue(r.err().contains("appliance.yaml:3:10: version: '2.0-rc1' contains '-', which rpm does not allow"
                + " in a version"), r.err());
    }

    @Test
    void invalidRelationExits3() throws IOException {
        Run r = invalid(VALID.replace("deb: [apache2]", "deb: [\"apache2 (> 2.4)\"]"), SEED);
        assertTrue(r.err().contains("appliance.yaml:12:9: depends.deb[0]: 'apache2 (> 2.4)': '>' is obsolete"),
                r.err());
    }

    @Test
    void seedLineDebconfWouldRejectExits3WithItsLine() throws IOException {
        Run r = invalid(VALID, SEED + "cli-appliance cli-appliance/flag boolean yes\ncli-appliance broken\n");
        String seed = tmp.resolve("cli-appliance/seeds/cli-appliance.seed").toString();
        assertTrue(r.err().contains("repo-tools: error: " + seed + ":2: cli-appliance/flag: a boolean needs 'true'"
                + " or 'false', found 'yes'"), r.err());
        assertTrue(r.err().contains(seed + ":3: expected 'owner question type value'"), r.err());
    }

    @Test
    void passwordInSeedExits3() throws IOException {
        Run r = invalid(VALID, SEED + "cli-appliance cli-appliance/password password hunter2\n");
        assertTrue(r.err().contains("cli-appliance.seed:2: cli-appliance/password: is a password question"),
                r.err());
        assertTrue(!r.err().contains("hunter2"), "the secret itself is never echoed");
    }

    @Test
    void missingReferencedFileExits3() throws IOException {
        Run r = invalid(VALID + "scripts:\n  configure: scripts/configure\n", SEED);
        assertTrue(r.err().contains("scripts.configure: file 'scripts/configure' does not exist"), r.err());
    }

    @Test
    void pathWithoutDescriptorExits11() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Run r = run("validate", empty.toString());
        assertEquals(11, r.exit(), r.toString());
        assertEquals("repo-tools: error: " + empty + ": no appliance.yaml here; pass an appliance folder or its"
                + " descriptor file\n", r.err().replace("\r\n", "\n"));
    }

    @Test
    void invalidWinsOverMissingAndEveryPathIsReported() throws IOException {
        Path dir = appliance(VALID.replace("license: MIT\n", ""), SEED);
        Run r = run("validate", tmp.resolve("nowhere").toString(), dir.toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("nowhere: no appliance.yaml here"), r.err());
        assertTrue(r.err().contains("license: missing required key 'license'"), r.err());
    }

    @Test
    void unknownOptionExits2() {
        Run r = run("validate", "--frobnicate", "x");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("repo-tools: Unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("Try 'repo-tools validate --help'"), r.err());
    }

    @Test
    void missingPathExits2() {
        Run r = run("validate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required parameter: 'PATH'"), r.err());
    }

    @Test
    void helpListsTheExitCodes() {
        Run r = run("validate", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("11   a PATH has no appliance.yaml"), r.out());
    }
}
