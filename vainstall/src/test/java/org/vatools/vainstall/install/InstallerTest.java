package org.vatools.vainstall.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.pm.AvailablePackage;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.testing.AptHost;
import org.vatools.vainstall.testing.FakeTarget;
import org.vatools.vainstall.testing.Fixtures;
import org.vatools.vainstall.testing.RecordingReporter;
import org.vatools.vainstall.testing.ScriptedPrompter;

class InstallerTest {
    static final String NAME = "dokuwiki-appliance";
    static final String SECRET = "S3cr3t-Pw!";
    static final List<GivenAnswer> PASSWORD = List.of(new GivenAnswer(Fixtures.PASSWORD_QUESTION, SECRET, "--answer"));

    private final AptHost apt = new AptHost().offer(NAME).offer("tiki-appliance").offerPlain("dokuwiki");
    private final RecordingReporter reporter = new RecordingReporter();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @TempDir
    Path tmp;

    private Installer installer(FakeTarget target, ScriptedPrompter prompter) {
        return new Installer(target, reporter, prompter, new CheckRunner(target, clock, d -> now.set(now.get().plus(d))));
    }

    private static InstallRequest request(List<GivenAnswer> answers) {
        return new InstallRequest(NAME, answers, null, false, false, false, false);
    }

    private void serving(int status) {
        apt.target.connections(hostPort -> ("HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    private int indexOf(String program, String... args) {
        List<Command> cs = apt.target.commands;
        for (int i = 0; i < cs.size(); i++) {
            List<String> a = cs.get(i).argv();
            if (a.get(0).equals(program) && a.containsAll(List.of(args))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void installsInTheIssuesOrder() {
        serving(200);
        InstallOutcome outcome = installer(apt.target, null).install(request(PASSWORD));
        List<PlanStep.Kind> kinds = outcome.plan().steps().stream().map(PlanStep::kind).toList();
        assertEquals(List.of(PlanStep.Kind.values()), kinds);
        int detect = indexOf("dpkg", "--version");
        int update = indexOf("apt-get", "update");
        int resolve = indexOf("apt-cache", "show");
        int download = indexOf("apt-get", "download");
        int host = indexOf("df");
        int preseed = indexOf("debconf-set-selections");
        int install = indexOf("apt-get", "install", "-y");
        assertTrue(detect >= 0 && detect < update && update < resolve && resolve < download && download < host
                && host < preseed && preseed < install, apt.target.commands.toString());
        assertEquals("1.0-1", apt.installed.get(NAME));
        Command installCommand = apt.target.commands.get(install);
        assertEquals(List.of("apt-get", "install", "-y", "-o", "Dpkg::Options::=--force-confdef", "-o",
                "Dpkg::Options::=--force-confold", NAME + "=1.0-1"), installCommand.argv());
        assertEquals("noninteractive", installCommand.env().get("DEBIAN_FRONTEND"));
        assertTrue(installCommand.streamOutput(), "progress is streamed");
        assertEquals(2, outcome.checks().size());
        assertTrue(outcome.checks().stream().allMatch(CheckResult::passed));
        assertEquals(List.of("http://127.0.0.1/dokuwiki/doku.php"), outcome.reachableAt());
        assertTrue(reporter.results.get(reporter.results.size() - 1).contains(NAME + " 1.0-1 is installed"));
        assertTrue(apt.target.files.keySet().stream().noneMatch(p -> p.startsWith("/tmp/vainstall")),
                "the download folder is removed: " + apt.target.files.keySet());
    }

    @Test
    void answersMergeSeedThenFileThenCommandLine() throws Exception {
        serving(200);
        Path file = tmp.resolve("answers");
        Files.writeString(file, "# site answers\ndokuwiki/wiki/title=File Wiki\ndokuwiki/wiki/superuser=fileadmin\n"
                + Fixtures.PASSWORD_QUESTION + "=" + SECRET + "\n");
        InstallRequest r = new InstallRequest(NAME, List.of(new GivenAnswer("dokuwiki/wiki/title", "Cli Wiki", "--answer")),
                file, false, false, false, false);
        installer(apt.target, null).install(r);
        assertEquals(1, apt.debconf.size());
        List<String> lines = apt.debconf.get(0).lines().toList();
        assertEquals(List.of(
                "dokuwiki dokuwiki/system/configure-webserver multiselect apache2",
                "dokuwiki dokuwiki/wiki/title string Cli Wiki",
                "dokuwiki dokuwiki/wiki/superuser string fileadmin",
                "dokuwiki dokuwiki/wiki/acl boolean true",
                "dokuwiki dokuwiki/wiki/password password " + SECRET,
                "dokuwiki dokuwiki/wiki/confirm password " + SECRET,
                "dokuwiki dokuwiki/wiki/policy select closed"), lines);
    }

    @Test
    void secretsAppearOnlyOnStdin() {
        serving(200);
        InstallOutcome outcome = installer(apt.target, null).install(request(PASSWORD));
        for (Command c : apt.target.commands) {
            assertFalse(c.display().contains(SECRET), "argv or env: " + c.display());
            assertFalse(c.toString().contains(SECRET));
            if (c.stdin() != null && new String(c.stdin(), StandardCharsets.UTF_8).contains(SECRET)) {
                assertEquals("debconf-set-selections", c.program(), "only debconf reads the secret");
                assertTrue(c.redactions().contains(SECRET), "its output is redacted");
            }
        }
        assertFalse(reporter.all().contains(SECRET));
        assertFalse(outcome.plan().toString().contains(SECRET));
        assertFalse(PlanPrinter.format(outcome.plan()).contains(SECRET));
        assertTrue(PlanPrinter.format(outcome.plan()).matches("(?s).*dokuwiki/wiki/password +: \\*{8} +\\[--answer].*"),
                PlanPrinter.format(outcome.plan()));
        Command install = apt.target.commandsOf("apt-get").stream().filter(c -> c.argv().contains("-y")).findFirst()
                .orElseThrow();
        assertTrue(install.redactions().contains(SECRET), "apt's output is redacted too");
    }

    @Test
    void dryRunRunsNoChangingCommand() {
        InstallOutcome outcome = installer(apt.target, null)
                .install(new InstallRequest(NAME, PASSWORD, null, false, true, false, false));
        assertTrue(outcome.dryRun());
        for (Command c : apt.target.commands) {
            List<String> a = c.argv();
            assertFalse(a.equals(List.of("apt-get", "update", "--error-on=any")), "no update in a dry run");
            assertFalse(c.program().equals("debconf-set-selections") && !a.contains("-c"), "no preseeding");
            assertFalse(a.get(0).equals("apt-get") && a.contains("-y"), "no install: " + c.display());
            if (List.of("dd", "mv", "chmod", "chown", "mkdir", "rm").contains(c.program())) {
                assertTrue(a.get(a.size() - 1).startsWith("/tmp/vainstall.fake"), "only its own temp folder: "
                        + c.display());
            }
        }
        assertTrue(apt.debconf.isEmpty());
        assertTrue(apt.installed.isEmpty());
        assertEquals(1, apt.target.commandsOf("apt-get").stream().filter(c -> c.argv().contains("-s")).count());
        String printed = String.join("\n", reporter.results);
        assertTrue(printed.contains("Plan: install dokuwiki-appliance 1.0-1"), printed);
        assertTrue(printed.matches("(?s).*dokuwiki/wiki/password +: \\*{8} .*"), printed);
        assertTrue(printed.contains("Inst dokuwiki-appliance"), printed);
        assertFalse(printed.contains(SECRET));
        assertTrue(printed.contains("[skipped: --dry-run"), printed);
    }

    @Test
    void missingRequiredAnswersStopBeforeAnyChange() {
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> installer(apt.target, null).install(request(List.of())));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("- dokuwiki/wiki/password: Password for the wiki administrator"),
                e.getMessage());
        assertTrue(apt.debconf.isEmpty());
        assertTrue(apt.target.commandsOf("apt-get").stream().noneMatch(c -> c.argv().contains("install")));
    }

    @Test
    void aPackageThatIsNotAnApplianceIsRefusedWithASuggestion() {
        ApplianceException e = assertThrows(ApplianceException.class, () -> installer(apt.target, null)
                .install(new InstallRequest("dokuwiki", PASSWORD, null, false, false, false, false)));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("dokuwiki is a package but not an appliance"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'dokuwiki-appliance'?"), e.getMessage());
        assertTrue(e.getMessage().contains("Available appliances: dokuwiki-appliance, tiki-appliance"), e.getMessage());
        assertTrue(apt.target.commandsOf("dpkg-deb").isEmpty(), "nothing downloaded");
    }

    @Test
    void anUnknownNameIsRefusedWithTheClosestAppliance() {
        ApplianceException e = assertThrows(ApplianceException.class, () -> installer(apt.target, null)
                .install(new InstallRequest("dokuwik-appliance", PASSWORD, null, false, false, false, false)));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().startsWith("no appliance named dokuwik-appliance"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'dokuwiki-appliance'?"));
    }

    @Test
    void anotherApplianceIsRefusedWithoutReplaceAndSwappedWithIt() {
        apt.installed.put("tiki-appliance", "1.0-1");
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> installer(apt.target, null).install(request(PASSWORD)));
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().startsWith("tiki-appliance 1.0-1 is installed"), e.getMessage());
        assertTrue(e.getMessage().contains("--replace"));
        assertTrue(apt.debconf.isEmpty());
        assertEquals(Map.of("tiki-appliance", "1.0-1"), apt.installed);

        serving(200);
        InstallOutcome o = installer(apt.target, null)
                .install(new InstallRequest(NAME, PASSWORD, null, true, false, false, false));
        assertEquals("tiki-appliance", o.plan().replaces().get(0).name());
        assertEquals(Map.of(NAME, "1.0-1"), apt.installed);
    }

    @Test
    void reinstallingTheSameApplianceIsNoConflict() {
        serving(200);
        apt.installed.put(NAME, "0.9-1");
        InstallOutcome o = installer(apt.target, null).install(request(PASSWORD));
        assertTrue(o.plan().reinstalled().isPresent());
        assertTrue(o.plan().replaces().isEmpty());
    }

    @Test
    void aFailedSignatureStopsAtTheUpdate() {
        apt.updateExit = 100;
        apt.updateStderr = "W: GPG error: http://127.0.0.1/apt stable InRelease: The following signatures couldn't be"
                + " verified because the public key is not available: NO_PUBKEY 0123456789ABCDEF\n"
                + "E: The repository 'http://127.0.0.1/apt stable InRelease' is not signed.";
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> installer(apt.target, null).install(request(PASSWORD)));
        assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("NO_PUBKEY"), e.getMessage());
        assertTrue(apt.target.commandsOf("apt-cache", "dpkg-deb", "debconf-set-selections").isEmpty());
    }

    @Test
    void everyFailedHostRequirementIsReportedAtOnce() {
        apt.target.file("/etc/os-release", "ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"20.04\"\nPRETTY_NAME=\"Ubuntu 20.04\"\n");
        apt.target.file("/proc/meminfo", Fixtures.meminfo(100_000));
        apt.target.on(List.of("dpkg", "--print-architecture"), 0, "s390x\n", "");
        apt.target.on(List.of("df", "-Pk", "/"), 0, Fixtures.df(1000), "");
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> installer(apt.target, null).install(request(PASSWORD)));
        assertEquals(ExitCode.HOST_REQUIREMENTS, e.exitCode());
        String m = e.getMessage();
        assertTrue(m.contains("architecture: the host is s390x") && m.contains("distribution: the host runs Ubuntu 20.04")
                && m.contains("memory: the host has 97.7 MiB; the appliance needs 256 MiB")
                && m.contains("disk: 1000 KiB free on /"), m);
        assertTrue(apt.debconf.isEmpty());
    }

