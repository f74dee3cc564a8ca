package org.vatools.vainstall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.vainstall.backup.RawAbf;
import org.vatools.vainstall.backup.SampleBackups;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.testing.AptHost;
import org.vatools.vainstall.testing.FakeTarget;
import org.vatools.vainstall.testing.Fixtures;

/**
 * {@code vainstall restore}, {@code backups verify} and {@code backup} given bad input, through the
 * command line against a fake Debian host: each is refused with its documented exit code and a
 * message naming the file and the fault, and the host is left exactly as it was (no file written,
 * moved or removed, no tar, no hook run).
 */
class RestoreRefusalsTest {
    static final String NAME = SampleBackups.APPLIANCE;
    static final String HOOKS = "/usr/libexec/virtual-appliance/" + NAME + "/";

    @TempDir
    Path tmp;

    private AptHost host;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private long freeKib = 50_000_000;
    private String lastError = "";

    static String descriptor(String hooks) {
        return Fixtures.descriptor(NAME) + """
                backup:
                  sysconfig: [/etc/app]
                  appdata: [/var/lib/app, /srv/media]
                  hooks:
                %s""".formatted(hooks);
    }

    @BeforeEach
    void host() {
        host = new AptHost();
        host.installed.put(NAME, SampleBackups.VERSION);
        FakeTarget t = host.target;
        t.file(PackageLayout.descriptorPath(NAME), descriptor("    post-restore: scripts/post-restore\n"));
        t.file(HOOKS + "post-restore", "#!/bin/sh\n");
        t.file("/etc/app/app.conf", "live config\n");
        t.file("/var/lib/app/data/page.txt", "live page\n");
        t.on(c -> c.argv().size() == 4 && c.argv().subList(0, 3).equals(List.of("df", "-Pk", "--")),
                c -> FakeTarget.result(c, 0, Fixtures.df(freeKib).getBytes(StandardCharsets.UTF_8), ""));
        t.on(List.of("getent"), 0, "x\n", "");
        t.on(c -> c.program().equals("readlink"), c -> FakeTarget.result(c, 0,
                (c.argv().get(c.argv().size() - 1) + "\n").getBytes(StandardCharsets.UTF_8), ""));
        t.on(List.of("uname", "-n"), 0, "host1\n", "");
    }

