package org.vatools.vainstall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vatools.core.ExitCode;
import org.vatools.testkit.DebianRoot;
import org.vatools.testkit.Tool;

/**
 * vainstall's commands end to end against a real Debian 12 root (--root), real apt-get, dpkg and
 * debconf, and a signed repository built with apt-ftparchive and gpg inside the root
 * (file:///srv/repo), so no network is needed. The root's own Debian sources are removed.
 */
class ChrootInstallIT {
    private static final String SECRET = "pw from file, not argv";
    private DebianRoot root;
    private AptRepositoryFixture repo;
    private Path work;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() throws IOException {
        root = DebianRoot.create();
        Files.deleteIfExists(root.path().resolve("etc/apt/sources.list"));
        work = Files.createTempDirectory("vainstall-it-");
        repo = new AptRepositoryFixture(root.path().resolve("srv/repo"), work.resolve("repo-work"));
        repo.appliance("test-appliance", "1.0-1", true, "testapp testapp/title string Seeded Title\n");
        repo.appliance("other-appliance", "2.0-1", true, "testapp testapp/title string Other\n");
        String published = "testapp testapp/title string Published Seed\n";
        repo.appliance("seedless-appliance", "1.0-1", false, published);
        repo.publish(Map.of("seedless-appliance", AptRepositoryFixture.sha256(published)));
    }

    @AfterEach
    void tearDown() {
        try {
            assertEquals(List.of(), root.mountsUnder(), "no mount is left behind");
        } finally {
            repo.close();
            root.close();
            Tool.run("rm", "-rf", "--", work.toString());
        }
    }

    private int vainstall(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Environment env = new Environment(System.getenv(), work.resolve("home"), "root", work, null, Clock.systemUTC(),
                new DefaultTargetFactory(System.getenv()));
        return VainstallMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    private String r() {
        return root.path().toString();
    }

    private Path in(String path) {
        return root.path().resolve(path.substring(1));
    }

    private void addRepo() {
        assertEquals(0, vainstall("add-repo", "file:///srv/repo", "--keyring", repo.keyring.toString(), "--name",
                "testrepo", "--root", r()), out + "\n" + err);
    }

    private Path answers(String text) throws IOException {
        Path f = work.resolve("answers");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private String dpkg(String name) {
        return Tool.run("chroot", r(), "dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Version}", name).stdout().strip();
    }

    @Test
    void addRepoInstallListAndRemove() throws IOException {
        addRepo();
        assertEquals("Types: deb\nURIs: file:///srv/repo/apt\nSuites: stable\nComponents: main\n"
                + "Signed-By: /etc/apt/keyrings/testrepo.gpg\n",
                Files.readString(in("/etc/apt/sources.list.d/testrepo.sources")).lines().skip(1)
                        .map(l -> l + "\n").reduce("", String::concat));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                in("/etc/apt/keyrings/testrepo.gpg"))));
        assertTrue(out.toString().contains("Added repository testrepo"), out.toString());

        Path answers = answers("testapp/password=" + SECRET + "\n");
        int code = vainstall("--root", r(), "test-appliance", "--answers", answers.toString(), "--answer",
                "testapp/title=Given Title", "--yes");
        assertEquals(0, code, out + "\n" + err);
        assertEquals("ii |1.0-1", dpkg("test-appliance"));
        assertEquals("Given Title\n", Files.readString(in("/etc/test-appliance.conf")), "the --answer reached debconf");
        assertEquals(SECRET, Files.readString(in("/etc/test-appliance.secret")), "the secret from the file");
        assertEquals(SECRET, Files.readString(in("/etc/test-appliance.confirm")), "also-answers got it too");
        assertFalse((out.toString() + err).contains(SECRET), "the secret is never printed");
        assertTrue(out.toString().contains("test-appliance 1.0-1 is installed on chroot " + r()), out.toString());

