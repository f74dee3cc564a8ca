package org.vatools.vainstall.cli;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vatools.core.ExitCode;
import org.vatools.testkit.DebianRoot;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Sshd;
import org.vatools.testkit.Tool;

/**
 * backup, restore and update against a real Debian 12 root (--root) with real apt-get, dpkg and
 * GNU tar, and a signed repository inside the root (no network): an appliance whose descriptor
 * declares backup sets and all three hooks is backed up, its data changed, restored, upgraded, and
 * an upgrade whose postinst fails is rolled back to the previous version and its data.
 */
class ChrootBackupIT {
    private static final String NAME = "data-appliance";
    private static final String BACKUP_YAML = """
            backup:
              sysconfig: [/etc/data-appliance.d]
              appdata: [/var/lib/data-appliance]
              hooks:
                pre-backup: hooks/pre-backup
                post-restore: hooks/post-restore
                migrate: hooks/migrate
            """;
    private static final String HOOKS = "/usr/libexec/virtual-appliance/" + NAME + "/";
    private static final Map<String, String> PROGRAMS = Map.of(
            HOOKS + "pre-backup", "#!/bin/sh\nset -e\necho \"dump of $VA_NAME $VA_VERSION\" > \"$VA_BACKUP_DIR/db.dump\"\n",
            HOOKS + "post-restore", "#!/bin/sh\nset -e\ncp \"$VA_BACKUP_DIR/db.dump\" /etc/data-appliance.loaded\n",
            HOOKS + "migrate", "#!/bin/sh\nset -e\necho \"migrated from $VA_FROM_VERSION\" > /etc/data-appliance.migrated\n");
    private static final String POSTINST = "mkdir -p /etc/data-appliance.d /var/lib/data-appliance\n"
            + "[ -e /var/lib/data-appliance/page.txt ] || echo initial > /var/lib/data-appliance/page.txt";

    private DebianRoot root;
    private AptRepositoryFixture repo;
    private Path work;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() throws IOException {
        root = DebianRoot.create();
        Files.deleteIfExists(root.path().resolve("etc/apt/sources.list"));
        work = Files.createTempDirectory("vainstall-backup-it-");
        repo = new AptRepositoryFixture(root.path().resolve("srv/repo"), work.resolve("repo-work"));
        appliance("1.0-1", POSTINST);
        repo.publish(Map.of());
        assertEquals(0, vainstall("add-repo", "file:///srv/repo", "--keyring", repo.keyring.toString(), "--name",
                "testrepo", "--root", r()), out + "\n" + err);
        Path answers = work.resolve("answers");
        Files.writeString(answers, "testapp/password=secret\n");
        Files.setPosixFilePermissions(answers, PosixFilePermissions.fromString("rw-------"));
        assertEquals(0, vainstall("--root", r(), NAME, "--answers", answers.toString(), "--yes"), out + "\n" + err);
    }

