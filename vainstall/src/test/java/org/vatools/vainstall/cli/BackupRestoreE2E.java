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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vatools.core.ExitCode;
import org.vatools.repotools.cli.RepoToolsMain;
import org.vatools.testkit.DebianRoot;
import org.vatools.testkit.Tool;
import org.vatools.vainstall.backup.RawAbf;

/**
 * Backup and restore of the real dokuwiki-appliance in throwaway Debian 12 roots: the package is
 * built from appliance-packages/ with repo-tools, published in a signed repository inside each root
 * (file:///srv/repo), and installed through vainstall with DokuWiki and Apache from the Debian
 * mirror. A wiki page and a configuration change are backed up, the appliance is purged, and a
 * fresh root gets both back with {@code restore --install}. A tampered backup and one with a
 * path-traversal member are refused with the fresh root unchanged. Needs root, mmdebstrap and the
 * Debian mirror.
 */
class BackupRestoreE2E {
    private static final String NAME = "dokuwiki-appliance";
    private static final String VERSION = "1.0-1";
    private static final Path APPLIANCES = Path.of("..", "appliance-packages").toAbsolutePath().normalize();
    private static final Path SEEDS = Path.of("..", "seeds").toAbsolutePath().normalize();
    private static final String PAGE = "/var/lib/dokuwiki/data/pages/backup_test.txt";
    private static final String PAGE_TEXT = "====== Backed up ======\nThis page must survive a restore.\n";
    private static final String LOCAL_PHP = "/etc/dokuwiki/local.php";
    private static final String MARKER = "$conf['tagline'] = 'restored from an appliance backup';\n";

    private Path work;
    private Path deb;
    private StringWriter out;
    private StringWriter err;
    private final List<AutoCloseable> closing = new java.util.ArrayList<>();
    private final long started = System.nanoTime();

    @BeforeEach
    void buildPackage() {
        Tool.require("mmdebstrap", "zstd", "gpg", "apt-ftparchive", "dpkg-deb");
        try {
            work = Files.createTempDirectory("vainstall-e2e-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = RepoToolsMain.run(new String[] {"build", "--format", "deb", "--out", work.resolve("dist").toString(),
            APPLIANCES.resolve(NAME).toString()}, new PrintWriter(o, true), new PrintWriter(e, true), Map.of());
        assertEquals(0, code, o + "\n" + e);
        deb = work.resolve("dist").resolve(NAME + "_" + VERSION + "_all.deb");
        assertTrue(Files.exists(deb), o.toString());
        log("built " + deb.getFileName());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        Tool.run("rm", "-rf", "--", work.toString());
    }

    private void log(String step) {
        System.out.printf("[BackupRestoreE2E %5.1f s] %s%n", (System.nanoTime() - started) / 1e9, step);
    }

    /** A fresh Debian 12 root (with its Debian sources) holding the signed repository with the appliance. */
    private DebianRoot root(String label) throws IOException {
        DebianRoot root = DebianRoot.create();
        closing.add(() -> {
            assertEquals(List.of(), root.mountsUnder(), "no mount is left behind");
            root.close();
        });
        AptRepositoryFixture repo = new AptRepositoryFixture(root.path().resolve("srv/repo"), work.resolve("repo-"
                + label));
        closing.add(repo);
        repo.add(deb, NAME, VERSION, Files.readString(SEEDS.resolve(NAME + ".seed")));
        String seed = Files.readString(SEEDS.resolve(NAME + ".seed"));
        repo.publish(Map.of(NAME, AptRepositoryFixture.sha256(seed)));
        assertEquals(0, vainstall("add-repo", "file:///srv/repo", "--keyring", repo.keyring.toString(), "--name",
                "appliances", "--root", root.path().toString()), out + "\n" + err);
        log("root " + label + " ready: " + root.path());
        return root;
    }