        assertEquals(0, vainstall("list", "--json", "--root", r()));
        assertEquals("[{\"name\":\"test-appliance\",\"version\":\"1.0-1\",\"state\":\"installed\"}]", out.toString().strip());
        assertEquals(0, vainstall("list", "--available", "--root", r()));
        assertTrue(out.toString().contains("test-appliance      1.0-1    yes"), out.toString());
        assertEquals(0, vainstall("show", "test-appliance", "--root", r()));
        assertTrue(out.toString().contains("testapp/title = Seeded Title"), out.toString());

        assertEquals(0, vainstall("remove", "test-appliance", "--root", r()), err.toString());
        assertEquals("rc |1.0-1", dpkg("test-appliance"));
        assertEquals(0, vainstall("remove", "test-appliance", "--purge", "--root", r()), err.toString());
        assertFalse(Files.exists(in("/etc/test-appliance.conf")));
        assertEquals(ExitCode.NOT_FOUND.code(), vainstall("remove", "test-appliance", "--root", r()));
    }

    @Test
    void aRepositoryWithTheWrongKeyIsRefusedAndNothingStays() {
        int code = vainstall("add-repo", "file:///srv/repo", "--keyring", repo.otherKeyring.toString(), "--name", "bad",
                "--root", r());
        assertEquals(ExitCode.VERIFICATION_FAILED.code(), code, out + "\n" + err);
        assertFalse(Files.exists(in("/etc/apt/sources.list.d/bad.sources")));
        assertFalse(Files.exists(in("/etc/apt/keyrings/bad.gpg")));
        assertTrue(err.toString().contains("did not verify"), err.toString());
    }

    @Test
    void aDryRunLeavesDpkgAndDebconfByteIdentical() throws IOException {
        addRepo();
        List<Path> watched = List.of(in("/var/lib/dpkg/status"), in("/var/cache/debconf/config.dat"),
                in("/var/cache/debconf/passwords.dat"));
        List<byte[]> before = read(watched);
        Path answers = answers("testapp/password=" + SECRET + "\n");
        assertEquals(0, vainstall("--root", r(), "test-appliance", "--answers", answers.toString(), "--dry-run"),
                out + "\n" + err);
        assertTrue(out.toString().contains("Plan: install test-appliance 1.0-1"), out.toString());
        assertTrue(out.toString().matches("(?s).*testapp/password +: \\*{8}.*"), out.toString());
        assertTrue(out.toString().contains("Inst test-appliance (1.0-1"), out.toString());
        assertFalse(out.toString().contains(SECRET));
        List<byte[]> after = read(watched);
        for (int i = 0; i < watched.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), watched.get(i) + " changed");
        }
    }

    @Test
    void aSecondApplianceIsRefusedWithoutReplaceAndSwappedWithIt() throws IOException {
        addRepo();
        Path answers = answers("testapp/password=" + SECRET + "\n");
        assertEquals(0, vainstall("--root", r(), "test-appliance", "--answers", answers.toString(), "--yes"),
                err.toString());
        byte[] status = Files.readAllBytes(in("/var/lib/dpkg/status"));
        assertEquals(ExitCode.CONFLICT.code(), vainstall("--root", r(), "other-appliance", "--answers", answers.toString(),
                "--yes"));
        assertTrue(err.toString().contains("test-appliance 1.0-1 is installed"), err.toString());
        assertArrayEquals(status, Files.readAllBytes(in("/var/lib/dpkg/status")), "dpkg status unchanged");
        assertEquals(0, vainstall("--root", r(), "other-appliance", "--answers", answers.toString(), "--yes",
                "--replace"), out + "\n" + err);
        assertEquals("ii |2.0-1", dpkg("other-appliance"));
        assertTrue(dpkg("test-appliance").startsWith("rc"), dpkg("test-appliance"));
        assertEquals("Other\n", Files.readString(in("/etc/other-appliance.conf")));
    }

    @Test
    void missingAnswersStopBeforeAnyChange() throws IOException {
        addRepo();
        byte[] status = Files.readAllBytes(in("/var/lib/dpkg/status"));
        byte[] debconf = Files.readAllBytes(in("/var/cache/debconf/config.dat"));
        assertEquals(ExitCode.USAGE.code(), vainstall("--root", r(), "test-appliance", "--yes"));
        assertTrue(err.toString().contains("testapp/password: Administrator password"), err.toString());
        assertArrayEquals(status, Files.readAllBytes(in("/var/lib/dpkg/status")));
        assertArrayEquals(debconf, Files.readAllBytes(in("/var/cache/debconf/config.dat")));
    }

    @Test
    void aTamperedPackagesFileStopsAtTheUpdate() throws IOException {
        assertEquals(0, vainstall("add-repo", "file:///srv/repo", "--keyring", repo.keyring.toString(), "--name",
                "testrepo", "--root", r(), "--no-update"), out + "\n" + err);
        Path packages = root.path().resolve("srv/repo/apt/dists/stable/main/binary-amd64/Packages");
        Files.writeString(packages, Files.readString(packages).replaceFirst(
                "Description: appliance for the vainstall tests", "Description: appliance for the vainstall testz"));
        byte[] status = Files.readAllBytes(in("/var/lib/dpkg/status"));
        int code = vainstall("--root", r(), "test-appliance", "--answers", answers("testapp/password=x\n").toString(),
                "--yes");
        assertEquals(ExitCode.VERIFICATION_FAILED.code(), code, out + "\n" + err);
        assertArrayEquals(status, Files.readAllBytes(in("/var/lib/dpkg/status")));
    }

    @Test
    void aRepositorySignedWithAnotherKeyStopsAtTheUpdate() throws IOException {
        addRepo();
        Path inRelease = root.path().resolve("srv/repo/apt/dists/stable/InRelease");
        Tool.run(List.of("gpg", "--homedir", repo.gnupg.toString(), "--batch", "--yes", "--pinentry-mode", "loopback",
                "--local-user", "other@example.org", "--clearsign", "-o", inRelease.toString(),
                root.path().resolve("srv/repo/apt/dists/stable/Release").toString()), null, Map.of(), null, 60)
                .assertSuccess();
        int code = vainstall("--root", r(), "test-appliance", "--answers", answers("testapp/password=x\n").toString(),
                "--yes");
        assertEquals(ExitCode.VERIFICATION_FAILED.code(), code, out + "\n" + err);
        assertTrue(dpkg("test-appliance").isEmpty() || dpkg("test-appliance").startsWith("un"));
    }

    @Test
    void aSeedPublishedBesideThePackageIsFetchedAndChecked() throws IOException {
        addRepo();
        Path answers = answers("testapp/password=" + SECRET + "\n");
        Path seed = root.path().resolve("srv/repo/apt/pool/main/s/seedless-appliance/seedless-appliance_1.0-1.seed");
        String good = Files.readString(seed);
        Files.writeString(seed, "testapp testapp/title string Tampered\n");
        assertEquals(ExitCode.VERIFICATION_FAILED.code(), vainstall("--root", r(), "seedless-appliance", "--answers",
                answers.toString(), "--yes"), out + "\n" + err);
        assertTrue(dpkg("seedless-appliance").isEmpty() || dpkg("seedless-appliance").startsWith("un"));
        Files.writeString(seed, good);
        assertEquals(0, vainstall("--root", r(), "seedless-appliance", "--answers", answers.toString(), "--yes"),
                out + "\n" + err);
        assertEquals("Published Seed\n", Files.readString(in("/etc/seedless-appliance.conf")));
    }

    private static List<byte[]> read(List<Path> files) throws IOException {
        List<byte[]> out = new java.util.ArrayList<>();
        for (Path p : files) {
            out.add(Files.exists(p) ? Files.readAllBytes(p) : new byte[0]);
        }
        return out;
    }
}