    private void appliance(String version, String postinst) throws IOException {
        repo.appliance(NAME, version, true, "testapp testapp/title string Data\n", BACKUP_YAML, PROGRAMS, postinst);
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

    private String chroot(String... argv) {
        List<String> c = new java.util.ArrayList<>(List.of("chroot", r()));
        c.addAll(List.of(argv));
        return Tool.run(c, null, Map.of(), null, 120).assertSuccess().stdout().strip();
    }

    private String dpkg() {
        return chroot("dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Version}", NAME);
    }

    @Test
    void backupRestoreAndUpdateWithRollback() throws IOException {
        // data worth keeping: a page owned by a system user with its own mode, a symlink, a config file
        Files.writeString(in("/var/lib/data-appliance/page.txt"), "the page as backed up\n");
        chroot("chown", "daemon:daemon", "/var/lib/data-appliance/page.txt");
        chroot("chmod", "0640", "/var/lib/data-appliance/page.txt");
        chroot("ln", "-s", "page.txt", "/var/lib/data-appliance/current");
        Files.writeString(in("/etc/data-appliance.d/site.conf"), "title=Backed up\n");

        Path abf = work.resolve("data.abf");
        assertEquals(0, vainstall("backup", "--root", r(), "--out", abf.toString()), out + "\n" + err);
        assertTrue(out.toString().contains("hook data: 2 entries"), out.toString());
        assertEquals(0, vainstall("backups", "verify", abf.toString(), "--json"), out + "\n" + err);
        assertTrue(out.toString().contains("\"appliance\":\"data-appliance\""), out.toString());
        assertTrue(out.toString().contains("\"path\":\"/var/lib/data-appliance\",\"present\":true,\"entries\":3"),
                out.toString());

        // the data changes after the backup; the restore brings back exactly what was backed up
        Files.writeString(in("/var/lib/data-appliance/page.txt"), "changed later\n");
        Files.writeString(in("/var/lib/data-appliance/later.txt"), "not in the backup\n");
        Files.delete(in("/etc/data-appliance.d/site.conf"));
        assertEquals(0, vainstall("restore", abf.toString(), "--root", r()), out + "\n" + err);
        assertEquals("the page as backed up\n", Files.readString(in("/var/lib/data-appliance/page.txt")));
        assertEquals("daemon:daemon 640", chroot("stat", "-c", "%U:%G %a", "/var/lib/data-appliance/page.txt"));
        assertEquals("page.txt", chroot("readlink", "/var/lib/data-appliance/current"));
        assertFalse(Files.exists(in("/var/lib/data-appliance/later.txt")));
        assertEquals("title=Backed up\n", Files.readString(in("/etc/data-appliance.d/site.conf")));
        assertEquals("dump of data-appliance 1.0-1\n", Files.readString(in("/etc/data-appliance.loaded")),
                "the post-restore hook got the pre-backup hook's data");
        assertFalse(Files.exists(in("/etc/data-appliance.migrated")), "same version: no migration");
        try (Stream<Path> s = Files.list(in("/var/lib"))) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".vainstall-"))
                    .toList(), "no staging or old folder is left");
        }
        try (Stream<Path> s = Files.list(in("/var/log/virtual-appliance/" + NAME))) {
            assertEquals(1, s.count());
        }

        // an upgrade that works: the backup is taken first, the new version installed
        appliance("2.0-1", POSTINST);
        repo.publish(Map.of());
        Path before2 = work.resolve("before-2.abf");
        assertEquals(0, vainstall("update", "--root", r(), "--backup-out", before2.toString()), out + "\n" + err);
        assertEquals("ii |2.0-1", dpkg());
        assertTrue(out.toString().contains("Updated data-appliance 1.0-1 to 2.0-1"), out.toString());
        assertTrue(Files.size(before2) > 0);
        assertEquals("the page as backed up\n", Files.readString(in("/var/lib/data-appliance/page.txt")));

        // an older backup restored onto 2.0-1 runs the migrate hook
        assertEquals(0, vainstall("restore", abf.toString(), "--root", r()), out + "\n" + err);
        assertEquals("migrated from 1.0-1\n", Files.readString(in("/etc/data-appliance.migrated")));

        // an upgrade whose postinst fails is rolled back: 2.0-1 again, with its data as backed up
        appliance("3.0-1", POSTINST + "\necho 'converted by 3.0' > /var/lib/data-appliance/page.txt"
                + "\necho 'the 3.0 postinst fails' >&2\nexit 1");
        repo.publish(Map.of());
        Files.writeString(in("/var/lib/data-appliance/page.txt"), "the page before 3.0\n");
        int code = vainstall("update", "--root", r(), "--rollback-on-failure", "--backup-out",
                work.resolve("before-3.abf").toString());
        assertEquals(ExitCode.PACKAGE_MANAGER.code(), code, out + "\n" + err);
        assertTrue(err.toString().contains("the update of data-appliance failed"), err.toString());
        assertTrue(err.toString().contains("Rolled back: data-appliance 2.0-1 is installed again"), err.toString());
        assertEquals("ii |2.0-1", dpkg());
        assertEquals("the page before 3.0\n", Files.readString(in("/var/lib/data-appliance/page.txt")));
    }

    @Test
    void aFailedUpgradeWithoutRollbackSaysHowToRollBack() throws IOException {
        appliance("3.0-1", POSTINST + "\nexit 1");
        repo.publish(Map.of());
        Path backup = work.resolve("before-3.abf");
        int code = vainstall("update", "--root", r(), "--backup-out", backup.toString());
        assertEquals(ExitCode.PACKAGE_MANAGER.code(), code, out + "\n" + err);
        assertTrue(err.toString().contains("To roll back to data-appliance 1.0-1"), err.toString());
        assertTrue(err.toString().contains("apt-get install -y --allow-downgrades"), err.toString());
        assertTrue(err.toString().contains("data-appliance=1.0-1"), err.toString());
        assertTrue(err.toString().contains("vainstall restore " + backup), err.toString());
        assertTrue(Files.size(backup) > 0, "the backup was taken before the upgrade");
    }

    @Test
    void anEncryptedBackupOverSshRestoresAndNeedsItsKey() throws IOException {
        Files.writeString(in("/var/lib/data-appliance/page.txt"), "over ssh, encrypted\n");
        Path pub = work.resolve("backup-key.asc");
        Path sec = work.resolve("backup-secret.asc");
        try (GnupgHome gpg = GnupgHome.create()) {
            gpg.gpg("--quick-gen-key", "--passphrase", "", "Backups <backups@example.org>", "rsa2048", "sign,encrypt",
                    "never").assertSuccess();
            Files.writeString(pub, gpg.gpg("--armor", "--export", "backups@example.org").assertSuccess().stdout());
            Files.writeString(sec, gpg.gpg("--armor", "--pinentry-mode", "loopback", "--passphrase", "",
                    "--export-secret-keys", "backups@example.org").assertSuccess().stdout());
            try (Sshd sshd = Sshd.start(work.resolve("sshd"))) {
                List<String> ssh = List.of("--host", "root@127.0.0.1:" + sshd.port(), "--identity",
                        sshd.clientKey().toString(), "--accept-new-host-key", "--root", r());
                Path abf = work.resolve("ssh.abf");
                List<String> backup = new java.util.ArrayList<>(List.of("backup", "--out", abf.toString(), "--encrypt-to",
                        pub.toString()));
                backup.addAll(ssh);
                assertEquals(0, vainstall(backup.toArray(new String[0])), out + "\n" + err);
                assertTrue(out.toString().contains("encrypted"), out.toString());
                // gpg reads what vainstall encrypted
                Path plain = work.resolve("plain.abf");
                gpg.gpg("--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--output", plain.toString(),
                        "--decrypt", abf.toString()).assertSuccess();
                assertEquals(0, vainstall("backups", "verify", plain.toString()), out + "\n" + err);

                Files.writeString(in("/var/lib/data-appliance/page.txt"), "changed\n");
                List<String> noKey = new java.util.ArrayList<>(List.of("restore", abf.toString()));
                noKey.addAll(ssh);
                assertEquals(ExitCode.USAGE.code(), vainstall(noKey.toArray(new String[0])), out + "\n" + err);
                assertTrue(err.toString().contains("--decrypt-key"), err.toString());
                assertEquals("changed\n", Files.readString(in("/var/lib/data-appliance/page.txt")));

                List<String> restore = new java.util.ArrayList<>(List.of("restore", abf.toString(), "--decrypt-key",
                        sec.toString()));
                restore.addAll(ssh);
                assertEquals(0, vainstall(restore.toArray(new String[0])), out + "\n" + err);
                assertEquals("over ssh, encrypted\n", Files.readString(in("/var/lib/data-appliance/page.txt")));
            }
        }
    }
}
