package org.vatools.repotools.publish.yum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.pgp.Signer;
import org.vatools.core.pgp.SigningKeys;
import org.vatools.core.repo.YumRepoFile;
import org.vatools.core.time.SourceDateEpoch;
import org.vatools.repotools.publish.PublishRequest;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Tool;

/**
 * The published repository as the real clients see it, served over HTTP from 127.0.0.1: rpm
 * ({@code rpmkeys -K} with the repository key imported into a throwaway database) and dnf with
 * {@code gpgcheck=1} and {@code repo_gpgcheck=1} from the shipped vatools.repo, in an installroot.
 * Signature checks stay on in every test; the failures are the point of several of them.
 */
class YumRepositoryDnfIT {
    @TempDir
    static Path work;
    static List<Path> appliance;
    static List<Path> library;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() {
        GnupgHome.requireTools("rpmbuild", "rpm", "rpmkeys", "dnf", "gpgconf");
        appliance = YumFixtures.rpmbuild(work, YumFixtures.simpleSpec("small-appliance", "1.0", "1", true),
                1_767_225_600L);
        library = YumFixtures.rpmbuild(work, YumFixtures.simpleSpec("small-lib", "2.0", "3", false), 1_767_225_600L);
    }

    private YumRepo publish(SigningKeys keys) throws IOException {
        YumRepo repo = new YumRepo(tmp.resolve("repo"), keys);
        repo.publish(appliance.get(0), library.get(0));
        assertEquals(List.of(), repo.verify());
        return repo;
    }

    private DnfClient dnf(StaticFileServer server, YumRepo repo) throws IOException {
        DnfClient dnf = new DnfClient(Files.createDirectories(tmp.resolve("dnf")));
        String shipped = Files.readString(repo.root.resolve(YumRepoFile.PUBLISHED_FILE));
        assertTrue(shipped.contains("gpgcheck=1\nrepo_gpgcheck=1\n"), shipped);
        dnf.repoFile("vatools", shipped.replace(YumRepoFile.BASE_URL_PLACEHOLDER, server.url()));
        return dnf;
    }

    @Test
    void dnfReadsTheRepositoryAndInstallsAnApplianceWithBothSignatureChecksOn() throws Exception {
        YumRepo repo = publish(YumFixtures.keys(work, "rsa"));
        try (StaticFileServer server = new StaticFileServer(repo.root)) {
            DnfClient dnf = dnf(server, repo);
            Tool.Result cache = dnf.run("makecache").assertSuccess();
            assertTrue(cache.stdout().contains("Importing GPG key") || cache.stderr().contains("Importing GPG key"),
                    cache.describe("the key comes from the shipped gpgkey="));
            Tool.Result providers = dnf.run("repoquery", "--whatprovides", "virtual-appliance",
                    "--qf", "%{name}-%{evr}.%{arch}").assertSuccess();
            assertEquals("small-appliance-1.0-1.noarch", providers.stdout().strip(), providers.describe("one provider"));
            dnf.run("install", "small-appliance").assertSuccess();
            Path seed = dnf.installroot().resolve("usr/share/virtual-appliance/small-appliance/small-appliance.seed");
            assertEquals("small-appliance small-appliance/title string small-appliance 1.0\n", Files.readString(seed));
            Tool.Result q = Tool.run(List.of("rpm", "--root", dnf.installroot().toString(), "-q", "--qf",
                    "%{NAME}-%{VERSION}-%{RELEASE} %{RSAHEADER:pgpsig}\n", "small-appliance"), tmp, Map.of("LC_ALL", "C"),
                    null, 60).assertSuccess();
            assertTrue(q.stdout().startsWith("small-appliance-1.0-1 RSA/SHA256, "), q.describe("installed, RSA-signed"));
        }
    }