    private int vainstall(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Environment env = new Environment(System.getenv(), work.resolve("home"), "root", work, null, Clock.systemUTC(),
                new DefaultTargetFactory(System.getenv()));
        return VainstallMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    private Path answers() throws IOException {
        Path f = work.resolve("answers");
        Files.writeString(f, "dokuwiki/wiki/password=e2e-admin-password\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private static Path in(DebianRoot root, String path) {
        return root.path().resolve(path.substring(1));
    }

    private static String chroot(DebianRoot root, String... argv) {
        List<String> c = new java.util.ArrayList<>(List.of("chroot", root.path().toString()));
        c.addAll(List.of(argv));
        return Tool.run(c, null, Map.of(), null, 120).assertSuccess().stdout();
    }

    /** Every path of the root with its type, size, mode, owner and (files, links) modification time. */
    private static String tree(DebianRoot root) {
        return Tool.run(List.of("find", root.path().toString(), "-xdev", "(", "-path", root.path() + "/proc", "-o",
                "-path", root.path() + "/dev", "-o", "-path", root.path() + "/sys", "-o", "-path", root.path() + "/run",
                ")", "-prune", "-o", "(", "-type", "d", "-printf", "%P d %m %u:%g\\n", ")", "-o", "-printf",
                "%P %y %s %m %u:%g %T@\\n"), null, Map.of(), null, 120).assertSuccess().stdout().lines().sorted()
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void aWikiPageAndItsConfigurationSurviveBackupPurgeAndRestoreIntoAFreshRoot() throws IOException {
        Path answers = answers();
        DebianRoot first = root("first");
        String r1 = first.path().toString();
        assertEquals(0, vainstall("--root", r1, NAME, "--answers", answers.toString(), "--yes"), out + "\n" + err);
        log("installed " + NAME + " in the first root");
        assertEquals("ii |" + VERSION, chroot(first, "dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Version}", NAME));

        Files.writeString(in(first, PAGE), PAGE_TEXT);
        chroot(first, "chown", "www-data:www-data", PAGE);
        String config = Files.readString(in(first, LOCAL_PHP)) + MARKER;
        Files.writeString(in(first, LOCAL_PHP), config);
        assertTrue(config.contains("Appliance Wiki"), "the seed's title reached DokuWiki:\n" + config);

        Path abf = work.resolve("wiki.abf");
        assertEquals(0, vainstall("backup", "--root", r1, "--out", abf.toString()), out + "\n" + err);
        log("backed up: " + Files.size(abf) + " bytes");
        assertTrue(out.toString().contains("Backed up " + NAME + " " + VERSION + " to " + abf), out.toString());
        assertTrue(out.toString().contains("appdata /var/lib/dokuwiki/data:"), out.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(abf)));
        assertEquals(0, vainstall("backups", "verify", abf.toString()), out + "\n" + err);
        assertTrue(out.toString().contains(abf + ": OK, format 2"), out.toString());

        assertEquals(0, vainstall("remove", NAME, "--purge", "--root", r1), out + "\n" + err);
        assertEquals("", Tool.run(List.of("chroot", r1, "dpkg-query", "-W", "-f=${db:Status-Abbrev}", NAME), null,
                Map.of(), null, 60).stdout().strip().replace("un ", ""), "purged");
        log("purged " + NAME + " from the first root");

        DebianRoot fresh = root("fresh");
        String r2 = fresh.path().toString();
        // the packages the first root downloaded, so the second install needs the mirror less
        try (Stream<Path> debs = Files.list(in(first, "/var/cache/apt/archives"))) {
            for (Path d : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                Files.copy(d, in(fresh, "/var/cache/apt/archives/" + d.getFileName()));
            }
        }

        // a tampered copy: one byte of the application data changed
        byte[] bytes = Files.readAllBytes(abf);
        RawAbf raw = RawAbf.of(bytes);
        byte[] appdata = raw.member("appdata.tar.gz").clone();
        appdata[appdata.length / 2] ^= 0x01;
        Path tampered = work.resolve("tampered.abf");
        Files.write(tampered, raw.put("appdata.tar.gz", appdata).bytes());
        // a copy whose sysconfig holds a member that climbs out of /etc/dokuwiki, checksums made to match
        Path traversal = work.resolve("traversal.abf");
        Files.write(traversal, RawAbf.of(bytes).put("sysconfig.tar.gz", new RawAbf.Tar().dir("0/")
                .file("0/local.php", "<?php\n").file("0/../../cron.d/evil", "* * * * * root touch /pwned\n").gz())
                .resum().bytes());

        String before = tree(fresh);
        int code = vainstall("restore", tampered.toString(), "--install", "--root", r2, "--answers",
                answers.toString(), "--yes");
        assertEquals(ExitCode.VERIFICATION_FAILED.code(), code, out + "\n" + err);
        assertTrue(err.toString().contains("appdata.tar.gz does not match its SHA-256"), err.toString());
        assertEquals(before, tree(fresh), "the tampered backup changed the root");
        code = vainstall("restore", traversal.toString(), "--install", "--root", r2, "--answers", answers.toString(),
                "--yes");
        assertEquals(ExitCode.INVALID_INPUT.code(), code, out + "\n" + err);
        assertTrue(err.toString().contains("sysconfig.tar.gz"), err.toString());
        assertTrue(err.toString().contains("is not a clean relative path"), err.toString());
        assertEquals(before, tree(fresh), "the traversal backup changed the root");
        assertFalse(Files.exists(in(fresh, "/etc/cron.d/evil")));
        log("tampered and traversal backups refused, the fresh root unchanged");

        code = vainstall("restore", abf.toString(), "--install", "--root", r2, "--answers", answers.toString(),
                "--yes");
        assertEquals(0, code, out + "\n" + err);
        log("restored with --install into the fresh root");
        assertTrue(out.toString().contains("Restored " + NAME + " " + VERSION), out.toString());
        assertTrue(out.toString().contains("installed first"), out.toString());
        assertEquals("ii |" + VERSION, chroot(fresh, "dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Version}", NAME));
        assertEquals(PAGE_TEXT, Files.readString(in(fresh, PAGE)), "the wiki page is back");
        assertEquals("www-data:www-data", chroot(fresh, "stat", "-c", "%U:%G", PAGE).strip());
        assertEquals(config, Files.readString(in(fresh, LOCAL_PHP)), "the configuration is back");
        try (Stream<Path> logs = Files.list(in(fresh, "/var/log/virtual-appliance/" + NAME))) {
            List<Path> l = logs.toList();
            assertEquals(1, l.size(), l.toString());
            String text = Files.readString(l.get(0), StandardCharsets.UTF_8);
            assertTrue(text.contains("post-restore hook succeeded"), text);
            assertTrue(text.contains("done: restored /etc/dokuwiki, /var/lib/dokuwiki/data"), text);
        }
        try (Stream<Path> left = Files.list(in(fresh, "/var/lib/dokuwiki"))) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.contains(".vainstall-"))
                    .toList(), "no staging or old folder is left");
        }
    }
}
