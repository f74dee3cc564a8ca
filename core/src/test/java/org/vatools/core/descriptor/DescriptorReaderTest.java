package org.vatools.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vatools.core.descriptor.ApplianceFixture.assertContains;
import static org.vatools.core.descriptor.ApplianceFixture.problemAt;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.seed.DebconfType;

class DescriptorReaderTest {
    @TempDir
    Path root;
    ApplianceFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ApplianceFixture(root);
    }

    private String yaml() {
        return fx.descriptorFile().toString();
    }

    // ---- the valid fixture ----------------------------------------------------------------

    @Test
    void validDescriptorReadsEveryField() {
        Appliance a = fx.read();
        assertEquals(1, a.format());
        assertEquals("test-appliance", a.name());
        assertEquals(new ApplianceVersion(0, "1.0", "1"), a.version());
        assertEquals("1.0-1", a.version().debian());
        assertEquals(Set.of(Family.DEB, Family.RPM), a.families());
        assertEquals(List.of("apache2", "php (>= 2:8.2)"), a.dependsFor(Family.DEB));
        assertEquals(List.of("httpd", "php >= 8.0"), a.dependsFor(Family.RPM));
        assertEquals(fx.dir.resolve("seeds/test-appliance.seed").toAbsolutePath().normalize(), a.seed());
        Question password = a.questions().get(0);
        assertEquals("test-appliance/admin-password", password.name());
        assertEquals(DebconfType.PASSWORD, password.type());
        assertTrue(password.secret());
        assertTrue(password.required());
        Question policy = a.questions().get(1);
        assertFalse(policy.secret());
        assertEquals(List.of("open", "public", "closed"), policy.choices());
        assertEquals("public", policy.defaultValue());
        assertEquals(List.of("amd64", "arm64"), a.requires().architectures());
        assertEquals(List.of(new DistributionRequirement("debian", "12"), new DistributionRequirement("rhel", "9")),
                a.requires().distributions());
        assertEquals(256L << 20, a.requires().memoryBytes());
        assertEquals(1L << 30, a.requires().diskBytes());
        ExtraFile conf = a.files().get(0);
        assertEquals("/etc/test-appliance/site.conf", conf.target());
        assertEquals(0644, conf.mode());
        assertTrue(conf.config(), "files under /etc are configuration files by default");
        assertEquals(Set.of(Family.DEB, Family.RPM), conf.families());
        assertFalse(a.files().get(1).config());
        assertEquals(Set.of(Family.DEB), a.files().get(1).families());
        assertTrue(a.scripts().configureScript().isPresent());
        assertTrue(a.scripts().purgeScript().isEmpty());
        assertEquals(new Check.Http(URI.create("http://127.0.0.1/wiki/"), 200, Duration.ofSeconds(60)),
                a.checks().get(0));
        assertEquals(new Check.Tcp("127.0.0.1", 80, Duration.ofSeconds(30)), a.checks().get(1));
        assertEquals(List.of("/etc/test-appliance"), a.backup().sysconfig());
        assertTrue(a.backup().preBackupHook().isPresent());
        assertEquals(List.of("1.0-1", "0.9-1"), a.changelog().stream().map(ChangelogEntry::version).toList());
        assertEquals(2, DescriptorReader.readSeed(a).entries().size());
    }

    @Test
    void folderWithoutDescriptorIsNotFound() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        ApplianceException e = assertThrows(ApplianceException.class, () -> DescriptorReader.read(empty));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertEquals(empty + ": no appliance.yaml here; pass an appliance folder or its descriptor file",
                e.getMessage());
    }

    // ---- YAML and structure -----------------------------------------------------------------

    @Test
    void malformedYamlNamesFileLineAndColumn() {
        fx.replace("summary: wiki served by Apache for the tests", "summary: [wiki served");
        Problem p = fx.onlyProblem();
        assertEquals(yaml(), p.source());
        assertEquals(fx.lineOf("description: |"), p.line());
        assertEquals(12, p.column());
        assertTrue(p.toString().startsWith(yaml() + ":" + p.line() + ":12: malformed YAML: "), p.toString());
    }

    @Test
    void duplicateKeyIsReportedWithTheOtherProblems() {
        fx.replace("license: GPL-2.0-or-later", "license: GPL-2.0-or-later\nlicense: MIT");
        fx.replace("name: test-appliance\n", "name: Test\n");
        List<Problem> problems = fx.problems();
        Problem dup = problemAt(problems, "license");
        assertEquals(fx.lineOf("license: MIT"), dup.line());
        assertEquals(1, dup.column());
        assertContains("duplicate key 'license' (first at line " + fx.lineOf("license: GPL") + ")", dup);
        assertContains("is not a valid Debian package name", problemAt(problems, "name"));
    }

    @Test
    void unknownTopLevelKeySuggestsTheNearestOne() {
        fx.replace("homepage: https://example.org/", "homepage: https://example.org/\ndescripton: typo");
        Problem p = fx.onlyProblem();
        assertEquals("descripton", p.path());
        assertEquals(fx.lineOf("descripton:"), p.line());
        assertEquals(1, p.column());
        assertTrue(p.message().startsWith("unknown key 'descripton'; allowed here: format, name, version"),
                p.message());
        assertTrue(p.message().endsWith("(did you mean 'description'?)"), p.message());
    }

    @Test
    void unknownNestedKeySuggestsTheNearestOne() {
        fx.replace("    target: /etc/test-appliance/site.conf",
                "    target: /etc/test-appliance/site.conf\n    mod: \"0600\"");
        Problem p = fx.onlyProblem();
        assertEquals("files[0].mod", p.path());
        assertEquals(fx.lineOf("    mod:"), p.line());
        assertEquals(5, p.column());
        assertEquals("unknown key 'mod'; allowed here: source, target, mode, config, families (did you mean"
                + " 'mode'?)", p.message());
    }

    @Test
    void unknownKeyFarFromAnyGetsNoSuggestion() {
        fx.replace("format: 1", "format: 1\nwebsite: x");
        assertFalse(fx.onlyProblem().message().contains("did you mean"));
    }

    @Test
    void missingRequiredKeysAreAllReported() {
        fx.replace("license: GPL-2.0-or-later\n", "");
        fx.replace("maintainer: Test Maintainer <test@example.org>\n", "");
        fx.replace("summary: wiki served by Apache for the tests\n", "summary:\n");
        List<Problem> problems = fx.problems();
        assertEquals(3, problems.size(), ApplianceFixture.joined(problems));
        for (String key : List.of("license", "maintainer", "summary")) {
            Problem p = problemAt(problems, key);
            assertEquals("missing required key '" + key + "'", p.message());
            assertEquals(1, p.line());
        }
    }

    @Test
    void missingDependsSaysWhatItMustHold() {
        fx.replace("depends:\n  deb:\n    - apache2\n    - php (>= 2:8.2)\n  rpm:\n    - httpd\n    - php >= 8.0\n",
                "");
        List<Problem> problems = fx.problems();
        assertContains("missing required key 'depends' (a mapping with a 'deb' and/or an 'rpm' list",
                problemAt(problems, "depends"));
    }

    @Test
    void wrongTypesAreReportedAtTheValue() {
        fx.replace("summary: wiki served by Apache for the tests", "summary: [a, b]");
        fx.replace("  memory: 256MiB", "  memory: {size: 256}");
        fx.replace("    prompt: Initial policy", "    prompt: Initial policy\n    required: maybe");
        fx.replace("  architectures: [amd64, arm64]", "  architectures: amd64");
        List<Problem> problems = fx.problems();
        assertEquals(4, problems.size(), ApplianceFixture.joined(problems));
        Problem summary = problemAt(problems, "summary");
        assertEquals("expected a single value, found a list", summary.message());
        assertEquals(fx.lineOf("summary: [a, b]"), summary.line());
        assertEquals(10, summary.column());
        assertEquals("expected a single value, found a mapping", problemAt(problems, "requires.memory").message());
        assertEquals("expected true or false, found 'maybe'", problemAt(problems, "questions[1].required").message());
        assertEquals("expected a list (lines starting with '- '), found a scalar",
                problemAt(problems, "requires.architectures").message());
    }

    @Test
    void dependsMustBeAMappingOfFamilies() {
        fx.replace("depends:\n  deb:\n    - apache2\n    - php (>= 2:8.2)\n  rpm:\n    - httpd\n    - php >= 8.0\n",
                "depends: [apache2]\n");
        assertContains("expected a mapping (key: value lines), found a list", problemAt(fx.problems(), "depends"));
    }

    @Test
    void aNewerFormatStopsAtOnce() {
        fx.replace("format: 1", "format: 2");
        assertEquals("format 2 is newer than this tool understands (1); upgrade repo-tools",
                fx.onlyProblem().message());
    }

    @Test
    void formatMustBeANumber() {
        fx.replace("format: 1", "format: one");
        assertEquals("expected a number (1), found 'one'", fx.onlyProblem().message());
    }

    @Test
    void invalidUtf8IsReported() throws Exception {
        Files.createDirectories(fx.dir);
        Files.write(fx.descriptorFile(), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, '\n'});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DescriptorReader.read(fx.dir));
        assertEquals(yaml() + ": not valid UTF-8 text; save the file as UTF-8", e.getMessage());
    }

    // ---- names and versions -------------------------------------------------------------------

    @Test
    void uppercaseNameIsRefusedForDebian() {
        fx.replace("name: test-appliance\n", "name: Test-Appliance\n");
        Problem p = fx.onlyProblem();
        assertEquals("name", p.path());
        assertEquals(2, p.line());
        assertEquals(7, p.column());
        assertTrue(p.message().startsWith("'Test-Appliance' is not a valid Debian package name (Policy 5.6.7"));
        assertTrue(p.message().endsWith("did you mean 'test-appliance'?"));
    }

    @Test
    void theVirtualPackageIsNotAName() {
        fx.replace("name: test-appliance\n", "name: virtual-appliance\n");
        assertContains("is the virtual package every appliance provides", problemAt(fx.problems(), "name"));
    }

    @Test
    void hyphenInVersionIsRefusedWhenAnRpmIsBuilt() {
        fx.replace("version: \"1.0\"", "version: \"1.0-beta\"");
        fx.replace("  - version: \"1.0-1\"", "  - version: \"1.0-beta-1\"");
        Problem p = fx.onlyProblem();
        assertEquals("version", p.path());
        assertEquals(3, p.line());
        assertEquals("'1.0-beta' contains '-', which rpm does not allow in a version ('-' separates version and"
                + " release); use '.' or '~' instead", p.message());
    }

    @Test
    void hyphenInVersionIsFineForADebOnlyAppliance() {
        fx.replace("  rpm:\n    - httpd\n    - php >= 8.0\n", "");
        fx.replace("distributions: [\"debian>=12\", \"rhel>=9\"]", "distributions: [\"debian>=12\"]");
        fx.replace("version: \"1.0\"", "version: \"1.0-beta\"");
        fx.replace("  - version: \"1.0-1\"", "  - version: \"1.0-beta-1\"");
        Appliance a = fx.read();
        assertEquals("1.0-beta-1", a.version().debian());
        assertEquals(Set.of(Family.DEB), a.families());
    }

    @Test
    void tildeVersionIsValidForBothFamilies() {
        fx.replace("version: \"1.0\"", "version: \"1.0~rc1\"");
        fx.replace("  - version: \"1.0-1\"", "  - version: \"1.0~rc1-1\"");
        assertEquals("1.0~rc1-1", fx.read().version().rpmEvr());
    }

    @Test
    void caretVersionIsRpmOnly() {
        fx.replace("version: \"1.0\"", "version: \"1.0^git1\"");
        fx.replace("  - version: \"1.0-1\"", "  - version: \"1.0^git1-1\"");
        List<Problem> problems = fx.problems();
        assertContains("is not a valid Debian upstream version (Policy 5.6.12: letters, digits, '.', '+', '~' and"
                + " '-' only; '^' is not allowed)", problemAt(problems, "version"));
    }

    @Test
    void epochGoesInItsOwnKey() {
        fx.replace("version: \"1.0\"", "version: \"1:1.0\"");
        fx.replace("  - version: \"1.0-1\"", "  - version: \"1:1.0-1\"");
        List<Problem> problems = fx.problems();
        Problem p = problemAt(problems, "version");
        assertEquals("'1:1.0' must not contain ':'; put the epoch in the 'epoch' key", p.message());
    }

    @Test
    void epochIsPartOfTheVersionTheChangelogMustName() {
        fx.replace("release: \"1\"", "release: \"1\"\nepoch: 2");
        Problem p = fx.onlyProblem();
        assertEquals("changelog[0].version", p.path());
        assertEquals(fx.lineOf("\"1.0-1\""), p.line());
        assertEquals("the newest entry is '1.0-1' but the appliance is version '2:1.0-1'; add an entry for"
                + " 2:1.0-1 at the top (newest first)", p.message());
        fx.replace("  - version: \"1.0-1\"", "  - version: \"2:1.0-1\"");
        assertEquals("2:1.0-1", fx.read().version().debian());
    }

    @Test
    void negativeEpochIsRefused() {
        fx.replace("release: \"1\"", "release: \"1\"\nepoch: -1");
        assertEquals("expected a non-negative number, found '-1'", problemAt(fx.problems(), "epoch").message());
    }

    @Test
    void releaseWithHyphenBreaksBothPolicies() {
        fx.replace("release: \"1\"", "release: \"1-2\"");
        List<Problem> problems = fx.problems().stream().filter(p -> p.path().equals("release")).toList();
        assertEquals(2, problems.size());
        assertContains("is not a valid Debian revision", problems.get(0));
        assertContains("contains '-', which rpm does not allow in a release", problems.get(1));
    }

    // ---- relations ---------------------------------------------------------------------------

    @Test
    void invalidRelationsNameTheListItem() {
        fx.replace("    - php (>= 2:8.2)", "    - php (> 8.2)");
        fx.replace("    - php >= 8.0", "    - php>=8.0");
        List<Problem> problems = fx.problems();
        assertEquals(2, problems.size(), ApplianceFixture.joined(problems));
        Problem deb = problemAt(problems, "depends.deb[1]");
        assertEquals(fx.lineOf("php (> 8.2)"), deb.line());
        assertEquals(7, deb.column());
        assertEquals("'php (> 8.2)': '>' is obsolete (Policy 7.1); use '>>' or '>='", deb.message());
        assertContains("put blanks around the operator (rpm reads 'php>=8.0' as one capability name)",
                problemAt(problems, "depends.rpm[1]"));
    }

    @Test
    void uppercaseDependencyIsRefused() {
        fx.replace("    - apache2", "    - Apache2");
        assertContains("did you mean 'apache2'?", problemAt(fx.problems(), "depends.deb[0]"));
    }

    @Test
    void virtualPackageSelfAndDuplicatesAreNotDependencies() {
        fx.replace("    - apache2", "    - virtual-appliance\n    - test-appliance\n    - php (>= 2:8.2)");
        List<Problem> problems = fx.problems();
        assertContains("'virtual-appliance' cannot be a dependency", problemAt(problems, "depends.deb[0]"));
        assertContains("'test-appliance' cannot be a dependency", problemAt(problems, "depends.deb[1]"));
        assertEquals("'php (>= 2:8.2)' is listed twice (also depends.deb[2])",
                problemAt(problems, "depends.deb[3]").message());
    }

    @Test
    void recommendsForAFamilyThatIsNotBuilt() {
        fx.replace("  rpm:\n    - httpd\n    - php >= 8.0\n", "");
        fx.replace("distributions: [\"debian>=12\", \"rhel>=9\"]", "distributions: [\"debian>=12\"]");
        fx.replace("homepage: https://example.org/", "homepage: https://example.org/\nrecommends:\n  rpm: [mod_ssl]");
        assertContains("recommends for 'rpm' but 'depends' has no 'rpm' list", problemAt(fx.problems(),
                "recommends.rpm"));
    }

    // ---- seed -------------------------------------------------------------------------------

    @Test
    void seedLinesDebconfWouldRejectComeWithTheSeedFileAndLine() {
        fx.write("seeds/test-appliance.seed", """
                # seed
                test-appliance test-appliance/title string Test Wiki
                test-appliance test-appliance/only-two
                test-appliance test-appliance/x strnig y
                test-appliance test-appliance/acl boolean yes
                # a comment that continues \\
                test-appliance test-appliance/lost string swallowed
                """);
        List<Problem> problems = fx.problems();
        String seed = fx.dir.resolve("seeds/test-appliance.seed").toString();
        assertEquals(4, problems.size(), ApplianceFixture.joined(problems));
        assertEquals(List.of(3, 4, 5, 6), problems.stream().map(Problem::line).toList());
        problems.forEach(p -> assertEquals(seed, p.source()));
        assertContains("expected 'owner question type value'", problems.get(0));
        assertContains("unknown debconf type 'strnig'", problems.get(1));
        assertContains("a boolean needs 'true' or 'false', found 'yes'", problems.get(2));
        assertContains("joins line 7 to it and ignores that line", problems.get(3));
    }

    @Test
    void seedAndDescriptorProblemsAreReportedTogether() {
        fx.replace("name: test-appliance\n", "name: test-appliance\nsummery: x\n");
        fx.write("seeds/test-appliance.seed", "test-appliance test-appliance/x password hunter2\n");
        List<Problem> problems = fx.problems();
        assertEquals(2, problems.size(), ApplianceFixture.joined(problems));
        assertEquals(yaml(), problems.get(0).source());
        Problem seed = problemAt(problems, "test-appliance/x");
        assertEquals(1, seed.line());
        assertContains("is a password question: a published seed must not carry secrets", seed);
    }

    @Test
    void seedMustNotAnswerAQuestionDeclaredSecret() {
        fx.replace("    choices: [open, public, closed]\n    default: public\n",
                "    choices: [open, public, closed]\n    default: public\n"
                        + "  - owner: test-appliance\n    name: test-appliance/api-token\n    type: string\n"
                        + "    prompt: API token\n    secret: true\n");
        fx.write("seeds/test-appliance.seed", ApplianceFixture.SEED
                + "test-appliance test-appliance/api-token string abc123\n"
                + "test-appliance test-appliance/admin-password string notapassword\n");
        List<Problem> problems = fx.problems();
        assertEquals(2, problems.size(), ApplianceFixture.joined(problems));
        Problem token = problemAt(problems, "test-appliance/api-token");
        assertEquals(4, token.line());
        assertEquals("is a secret question in appliance.yaml; its answer must be asked at install time, never"
                + " published in the seed; remove the line", token.message());
        assertEquals(5, problemAt(problems, "test-appliance/admin-password").line());
    }

    @Test
    void alsoAnswersOfASecretQuestionAreSecretToo() {
        fx.replace("    prompt: Administrator password\n",
                "    prompt: Administrator password\n    also-answers: [test-appliance/admin-confirm]\n");
        fx.write("seeds/test-appliance.seed", "test-appliance test-appliance/admin-confirm string x\n");
        assertContains("is a secret question", problemAt(fx.problems(), "test-appliance/admin-confirm"));
    }

    @Test
    void seedAnswerMustMatchTheDeclaredTypeAndChoices() {
        fx.write("seeds/test-appliance.seed", "test-appliance test-appliance/policy string public\n"
                + "test-appliance test-appliance/policy seen true\n");
        assertEquals("the seed answers it as string but appliance.yaml declares it as select; use the same type",
                fx.onlyProblem().message());
        fx.write("seeds/test-appliance.seed", "test-appliance test-appliance/policy select everyone\n");
        assertEquals("'everyone' is not one of the choices [open, public, closed] declared in appliance.yaml",
                fx.onlyProblem().message());
    }

    @Test
    void undeclaredPasswordLikeStringIsRefused() {
        fx.write("seeds/test-appliance.seed", "mysql-server mysql-server/root_password string toor\n");
        Problem p = fx.onlyProblem();
        assertEquals("mysql-server/root_password", p.path());
        assertContains("looks like a password; a published seed must not carry secrets", p);
    }

    @Test
    void passwordLikeNameDeclaredNotSecretMaySeed() {
        fx.replace("    choices: [open, public, closed]\n    default: public\n",
                "    choices: [open, public, closed]\n    default: public\n"
                        + "  - owner: test-appliance\n    name: test-appliance/password-policy\n    type: string\n"
                        + "    prompt: Password policy\n    secret: false\n");
        fx.write("seeds/test-appliance.seed", "test-appliance test-appliance/password-policy string strong\n");
        assertEquals(1, DescriptorReader.readSeed(fx.read()).entries().size());
    }

    @Test
    void defaultSeedIsFoundInAnAncestorSeedsFolder() throws Exception {
        fx.delete("seeds/test-appliance.seed");
        Files.delete(fx.dir.resolve("seeds"));
        Path nested = root.resolve("repo/appliance-packages");
        Files.createDirectories(nested);
        Files.move(fx.dir, nested.resolve("test-appliance"));
        Path seed = Files.createDirectories(root.resolve("repo/seeds")).resolve("test-appliance.seed");
        Files.writeString(seed, ApplianceFixture.SEED);
        Files.writeString(nested.resolve("test-appliance/appliance.yaml"), fx.descriptor);
        Appliance a = DescriptorReader.read(nested.resolve("test-appliance"));
        assertEquals(seed.toAbsolutePath().normalize(), a.seed());
    }

    @Test
    void noSeedAnywhereIsAProblemWithTheFix() {
        fx.delete("seeds/test-appliance.seed");
        Problem p = fx.onlyProblem();
        assertEquals("seed", p.path());
        assertEquals(2, p.line(), "reported at the name the seed is looked up by");
        assertTrue(p.message().startsWith("no seed found: looked for seeds/test-appliance.seed in " + fx.dir),
                p.message());
        assertTrue(p.message().endsWith("create it, set 'seed: PATH', or 'seed: none'"), p.message());
    }

    @Test
    void seedNoneMeansNoSeed() {
        fx.delete("seeds/test-appliance.seed");
        fx.replace("homepage: https://example.org/", "homepage: https://example.org/\nseed: none");
        Appliance a = fx.read();
        assertNull(a.seed());
        assertTrue(a.seedFile().isEmpty());
        assertEquals(List.of(), DescriptorReader.readSeed(a).entries());
    }

    @Test
    void explicitSeedPathIsRelativeToTheDescriptor() {
        fx.write("other/my.seed", "test-appliance test-appliance/title string T\n");
        fx.replace("homepage: https://example.org/", "homepage: https://example.org/\nseed: other/my.seed");
        assertEquals(fx.dir.resolve("other/my.seed").toAbsolutePath().normalize(), fx.read().seed());
    }

    // ---- referenced files ---------------------------------------------------------------------

    @Test
    void everyMissingReferencedFileIsReported() {
        fx.replace("homepage: https://example.org/", "homepage: https://example.org/\nseed: seeds/missing.seed");
        fx.delete("files/site.conf");
        fx.delete("scripts/configure");
        fx.delete("scripts/pre-backup");
        List<Problem> problems = fx.problems();
        assertEquals(5, problems.size(), ApplianceFixture.joined(problems));
        assertEquals("file 'seeds/missing.seed' does not exist (resolved to " + fx.dir.resolve("seeds/missing.seed")
                + "); paths are relative to the folder of appliance.yaml", problemAt(problems, "seed").message());
        assertContains("file 'files/site.conf' does not exist", problemAt(problems, "files[0].source"));
        assertContains("file 'files/site.conf' does not exist", problemAt(problems, "files[1].source"));
        Problem configure = problemAt(problems, "scripts.configure");
        assertEquals(fx.lineOf("configure: scripts/configure"), configure.line());
        assertEquals(14, configure.column());
        assertContains("file 'scripts/pre-backup' does not exist", problemAt(problems, "backup.hooks.pre-backup"));
    }

    @Test
    void aFolderIsNotAFile() {
        fx.replace("source: files/site.conf\n    target: /etc", "source: files\n    target: /etc");
        assertContains("'files' is a folder", problemAt(fx.problems(), "files[0].source"));
    }

    @Test
    void scriptsAreShAndHooksNeedAnInterpreterLine() {
        fx.write("scripts/configure", "#!/bin/bash\necho hi\n");
        fx.write("scripts/post-restore", "echo no shebang\n");
        List<Problem> problems = fx.problems();
        assertContains("starts with #!/bin/bash; maintainer steps are embedded in /bin/sh scripts",
                problemAt(problems, "scripts.configure"));
        assertContains("has no '#!' line", problemAt(problems, "backup.hooks.post-restore"));
    }

    @Test
    void scriptThatIsNotUtf8IsOneMoreProblem() throws Exception {
        Files.write(fx.dir.resolve("scripts/configure"), new byte[] {'#', '!', (byte) 0xFF});
        fx.replace("name: test-appliance\n", "name: test-appliance\nsummery: x\n");
        List<Problem> problems = fx.problems();
        assertEquals(2, problems.size(), ApplianceFixture.joined(problems));
        assertEquals(fx.dir.resolve("scripts/configure").toAbsolutePath().normalize()
                + ": not valid UTF-8 text; save the file as UTF-8", problems.get(1).toString());
    }

    // ---- questions -----------------------------------------------------------------------------

    @Test
    void questionRules() {
        fx.replace("""
                  - owner: test-appliance
                    name: test-appliance/policy
                    type: select
                    prompt: Initial policy
                    choices: [open, public, closed]
                    default: public
                """, """
                  - owner: test-appliance
                    name: test-appliance/policy
                    type: select
                    prompt: Initial policy
                    choices: [open, public, closed]
                    default: everyone
                  - owner: test-appliance
                    name: test-appliance/db-password
                    type: password
                    prompt: Database password
                    default: hunter2
                    secret: false
                  - owner: test-appliance
                    name: test-appliance/webservers
                    type: multiselect
                    prompt: Web servers
                  - owner: test-appliance
                    name: test-appliance/acl
                    type: boolean
                    prompt: ACL
                    default: yes
                    choices: [a]
                  - owner: test-appliance
                    name: test-appliance/policy
                    type: note
                    prompt: Again
                  - owner: test-appliance
                    name: notaquestion
                    type: string
                """);
        fx.write("seeds/test-appliance.seed", "test-appliance test-appliance/title string T\n");
        List<Problem> problems = fx.problems();
        assertEquals("'everyone' is not one of the choices [open, public, closed]",
                problemAt(problems, "questions[1].default").message());
        assertEquals("a password question is always secret; remove 'secret: false'",
                problemAt(problems, "questions[2].secret").message());
        assertEquals("a secret question must not have a default (it would be published)",
                problemAt(problems, "questions[2].default").message());
        assertEquals("a multiselect question needs a 'choices' list", problemAt(problems, "questions[3].choices")
                .message());
        assertEquals("a boolean default must be true or false", problemAt(problems, "questions[4].default")
                .message());
        assertEquals("'choices' applies to select and multiselect questions only",
                problemAt(problems, "questions[4].choices").message());
        assertEquals("question 'test-appliance/policy' is listed twice", problemAt(problems, "questions[5].name")
                .message());
        assertContains("unknown or unanswerable debconf type 'note'", problemAt(problems, "questions[5].type"));
        assertContains("'notaquestion' is not a debconf question name", problemAt(problems, "questions[6].name"));
        assertEquals("missing required key 'prompt'", problemAt(problems, "questions[6].prompt").message());
        assertEquals(fx.lineOf("    default: hunter2"), problemAt(problems, "questions[2].default").line());
    }

    @Test
    void secretDefaultsToTheType() {
        fx.replace("    choices: [open, public, closed]\n    default: public\n",
                "    choices: [open, public, closed]\n    default: public\n"
                        + "  - owner: test-appliance\n    name: test-appliance/token\n    type: string\n"
                        + "    prompt: Token\n    secret: true\n");
        Appliance a = fx.read();
        assertTrue(a.questions().get(2).secret());
        assertEquals(DebconfType.STRING, a.questions().get(2).type());
    }

    // ---- host requirements ---------------------------------------------------------------------

    @Test
    void distributionRequirementsParse() {
        fx.replace("distributions: [\"debian>=12\", \"rhel>=9\"]",
                "distributions: [\"debian>=12\", \"ubuntu >= 22.04\", \"rhel>=9\", fedora]");
        List<DistributionRequirement> d = fx.read().requires().distributions();
        assertEquals(List.of(new DistributionRequirement("debian", "12"), new DistributionRequirement("ubuntu",
                "22.04"), new DistributionRequirement("rhel", "9"), new DistributionRequirement("fedora", null)), d);
        assertTrue(d.get(1).acceptsRelease("22.04"));
        assertTrue(d.get(1).acceptsRelease("24.04"));
        assertFalse(d.get(1).acceptsRelease("20.04"));
        assertTrue(d.get(2).acceptsRelease("9.4"));
        assertFalse(d.get(2).acceptsRelease("8.10"));
        assertTrue(d.get(3).acceptsRelease("40"));
    }

    @Test
    void invalidDistributionRequirements() {
        fx.replace("distributions: [\"debian>=12\", \"rhel>=9\"]",
                "distributions: [\"debian=12\", \"ubuntu>=22.\", \"rhel>=9\", \"rhel>=8\"]");
        List<Problem> problems = fx.problems();
        assertEquals(3, problems.size(), ApplianceFixture.joined(problems));
        assertEquals("expected 'id' or 'id>=release' as in os-release (debian>=12, ubuntu>=22.04, rhel>=9), found"
                + " 'debian=12'", problemAt(problems, "requires.distributions[0]").message());
        assertContains("found 'ubuntu>=22.'", problemAt(problems, "requires.distributions[1]"));
        assertEquals("'rhel' is listed twice", problemAt(problems, "requires.distributions[3]").message());
    }

    @Test
    void distributionOfAFamilyThatIsNotBuilt() {
        fx.replace("  rpm:\n    - httpd\n    - php >= 8.0\n", "");
        assertEquals("'rhel' installs .rpm packages but 'depends' has no 'rpm' list",
                problemAt(fx.problems(), "requires.distributions[1]").message());
    }

    @Test
    void sizesNeedAUnit() {
        fx.replace("  memory: 256MiB", "  memory: 512");
        fx.replace("  disk: 1GiB", "  disk: 1.5GiB");
        List<Problem> problems = fx.problems();
        assertEquals("expected a whole number with a unit (B, KiB, MiB, GiB, TiB, kB, MB, GB, TB) such as 512MiB"
                + " or 2GiB, found '512'", problemAt(problems, "requires.memory").message());
        assertContains("found '1.5GiB'", problemAt(problems, "requires.disk"));
    }

    @Test
    void decimalAndBinaryUnits() {
        fx.replace("  memory: 256MiB", "  memory: 2GB");
        fx.replace("  disk: 1GiB", "  disk: 3 TiB");
        HostRequirements r = fx.read().requires();
        assertEquals(2_000_000_000L, r.memoryBytes());
        assertEquals(3L << 40, r.diskBytes());
    }

    @Test
    void architecturesAreDebianNames() {
        fx.replace("architectures: [amd64, arm64]", "architectures: [amd64, all, x86 64, amd64]");
        List<Problem> problems = fx.problems();
        assertContains("'all' is not a Debian architecture name", problemAt(problems, "requires.architectures[1]"));
        assertContains("'x86 64' is not a Debian architecture name", problemAt(problems,
                "requires.architectures[2]"));
        assertEquals("'amd64' is listed twice", problemAt(problems, "requires.architectures[3]").message());
    }

    // ---- files ---------------------------------------------------------------------------------

    @Test
    void fileRules() {
        fx.replace("""
                  - source: files/site.conf
                    target: /usr/share/test-appliance/deb-only.conf
                    families: [deb]
                """, """
                  - source: files/site.conf
                    target: usr/share/x
                  - source: files/site.conf
                    target: /etc/test-appliance/site.conf
                  - source: files/site.conf
                    target: /usr/share/virtual-appliance/test-appliance/appliance.yaml
                  - source: files/site.conf
                    target: /usr/share/x.conf
                    config: true
                  - source: files/site.conf
                    target: /etc/y.conf
                    config: false
                  - source: files/site.conf
                    target: /usr/bin/z
                    mode: "4755"
                  - source: files/site.conf
                    target: /usr/bin/w
                    mode: rwx
                    families: [apk]
                """);
        List<Problem> problems = fx.problems();
        assertContains("expected an absolute file path", problemAt(problems, "files[1].target"));
        assertEquals("'/etc/test-appliance/site.conf' is installed by two entries",
                problemAt(problems, "files[2].target").message());
        assertContains("'/usr/share/virtual-appliance/test-appliance/' is written by the package builder",
                problemAt(problems, "files[3].target"));
        assertContains("only files under /etc can be configuration files", problemAt(problems, "files[4].config"));
        assertContains("files under /etc must be configuration files", problemAt(problems, "files[5].config"));
        assertEquals("setuid, setgid and sticky bits are refused", problemAt(problems, "files[6].mode").message());
        assertContains("expected an octal mode in quotes such as \"0644\"", problemAt(problems, "files[7].mode"));
        assertEquals("unknown family 'apk'; use deb or rpm", problemAt(problems, "files[7].families[0]").message());
    }

    @Test
    void fileForAFamilyThatIsNotBuilt() {
        fx.replace("  rpm:\n    - httpd\n    - php >= 8.0\n", "");
        fx.replace("distributions: [\"debian>=12\", \"rhel>=9\"]", "distributions: [\"debian>=12\"]");
        fx.replace("families: [deb]", "families: [rpm]");
        assertEquals("family 'rpm' is not built ('depends' has no 'rpm' list)",
                problemAt(fx.problems(), "files[1].families[0]").message());
    }

    // ---- checks --------------------------------------------------------------------------------

    @Test
    void checkRules() {
        fx.replace("""
                  - tcp: "80"
                """, """
                  - tcp: "80"
                  - http: ftp://127.0.0.1/
                  - http: http://127.0.0.1/
                    status: 999
                  - http: http://127.0.0.1/
                    tcp: "80"
                  - tcp: "localhost:70000"
                    status: 200
                  - tcp: "[::1]:5432"
                    timeout: 0s
                  - tcp: "5432"
                    timeout: 2h
                """);
        List<Problem> problems = fx.problems();
        assertEquals("expected an http(s) URL with a host, found 'ftp://127.0.0.1/'",
                problemAt(problems, "checks[2].http").message());
        assertEquals("expected an HTTP status such as 200", problemAt(problems, "checks[3].status").message());
        assertEquals("a check has exactly one of 'http: URL' or 'tcp: [HOST:]PORT'",
                problemAt(problems, "checks[4]").message());
        assertEquals("expected PORT or HOST:PORT, found 'localhost:70000'", problemAt(problems, "checks[5].tcp")
                .message());
        assertEquals("'status' applies to http checks only", problemAt(problems, "checks[5].status").message());
        assertEquals("must be more than 0 and at most 1h, found '0s'", problemAt(problems, "checks[6].timeout")
                .message());
        assertEquals("must be more than 0 and at most 1h, found '2h'", problemAt(problems, "checks[7].timeout")
                .message());
    }

    // ---- backup --------------------------------------------------------------------------------

    @Test
    void backupRules() {
        fx.replace("  sysconfig: [/etc/test-appliance]\n  appdata: [/var/lib/test-appliance]\n",
                "  sysconfig: [etc/x, /]\n  appdata: [/var/lib/test-appliance, /var/lib/test-appliance/data]\n");
        List<Problem> problems = fx.problems();
        assertContains("expected an absolute folder other than '/'", problemAt(problems, "backup.sysconfig[0]"));
        assertContains("expected an absolute folder other than '/'", problemAt(problems, "backup.sysconfig[1]"));
        assertEquals("'/var/lib/test-appliance/data' overlaps '/var/lib/test-appliance' in the same set",
                problemAt(problems, "backup.appdata[1]").message());
    }

    @Test
    void preBackupHookNeedsASet() {
        fx.replace("  sysconfig: [/etc/test-appliance]\n  appdata: [/var/lib/test-appliance]\n", "");
        assertEquals("a pre-backup hook needs an 'appdata' or 'sysconfig' set to back up into",
                problemAt(fx.problems(), "backup").message());
    }

    @Test
    void unknownHook() {
        fx.replace("    post-restore: scripts/post-restore", "    post-restore: scripts/post-restore\n"
                + "    pre-restore: scripts/post-restore");
        assertContains("unknown key 'pre-restore'", problemAt(fx.problems(), "backup.hooks.pre-restore"));
    }

    // ---- changelog -----------------------------------------------------------------------------

    @Test
    void changelogMustBeNewestFirst() {
        fx.replace("  - version: \"0.9-1\"", "  - version: \"1.1-1\"");
        Problem p = fx.onlyProblem();
        assertEquals("changelog[1].version", p.path());
        assertEquals(fx.lineOf("\"1.1-1\""), p.line());
        assertEquals("'1.1-1' is newer than '1.0-1' above it; entries must be newest first", p.message());
    }

    @Test
    void changelogOrderUsesDpkgRulesForTilde() {
        fx.replace("  - version: \"0.9-1\"", "  - version: \"1.0~rc1-1\"");
        assertEquals(2, fx.read().changelog().size(), "1.0~rc1 is older than 1.0");
    }

    @Test
    void changelogVersionTwiceAndDatesOutOfOrder() {
        fx.replace("  - version: \"0.9-1\"\n    date: \"2026-10-01\"", "  - version: \"1.0-1\"\n    date: \"2026-12-01\"");
        List<Problem> problems = fx.problems();
        assertEquals("version '1.0-1' has two entries; each release gets one",
                problemAt(problems, "changelog[1].version").message());
        assertEquals("is later than the entry above it; entries must be newest first",
                problemAt(problems, "changelog[1].date").message());
    }

    @Test
    void changelogVersionMustMatchTheAppliance() {
        fx.replace("version: \"1.0\"", "version: \"1.1\"");
        assertEquals("the newest entry is '1.0-1' but the appliance is version '1.1-1'; add an entry for 1.1-1 at"
                + " the top (newest first)", fx.onlyProblem().message());
    }

    @Test
    void changelogEntryRules() {
        fx.replace("  - version: \"0.9-1\"\n    date: \"2026-10-01\"\n    changes:\n      - First release.\n",
                "  - version: \"0.9-\"\n    date: \"01.10.2026\"\n");
        List<Problem> problems = fx.problems();
        assertContains("the revision after the last '-' is empty", problemAt(problems, "changelog[1].version"));
        assertContains("expected a date (2026-11-01) or an RFC 3339 time", problemAt(problems, "changelog[1].date"));
        assertEquals("list at least one change", problemAt(problems, "changelog[1].changes").message());
    }

    // ---- summary, description, maintainer, homepage --------------------------------------------

    @Test
    void summaryAndDescriptionFollowDebianRules() {
        fx.replace("summary: wiki served by Apache for the tests", "summary: The wiki for the tests");
        fx.replace("  Turns a server into a wiki for the tests.\n", "  Turns a server into a wiki for the tests,"
                + " with a line that goes on and on well past eighty columns.\n");
        List<Problem> problems = fx.problems();
        assertContains("must not start with 'a', 'an' or 'the'", problemAt(problems, "summary"));
        assertEquals("line 1 of the description is 99 characters; wrap it at 80 (Debian Policy 3.4.1, as apt shows"
                + " it)", problemAt(problems, "description").message());
    }

    @Test
    void summaryStartingWithTheNameAndDescriptionRepeatingIt() {
        fx.replace("summary: wiki served by Apache for the tests", "summary: test-appliance for tests");
        fx.replace("  Turns a server into a wiki for the tests.\n", "  test-appliance for tests\n");
        List<Problem> problems = fx.problems();
        assertEquals("must not start with the package name; say what the appliance is",
                problemAt(problems, "summary").message());
        assertEquals("repeats the summary; say more about what the appliance sets up",
                problemAt(problems, "description").message());
    }

    @Test
    void maintainerAndHomepageFormats() {
        fx.replace("maintainer: Test Maintainer <test@example.org>", "maintainer: test@example.org");
        fx.replace("homepage: https://example.org/", "homepage: example.org");
        List<Problem> problems = fx.problems();
        assertEquals("expected 'Full Name <address@example.org>', found 'test@example.org'",
                problemAt(problems, "maintainer").message());
        assertEquals("expected an http(s) URL, found 'example.org'", problemAt(problems, "homepage").message());
    }
}
