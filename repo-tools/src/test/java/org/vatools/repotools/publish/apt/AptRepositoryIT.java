package org.vatools.repotools.publish.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.repotools.cli.RepoToolsMain;
import org.vatools.repotools.publish.AptClient;
import org.vatools.repotools.publish.RepoToolsProcess;
import org.vatools.repotools.publish.TestDebs;
import org.vatools.repotools.publish.TestRepoKeys;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Tool;

/**
 * The published APT repository handed to the real clients: gpgv on both signature files, and
 * apt-get with signature checking on, in a configuration of its own, over HTTP from
 * {@code repo-tools serve} and through the file: method.
 */
class AptRepositoryIT {
    @TempDir
    Path tmp;
    Path repo;
    Path key;

    static int publish(Path repo, Path key, String... args) {
        List<String> argv = new ArrayList<>(List.of("publish", "-q", "--repo", repo.toString(), "--key",
                key.toString(), "--origin", "VA Test", "--label", "VA Test"));
        argv.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int exit = RepoToolsMain.run(argv.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(err), Map.of());
        assertEquals(0, exit, err.toString());
        return exit;
    }

    /** The project's root folder (the module runs its tests in repo-tools/). */
    static Path projectRoot() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    }

    /**
     * The shipped appliances, built by {@code repo-tools build} from appliance-packages/, and small
     * stand-ins named as the Debian packages dokuwiki-appliance and kronolith-appliance depend on,
     * so that apt can resolve the appliances entirely from this repository.
     */
    static Path appliances(Path dir, boolean withAllDependencies) throws IOException {
        Path packages = projectRoot().resolve("appliance-packages");
        StringWriter err = new StringWriter();
        int exit = RepoToolsMain.run(new String[] {"build", "-q", "--format", "deb", "--out", dir.toString(),
                packages.resolve("dokuwiki-appliance").toString(), packages.resolve("kronolith-appliance").toString(),
                packages.resolve("moinmoin-appliance").toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err), Map.of("SOURCE_DATE_EPOCH", "1790000000"));
        assertEquals(0, exit, err.toString());
        TestDebs.deb("dokuwiki", "0.0.20180422a-2.1").control("Depends: apache2 | httpd, php\n").writeTo(dir);
        TestDebs.deb("apache2", "2.4.62-1~deb12u2").control("Provides: httpd\n").writeTo(dir);
        TestDebs.deb("php", "2:8.2+93").writeTo(dir);
        for (String name : List.of("php-horde-kronolith", "php-horde-db", "php-pgsql", "php-cli", "postgresql")) {
            TestDebs.deb(name, "1.0-1").writeTo(dir);
        }
        if (withAllDependencies) {
            TestDebs.deb("libapache2-mod-php", "2:8.2+93").control("Depends: php\n").writeTo(dir);
        }
        return dir;
    }

    @BeforeEach
    void publishTheAppliances() throws IOException {
        repo = tmp.resolve("repo");
        key = TestRepoKeys.write("it", tmp.resolve("keys"));
        publish(repo, key, "--architectures", "amd64,arm64", appliances(tmp.resolve("in"), true).toString());
    }

    @Test
    void gpgvAcceptsInReleaseAndReleaseGpgAndRefusesThemWithAnotherKey() throws IOException {
        Path suite = repo.resolve("apt/dists/stable");
        Path otherKeys = tmp.resolve("other");
        TestRepoKeys.write("other", otherKeys);
        try (GnupgHome home = GnupgHome.create()) {
            String keyring = repo.resolve("archive-keyring.gpg").toString();
            home.gpgv("--keyring", keyring, suite.resolve("InRelease").toString()).assertSuccess();
            home.gpgv("--keyring", keyring, suite.resolve("Release.gpg").toString(), suite.resolve("Release").toString())
                    .assertSuccess();
            Tool.Result other = home.gpgv("--keyring", otherKeys.resolve("archive-keyring.gpg").toString(),
                    suite.resolve("InRelease").toString());
            assertNotEquals(0, other.exitCode(), other.stderr());
            assertTrue(other.stderr().contains("No public key"), other.stderr());
        }
    }

    @Test
    void aptUpdatesFromRepoToolsServeAndResolvesTheAppliance() throws Exception {
        try (RepoToolsProcess serve = RepoToolsProcess.start(Map.of(), tmp, "serve", "--repo", repo.toString(),
                "--port", "0")) {
            String url = serve.awaitLine("Serving", 30).replaceAll(".* at (http://\\S+) .*", "$1");
            AptClient apt = new AptClient(tmp.resolve("apt"));
            apt.sources("deb [signed-by=" + repo.resolve("archive-keyring.gpg") + "] " + url + "apt stable main");
            apt.update().assertSuccess();
            Tool.Result install = apt.installSimulated("dokuwiki-appliance").assertSuccess();
            for (String p : List.of("dokuwiki-appliance", "dokuwiki", "apache2", "libapache2-mod-php", "php")) {
                assertTrue(install.stdout().contains("Inst " + p + " ("), install.stdout());
            }
            apt.installSimulated("kronolith-appliance").assertSuccess();
            Tool.Result both = apt.installSimulated("dokuwiki-appliance", "kronolith-appliance");
            assertNotEquals(0, both.exitCode(), "two appliances conflict through virtual-appliance");
            assertTrue(both.stdout().contains("Conflicts: virtual-appliance"), both.stdout());
            assertTrue(apt.show("moinmoin-appliance").assertSuccess().stdout().contains(
                    "Appliance-Seed: pool/main/m/moinmoin-appliance/moinmoin-appliance_2.0.0~b1-1.seed"));

            String show = apt.show("dokuwiki-appliance").assertSuccess().stdout();
            String seedPath = field(show, "Appliance-Seed");
            String seedSha = field(show, "Appliance-Seed-SHA256");
            assertEquals("pool/main/d/dokuwiki-appliance/dokuwiki-appliance_1.0-1.seed", seedPath);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> seed = http.send(HttpRequest.newBuilder(URI.create(url + "apt/" + seedPath)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, seed.statusCode());
            assertEquals(seedSha, HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(seed.body())));
            assertEquals(Files.readString(projectRoot().resolve("seeds/dokuwiki-appliance.seed")),
                    new String(seed.body(), java.nio.charset.StandardCharsets.UTF_8), "the seed the package carries");
            apt.download("php").assertSuccess();

            HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(url + ".vatools/lock")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, state.statusCode());
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(url + "apt/../../etc/passwd"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, up.statusCode());
        }
    }

    @Test
    void aptReportsTheDependencyTheRepositoryLacks() throws Exception {
        Path other = tmp.resolve("repo-missing");
        publish(other, key, "--architectures", "amd64", appliances(tmp.resolve("in-missing"), false).toString());
        AptClient apt = new AptClient(tmp.resolve("apt"));
        apt.sources("deb [signed-by=" + other.resolve("archive-keyring.gpg") + "] file:" + other.resolve("apt")
                + " stable main");
        apt.update().assertSuccess();
        Tool.Result install = apt.installSimulated("dokuwiki-appliance");
        assertEquals(100, install.exitCode(), install.stdout());
        assertTrue(install.stdout().contains("Depends: libapache2-mod-php but it is not installable"), install.stdout());
    }

    @Test
    void aptRefusesAFlippedByteInPackagesInReleaseAndInAPoolFile() throws Exception {
        AptClient apt = new AptClient(tmp.resolve("apt"));
        Path copy = copyRepo("packages");
        flip(copy.resolve("apt/dists/stable/main/binary-amd64/Packages.xz"), 100);
        apt.sources(fileSource(copy));
        Tool.Result r = apt.update();
        assertNotEquals(0, r.exitCode(), r.stdout());
        assertTrue((r.stdout() + r.stderr()).contains("Hash Sum mismatch"), r.stdout() + r.stderr());

        copy = copyRepo("release");
        Path inRelease = copy.resolve("apt/dists/stable/InRelease");
        String text = Files.readString(inRelease);
        Files.delete(inRelease);
        Files.writeString(inRelease, text.replace("Label: VA Test", "Label: VA Tesu"));
        apt.sources(fileSource(copy));
        r = apt.update();
        assertNotEquals(0, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("The following signatures were invalid") || r.stderr().contains("BADSIG"),
                r.stderr());

        copy = copyRepo("pool");
        flip(copy.resolve("apt/pool/main/p/php/php_8.2+93_all.deb"), 200);
        apt.sources(fileSource(copy));
        apt.update().assertSuccess();
        r = apt.download("php");
        assertNotEquals(0, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("Hash Sum mismatch") || r.stderr().contains("Size mismatch"), r.stderr());
    }

    @Test
    void aptRefusesTheRepositoryWhenSignedWithAnotherKey() throws Exception {
        Path otherKeys = tmp.resolve("other");
        TestRepoKeys.write("other", otherKeys);
        AptClient apt = new AptClient(tmp.resolve("apt"));
        apt.sources("deb [signed-by=" + otherKeys.resolve("archive-keyring.gpg") + "] file:" + repo.resolve("apt")
                + " stable main");
        Tool.Result r = apt.update();
        assertNotEquals(0, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("NO_PUBKEY"), r.stderr());
    }

    @Test
    void duringAKeyRotationAptAcceptsTheRepositoryWithEitherKey() throws Exception {
        Path rotated = tmp.resolve("rotated");
        Path newKey = TestRepoKeys.write("new", tmp.resolve("new-keys"));
        publish(rotated, key, "--key", newKey.toString(), "--codename", "bookworm",
                appliances(tmp.resolve("in-rotated"), true).toString());
        for (Path keyring : List.of(tmp.resolve("keys/archive-keyring.gpg"), tmp.resolve("new-keys/archive-keyring.gpg"),
                rotated.resolve("archive-keyring.gpg"))) {
            AptClient apt = new AptClient(tmp.resolve("apt-" + keyring.getParent().getFileName()));
            // the codename names the suite too, as bookworm and stable do in Debian
            apt.sources("deb [signed-by=" + keyring + "] file:" + rotated.resolve("apt") + " bookworm main");
            apt.update().assertSuccess();
            apt.installSimulated("dokuwiki-appliance").assertSuccess();
        }
    }

    private String fileSource(Path copy) {
        return "deb [signed-by=" + copy.resolve("archive-keyring.gpg") + "] file:" + copy.resolve("apt")
                + " stable main";
    }

    private Path copyRepo(String name) {
        Path copy = tmp.resolve("copy-" + name);
        Tool.run("cp", "-a", repo.toString(), copy.toString()).assertSuccess();
        return copy;
    }

    /** Flips a bit of a file in place: its by-hash links (the same inode) change with it, as on a damaged disk. */
    private static void flip(Path file, int offset) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[Math.min(offset, b.length - 1)] ^= 0x01;
        Files.write(file, b);
    }

    private static String field(String stanza, String name) {
        for (String line : stanza.split("\n")) {
            if (line.startsWith(name + ": ")) {
                return line.substring(name.length() + 2);
            }
        }
        throw new AssertionError(name + " missing in:\n" + stanza);
    }
}