    @Test
    void aFailingCheckEndsWithCheckFailedAfterItsTimeout() {
        serving(503);
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> installer(apt.target, null).install(request(PASSWORD)));
        assertEquals(ExitCode.CHECK_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("GET http://127.0.0.1/dokuwiki/doku.php -> 200: HTTP 503"), e.getMessage());
        assertTrue(e.getMessage().contains("was installed"));
    }

    @Test
    void checksAreSkippedInAChrootAndTheInstallStillHappens() {
        apt.target.chroot();
        InstallOutcome o = installer(apt.target, null).install(request(PASSWORD));
        assertTrue(o.checks().isEmpty());
        assertEquals("skipped: services do not run in a chroot", o.plan().steps().get(9).status());
        assertEquals("1.0-1", apt.installed.get(NAME));
    }

    @Test
    void overSshTheServersNameIsWhereItIsReached() {
        serving(200);
        apt.target.reachableAs("web1.example.org");
        InstallOutcome o = installer(apt.target, null).install(request(PASSWORD));
        assertEquals(List.of("http://web1.example.org/dokuwiki/doku.php"), o.reachableAt());
    }

    @Test
    void aFailedInstallIsAPackageManagerFailure() {
        apt.installExit = 100;
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> installer(apt.target, null).install(request(PASSWORD)));
        assertEquals(ExitCode.PACKAGE_MANAGER, e.exitCode());
        assertTrue(e.getMessage().contains("returned an error code"), e.getMessage());
    }

    @Test
    void aSeedPublishedBesideThePackageIsCheckedAgainstTheIndex() {
        serving(200);
        byte[] seed = Fixtures.seed().getBytes(StandardCharsets.UTF_8);
        String sha = sha256(seed);
        apt.offer(new AptHost.Offer(NAME, "1.0-1", true, Fixtures.descriptor(NAME), null,
                Map.of(AvailablePackage.SEED_FIELD, "pool/main/d/dokuwiki-appliance/dokuwiki-appliance_1.0-1.seed",
                        AvailablePackage.SEED_SHA256_FIELD, sha)));
        apt.target.on(c -> c.argv().containsAll(List.of("apt-get", "download", "--print-uris")), c ->
                FakeTarget.result(c, 0, ("'http://127.0.0.1:8080/repo/apt/pool/main/d/dokuwiki-appliance/"
                        + "dokuwiki-appliance_1.0-1_all.deb' dokuwiki-appliance_1.0-1_all.deb 1234 SHA256:ab\n")
                        .getBytes(StandardCharsets.UTF_8), ""));
        AtomicReference<String> fetched = new AtomicReference<>();
        apt.target.on(c -> c.program().equals("/usr/lib/apt/apt-helper"), c -> {
            fetched.set(c.argv().get(2) + " " + c.argv().get(4));
            apt.target.files.put(c.argv().get(3), seed);
            return FakeTarget.result(c, 0, new byte[0], "");
        });
        InstallOutcome o = installer(apt.target, null).install(request(PASSWORD));
        assertEquals("http://127.0.0.1:8080/repo/apt/pool/main/d/dokuwiki-appliance/dokuwiki-appliance_1.0-1.seed"
                + " SHA256:" + sha, fetched.get());
        assertTrue(o.plan().appliance().seedSource().startsWith("the repository"));
        assertTrue(apt.debconf.get(0).contains("dokuwiki dokuwiki/wiki/title string Seed Wiki"));
    }

    @Test
    void aTamperedPublishedSeedStopsTheInstall() {
        apt.offer(new AptHost.Offer(NAME, "1.0-1", true, Fixtures.descriptor(NAME), null,
                Map.of(AvailablePackage.SEED_FIELD, "pool/main/d/dokuwiki-appliance/dokuwiki-appliance_1.0-1.seed",
                        AvailablePackage.SEED_SHA256_FIELD, sha256(Fixtures.seed().getBytes(StandardCharsets.UTF_8)))));
        apt.target.on(c -> c.argv().containsAll(List.of("apt-get", "download", "--print-uris")), c ->
                FakeTarget.result(c, 0, ("'http://h/apt/pool/main/d/dokuwiki-appliance/dokuwiki-appliance_1.0-1_all.deb'"
                        + " dokuwiki-appliance_1.0-1_all.deb 1 SHA256:ab\n").getBytes(StandardCharsets.UTF_8), ""));
        // a server answering with other bytes: apt-helper would refuse, and so does the check here
        apt.target.on(c -> c.program().equals("/usr/lib/apt/apt-helper"), c -> {
            apt.target.files.put(c.argv().get(3), "dokuwiki dokuwiki/wiki/title string Evil\n".getBytes(StandardCharsets.UTF_8));
            return FakeTarget.result(c, 0, new byte[0], "");
        });
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> installer(apt.target, null).install(request(PASSWORD)));
        assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
        assertTrue(apt.debconf.isEmpty());
    }

    @Test
    void questionsAreAskedOnATerminalWithSecretsConfirmed() {
        serving(200);
        // password typed twice differently, then twice the same; superuser: Enter keeps the seed's admin;
        // policy: an invalid choice, then a valid one
        ScriptedPrompter prompter = new ScriptedPrompter("one", "two", SECRET, SECRET, "", "everyone", "open");
        InstallOutcome o = installer(apt.target, prompter)
                .install(new InstallRequest(NAME, List.of(), null, false, false, true, false));
        assertEquals(List.of("Password for the wiki administrator: ", "Password for the wiki administrator (again): ",
                "Password for the wiki administrator: ", "Password for the wiki administrator (again): "),
                prompter.secretAsked);
        assertEquals("User name of the wiki administrator [admin]: ", prompter.asked.get(0));
        assertEquals("Who may read and edit (public, closed, open) [closed]: ", prompter.asked.get(1));
        assertTrue(prompter.told.contains("The two answers differ; try again."));
        assertTrue(prompter.told.contains("'everyone' is not one of public, closed, open"), prompter.told.toString());
        String selections = apt.debconf.get(0);
        assertTrue(selections.contains("dokuwiki dokuwiki/wiki/password password " + SECRET));
        assertTrue(selections.contains("dokuwiki dokuwiki/wiki/superuser string admin"));
        assertTrue(selections.contains("dokuwiki dokuwiki/wiki/policy select open"));
        assertEquals("asked", o.plan().answers().shown().stream()
                .filter(s -> s.question().equals(Fixtures.PASSWORD_QUESTION)).findFirst().orElseThrow().origin());
    }

    @Test
    void aSecretOnTheCommandLineIsWarnedAbout() {
        serving(200);
        installer(apt.target, null).install(request(PASSWORD));
        assertTrue(reporter.warnings.stream().anyMatch(w -> w.contains("visible in the process list")));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void checksRetryUntilTheApplianceAnswers() {
        int[] calls = {0};
        apt.target.connections(hostPort -> {
            calls[0]++;
            return calls[0] < 4 ? null : "HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        });
        InstallOutcome o = installer(apt.target, null).install(request(PASSWORD));
        assertEquals(4, o.checks().get(0).attempts());
        assertEquals(Duration.ofSeconds(3), o.checks().get(0).took());
    }
}