    private int run(String... args) {
        Environment env = new Environment(Map.of("USER", "tester"), tmp.resolve("home"), "tester", tmp, null,
                Clock.systemUTC(), (spec, progress) -> host.target);
        return VainstallMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    private Path save(byte[] abf) throws IOException {
        Path p = tmp.resolve("b" + System.nanoTime() + ".abf");
        Files.write(p, abf);
        return p;
    }

    /** What the fake host holds: every file with its content, every folder, mode and owner. */
    private String snapshot() {
        FakeTarget t = host.target;
        Map<String, String> files = new TreeMap<>();
        t.files.forEach((k, v) -> files.put(k, new String(v, StandardCharsets.UTF_8)));
        return files + "\n" + new TreeSet<>(t.dirs) + "\n" + t.modes + "\n" + t.owners + "\n" + host.installed;
    }

    /** Runs the command line, expecting {@code code}, each fragment in the error, and the host unchanged. */
    private void refused(ExitCode code, List<String> args, String... fragments) {
        String before = snapshot();
        int commandsBefore = host.target.commands.size();
        int exit = run(args.toArray(new String[0]));
        assertEquals(code.code(), exit, "exit code of " + args + "; stderr:\n" + err);
        for (String f : fragments) {
            assertTrue(err.toString().contains(f), "expected '" + f + "' in:\n" + err);
        }
        assertEquals(before, snapshot(), "the host changed");
        List<Command> ran = host.target.commands.subList(commandsBefore, host.target.commands.size());
        for (Command c : ran) {
            assertFalse(List.of("mv", "rm", "tar", "mkdir", "mktemp", "dd", "chown", "chmod", "apt-get")
                    .contains(c.program()) || c.program().startsWith(HOOKS), "a changing command ran: " + c.display());
        }
        lastError = err.toString();
        err.getBuffer().setLength(0);
    }

    private void restoreRefused(byte[] abf, ExitCode code, String... fragments) throws IOException {
        Path p = save(abf);
        refused(code, List.of("restore", p.toString()), fragments);
        refused(code, List.of("backups", "verify", p.toString()), fragments);
        assertTrue(lastError.contains(p.toString()), "names the file: " + lastError);
    }

    @Test
    void aTruncatedOrCorruptedZipIsRefused() throws IOException {
        byte[] abf = SampleBackups.sample();
        restoreRefused(Arrays.copyOf(abf, abf.length / 2), ExitCode.INVALID_INPUT, "truncated");
        restoreRefused(Arrays.copyOf(abf, abf.length - 5), ExitCode.INVALID_INPUT, "truncated");
        restoreRefused("PK\3\4 a zip cut after its first bytes".getBytes(StandardCharsets.US_ASCII),
                ExitCode.INVALID_INPUT, "truncated", "central directory");
        restoreRefused("this is no zip at all".getBytes(StandardCharsets.US_ASCII), ExitCode.INVALID_INPUT,
                "is not an appliance backup: it is neither a zip file nor an OpenPGP message");
        RawAbf raw = RawAbf.of(abf);
        byte[] gz = raw.member(SampleBackups.appdataMember()).clone();
        gz[gz.length / 2] ^= 0x20;
        restoreRefused(raw.put(SampleBackups.appdataMember(), gz).bytes(), ExitCode.VERIFICATION_FAILED,
                "appdata.tar.gz does not match its SHA-256");
    }

    @Test
    void aWrongChecksumIsRefused() throws IOException {
        RawAbf raw = RawAbf.of(SampleBackups.sample());
        String sums = new String(raw.member(SampleBackups.sha256Member()), StandardCharsets.US_ASCII);
        raw.put(SampleBackups.sha256Member(), sums.replace(sums.substring(0, 64), "0".repeat(64)));
        restoreRefused(raw.bytes(), ExitCode.VERIFICATION_FAILED, "version does not match its SHA-256");
    }

    @Test
    void aMemberLargerThanDeclaredIsRefused() throws IOException {
        RawAbf raw = RawAbf.of(SampleBackups.sample());
        String info = new String(raw.member(SampleBackups.infoMember()), StandardCharsets.UTF_8);
        raw.put(SampleBackups.infoMember(), info.replace("entries: 5\n    bytes: 11", "entries: 5\n    bytes: 3"))
                .resum();
        restoreRefused(raw.bytes(), ExitCode.INVALID_INPUT, "larger than declared");
    }

    @Test
    void aZipBombIsRefused() throws IOException {
        restoreRefused(SampleBackups.zipBomb(), ExitCode.INVALID_INPUT, "zip bomb");
    }

    @Test
    void membersThatWouldLandOutsideTheSetsAreRefused() throws IOException {
        restoreRefused(SampleBackups.withSysconfig(new RawAbf.Tar().dir("0/").file("/etc/passwd", "x\n")),
                ExitCode.INVALID_INPUT, "sysconfig.tar.gz", "is an absolute path");
        restoreRefused(SampleBackups.withSysconfig(new RawAbf.Tar().dir("0/").file("../etc/passwd", "x\n")),
                ExitCode.INVALID_INPUT, "sysconfig.tar.gz", "'..'");
        restoreRefused(SampleBackups.withSysconfig(new RawAbf.Tar().dir("0/").file("0/../../etc/passwd", "x\n")),
                ExitCode.INVALID_INPUT, "is not a clean relative path");
        restoreRefused(SampleBackups.withSysconfig(new RawAbf.Tar().dir("0/").symlink("0/shadow", "/etc/shadow")),
                ExitCode.INVALID_INPUT, "points out of the set /etc/app");
        restoreRefused(SampleBackups.withSysconfig(new RawAbf.Tar().dir("0/").symlink("0/l", "/etc")
                .file("0/l/passwd", "x")), ExitCode.INVALID_INPUT, "lies below the symlink 'l'");
        restoreRefused(SampleBackups.withSysconfig(new RawAbf.Tar().dir("0/").charDevice("0/null")),
                ExitCode.INVALID_INPUT, "is a device file");
    }

    @Test
    void aMissingPostRestoreHookIsRefused() throws IOException {
        host.target.files.remove(HOOKS + "post-restore");
        Path p = save(SampleBackups.sample());
        refused(ExitCode.NOT_FOUND, List.of("restore", p.toString()), "declares a post-restore hook",
                HOOKS + "post-restore is not an executable file", "reinstall", "nothing was changed");
    }

    @Test
    void hookDataWithoutAPostRestoreHookIsRefused() throws IOException {
        host.target.file(PackageLayout.descriptorPath(NAME), descriptor("    {}\n").replace("  hooks:\n    {}\n", ""));
        Path p = save(SampleBackups.sample());
        refused(ExitCode.CONFLICT, List.of("restore", p.toString()), "declares no post-restore hook to load it");
    }

    @Test
    void notEnoughDiskIsRefused() throws IOException {
        freeKib = 100;
        Path p = save(SampleBackups.sample());
        refused(ExitCode.ENVIRONMENT, List.of("restore", p.toString()), "not enough disk space on the fake host",
                "/ has 100.0 KiB free, the restore needs 3.0 MiB", "nothing was changed");
    }

    @Test
    void aBackupOfAnotherApplianceIsRefused() throws IOException {
        host.installed.clear();
        host.installed.put("other-appliance", "2.0-1");
        host.target.file(PackageLayout.descriptorPath("other-appliance"), Fixtures.descriptor("other-appliance"));
        Path p = save(SampleBackups.sample());
        refused(ExitCode.CONFLICT, List.of("restore", p.toString()), "is a backup of test-appliance 1.0-1",
                "but other-appliance 2.0-1 is installed", "nothing was changed");
        refused(ExitCode.CONFLICT, List.of("restore", p.toString(), "--install"), "is a backup of test-appliance");
    }

    @Test
    void aBackupOfAnApplianceNotInstalledNeedsInstall() throws IOException {
        host.installed.clear();
        Path p = save(SampleBackups.sample());
        refused(ExitCode.NOT_FOUND, List.of("restore", p.toString()), "test-appliance is not installed",
                "rerun with --install");
    }

    @Test
    void aBackupNewerThanTheInstalledApplianceIsRefused() throws IOException {
        host.installed.put(NAME, "0.9-1");
        Path p = save(SampleBackups.sample());
        refused(ExitCode.CONFLICT, List.of("restore", p.toString()), "newer than the 0.9-1 installed",
                "vainstall update");
    }

    @Test
    void answerOptionsWithoutInstallAreAUsageError() throws IOException {
        Path p = save(SampleBackups.sample());
        refused(ExitCode.USAGE, List.of("restore", p.toString(), "--answer", "a/b=c"), "go with --install");
        refused(ExitCode.NOT_FOUND, List.of("restore", tmp.resolve("missing.abf").toString()), "missing.abf");
    }

    @Test
    void aBackupWithAMissingPreBackupHookWritesNothing() {
        host.target.file(PackageLayout.descriptorPath(NAME),
                descriptor("    pre-backup: scripts/pre-backup\n    post-restore: scripts/post-restore\n"));
        Path out = tmp.resolve("new.abf");
        refused(ExitCode.NOT_FOUND, List.of("backup", "--out", out.toString()), "declares a pre-backup hook",
                HOOKS + "pre-backup is not an executable file");
        assertFalse(Files.exists(out));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(), s.map(x -> x.getFileName().toString()).filter(n -> n.contains("new.abf")).toList());
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void backupOfNothingInstalledAndAnExistingFileAreRefused() throws IOException {
        Path existing = save("keep me".getBytes(StandardCharsets.US_ASCII));
        refused(ExitCode.CONFLICT, List.of("backup", "--out", existing.toString()), "exists", "--force");
        assertEquals("keep me", Files.readString(existing));
        host.installed.clear();
        refused(ExitCode.NOT_FOUND, List.of("backup", "--out", tmp.resolve("x.abf").toString()),
                "no appliance is installed on the fake host");
    }
}