    /**
     * An appliance as {@code repo-tools build} makes it (postun scriptlet, so it requires /bin/sh;
     * seed and descriptor inside), published with what it needs: dnf resolves it through the
     * repository and installs it; its seed beside it is the one inside, by the SHA-256 the
     * signed appliance-seeds lists.
     */
    @Test
    void anApplianceBuiltByRepoToolsBuildInstallsWithItsDependencies() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/tiny-appliance"));
        Files.writeString(src.resolve("appliance.yaml"), """
                format: 1
                name: tiny-appliance
                version: "1.0"
                release: "1"
                summary: tiny appliance for repository tests
                description: |
                  Depends on one small package, so dnf can install it into an empty root.
                maintainer: Virtual Appliance Tools <appliances@vatools.example.org>
                license: MIT
                homepage: https://example.org/tiny
                depends:
                  rpm:
                    - small-lib
                """);
        Files.createDirectories(tmp.resolve("src/seeds"));
        Files.writeString(tmp.resolve("src/seeds/tiny-appliance.seed"), "tiny-appliance tiny-appliance/title string Tiny\n");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = org.vatools.repotools.cli.RepoToolsMain.run(new String[] {"build", "--format", "rpm",
            "--source-date-epoch", "1767225600", "--out", tmp.resolve("built").toString(), src.toString()},
                new java.io.PrintWriter(out), new java.io.PrintWriter(err), Map.of());
        assertEquals(0, exit, err.toString());
        Path built = tmp.resolve("built/tiny-appliance-1.0-1.noarch.rpm");
        // /bin/sh for the appliance's scriptlets, in a root that has no shell package
        Path sh = YumFixtures.rpmbuild(tmp, """
                Name: sh-provider
                Version: 1
                Release: 1
                Summary: provides /bin/sh in an empty test root
                License: MIT
                BuildArch: noarch
                Provides: /bin/sh
                %description
                Stands in for bash in a root without packages.
                %files
                """, 1_767_225_600L).get(0);
        YumRepo repo = new YumRepo(tmp.resolve("repo"), YumFixtures.keys(work, "rsa"));
        repo.publish(built, library.get(0), sh);
        assertEquals(List.of(), repo.verify());
        try (StaticFileServer server = new StaticFileServer(repo.root)) {
            DnfClient dnf = dnf(server, repo);
            dnf.run("makecache").assertSuccess();
            Tool.Result install = dnf.run("install", "tiny-appliance").assertSuccess();
            assertTrue(install.stdout().contains("small-lib"), install.describe("the dependency comes along"));
            Path inside = dnf.installroot().resolve("usr/share/virtual-appliance/tiny-appliance/tiny-appliance.seed");
            byte[] seed = Files.readAllBytes(inside);
            assertEquals("tiny-appliance tiny-appliance/title string Tiny\n", new String(seed,
                    java.nio.charset.StandardCharsets.UTF_8));
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(seed));
            String seeds = repo.data("appliance-seeds");
            assertTrue(seeds.contains("href=\"packages/tiny-appliance-1.0-1.seed\" sha256=\"" + sha + "\""), seeds);
            assertEquals(sha, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(repo.yum().resolve("packages/tiny-appliance-1.0-1.seed")))));
        }
    }

    @Test
    void rpmKeysSaysEveryPublishedPackageIsSignedAndIntact() throws Exception {
        YumRepo repo = publish(YumFixtures.keys(work, "rsa"));
        Path db = Files.createDirectories(tmp.resolve("rpmdb"));
        Tool.run(List.of("rpmkeys", "--dbpath", db.toString(), "--import",
                repo.root.resolve("archive-keyring.asc").toString()), tmp, Map.of("LC_ALL", "C"), null, 60).assertSuccess();
        List<Path> rpms;
        try (Stream<Path> files = Files.walk(repo.yum().resolve("packages"))) {
            rpms = files.filter(p -> p.toString().endsWith(".rpm")).sorted().toList();
        }
        assertEquals(2, rpms.size());
        for (Path rpm : rpms) {
            Tool.Result k = Tool.run(List.of("rpmkeys", "--dbpath", db.toString(), "-K", rpm.toString()), tmp,
                    Map.of("LC_ALL", "C"), null, 60).assertSuccess();
            assertTrue(k.stdout().strip().endsWith(": digests signatures OK"), k.describe("digests signatures OK"));
        }
    }

    @Test
    void aRepositorySignedWithAnotherKeyIsRefused() throws Exception {
        YumRepo repo = publish(YumFixtures.keys(work, "rsa"));
        // the repository's files stay; the key clients get is another one
        Files.write(repo.root.resolve("archive-keyring.asc"), YumFixtures.keys(work, "other-rsa").publicKeyring()
                .armored());
        try (StaticFileServer server = new StaticFileServer(repo.root)) {
            DnfClient dnf = dnf(server, repo);
            Tool.Result r = dnf.run("makecache");
            assertNotEquals(0, r.exitCode(), r.describe("refused"));
            assertTrue((r.stdout() + r.stderr()).contains("repomd.xml GPG signature verification error"),
                    r.describe("repomd.xml.asc refused"));
        }
    }

    @Test
    void aPackageSignedWithAnotherKeyIsRefusedAtInstall() throws Exception {
        SigningKeys trusted = YumFixtures.keys(work, "rsa");
        SigningKeys other = YumFixtures.keys(work, "other-rsa");
        YumRepo repo = new YumRepo(tmp.resolve("repo"), trusted);
        // repodata signed by the trusted key, packages by another: a mirror that re-signed them
        Clock clock = SourceDateEpoch.fixedClock(repo.time);
        PublishRequest request = new PublishRequest(repo.root, List.of(appliance.get(0)), List.of(), other,
                new Signer(trusted, clock), clock, repo.options(), new java.io.PrintWriter(repo.progress, true));
        YumRepo.publish(request);
        Files.write(repo.root.resolve("archive-keyring.asc"), trusted.publicKeyring().armored());
        try (StaticFileServer server = new StaticFileServer(repo.root)) {
            DnfClient dnf = dnf(server, repo);
            dnf.run("makecache").assertSuccess();
            Tool.Result r = dnf.run("install", "small-appliance");
            assertNotEquals(0, r.exitCode(), r.describe("refused"));
            String out = r.stdout() + r.stderr();
            assertTrue(out.contains("GPG check FAILED") || out.contains("not installed"), r.describe("GPG check"));
            assertTrue(Files.notExists(dnf.installroot().resolve("usr/share/virtual-appliance/small-appliance")));
        }
    }

    @Test
    void aFlippedByteInPrimaryIsRefused() throws Exception {
        YumRepo repo = publish(YumFixtures.keys(work, "rsa"));
        Path primary;
        try (Stream<Path> files = Files.list(repo.yum().resolve("repodata"))) {
            primary = files.filter(p -> p.getFileName().toString().endsWith("-primary.xml.gz")).findFirst().orElseThrow();
        }
        flip(primary, 40);
        assertTrue(repo.verify().stream().anyMatch(p -> p.contains("primary.xml.gz: SHA-256")), repo.verify().toString());
        try (StaticFileServer server = new StaticFileServer(repo.root)) {
            DnfClient dnf = dnf(server, repo);
            Tool.Result r = dnf.run("makecache");
            assertNotEquals(0, r.exitCode(), r.describe("refused"));
            assertTrue((r.stdout() + r.stderr()).contains("primary"), r.describe("names primary"));
        }
    }

    @Test
    void aFlippedByteInAPackageIsRefused() throws Exception {
        YumRepo repo = publish(YumFixtures.keys(work, "rsa"));
        Path rpm = repo.yum().resolve("packages/small-appliance-1.0-1.noarch.rpm");
        flip(rpm, (int) Files.size(rpm) - 30);
        assertTrue(repo.verify().stream().anyMatch(p -> p.contains("small-appliance-1.0-1.noarch.rpm: SHA-256")),
                repo.verify().toString());
        try (StaticFileServer server = new StaticFileServer(repo.root)) {
            DnfClient dnf = dnf(server, repo);
            dnf.run("makecache").assertSuccess();
            Tool.Result r = dnf.run("install", "small-appliance");
            assertNotEquals(0, r.exitCode(), r.describe("refused"));
            assertTrue(Files.notExists(dnf.installroot().resolve("usr/share/virtual-appliance/small-appliance")));
        }
    }

    @Test
    void aClientSeesTheNewRepositoryAfterThePublishAndTheOldFilesStillServe() throws Exception {
        YumRepo repo = publish(YumFixtures.keys(work, "rsa"));
        try (StaticFileServer server = new StaticFileServer(repo.root)) {
            DnfClient dnf = dnf(server, repo);
            dnf.run("makecache").assertSuccess();
            Path newer = YumFixtures.rpmbuild(tmp, YumFixtures.simpleSpec("small-appliance", "1.1", "1", true),
                    1_767_312_000L).get(0);
            repo.time = repo.time.plusSeconds(60);
            repo.publish(newer);
            // a client that still has the first repomd.xml finds its primary.xml under the same URL
            dnf.run("install", "small-appliance-1.0").assertSuccess();
            dnf.clean();
            Tool.Result versions = dnf.run("repoquery", "--qf", "%{name}-%{evr}", "small-appliance").assertSuccess();
            assertEquals("small-appliance-1.0-1\nsmall-appliance-1.1-1", versions.stdout().strip(), versions.describe(""));
            dnf.run("upgrade", "small-appliance").assertSuccess();
        }
    }

    /**
     * During a key rotation repomd.xml.asc carries one signature per key; dnf skips signatures by
     * keys it does not know, so a client that knows either key accepts the repository. Packages
     * carry the first key's signature only, so installing needs that key.
     */
    @Test
    void duringAKeyRotationDnfAcceptsTheMetadataWithEitherKey() throws Exception {
        SigningKeys both = YumFixtures.keys(work, "rsa", "other-rsa");
        YumRepo repo = publish(both);
        try (StaticFileServer server = new StaticFileServer(repo.root)) {
            for (String trusted : List.of("rsa", "other-rsa")) {
                Files.write(repo.root.resolve("archive-keyring.asc"), YumFixtures.keys(work, trusted).publicKeyring()
                        .armored());
                DnfClient dnf = dnf(server, repo);
                dnf.run("makecache").assertSuccess();
                Tool.Result install = dnf.run("install", "small-appliance");
                if (trusted.equals("rsa")) {
                    install.assertSuccess();
                } else {
                    assertNotEquals(0, install.exitCode(), install.describe("packages are signed by the first key"));
                }
                dnf.stopAgents();
                deleteTree(tmp.resolve("dnf"));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void flip(Path file, int offset) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[offset] ^= 0x01;
        // rewrite in place: a hard-linked copy in an older repodata folder changes too
        Files.write(file, b);
    }
}
