package org.vatools.repotools.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.pgp.KeyLifetime;
import org.vatools.repotools.publish.RepoTrees;
import org.vatools.repotools.publish.RepositoryLock;
import org.vatools.repotools.publish.TestDebs;
import org.vatools.repotools.publish.TestRepoKeys;

class PublishCommandTest {
    static final Map<String, String> SDE = Map.of("SOURCE_DATE_EPOCH", "1790000000");
    @TempDir
    Path tmp;
    Path key;
    Path repo;
    Path in;

    record Run(int exit, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RepoToolsMain.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Run(exit, out.toString(), err.toString());
    }

    Run publish(String... args) {
        List<String> argv = new ArrayList<>(List.of("publish", "--repo", repo.toString(), "--key", key.toString()));
        argv.addAll(List.of(args));
        return run(SDE, argv.toArray(String[]::new));
    }

    Run verify() {
        return run(Map.of(), "verify", "--repo", repo.toString());
    }

    String packages() throws Exception {
        return Files.readString(repo.resolve("apt/dists/stable/main/binary-amd64/Packages"));
    }

    @BeforeEach
    void setUp() throws Exception {
        key = TestRepoKeys.write("main", tmp.resolve("keys"));
        repo = tmp.resolve("repo");
        in = tmp.resolve("in");
    }

    @Test
    void publishesPackagesAndAnApplianceWithItsSeedAndTheResultVerifies() throws Exception {
        TestDebs.appliance("demo-appliance", "1.0-1", "demo-appliance demo-appliance/title string Demo\n")
                .control("Depends: libdemo\n").writeTo(in);
        TestDebs.deb("libdemo", "2:3.1-1").writeTo(in);
        Files.writeString(in.resolve("README.txt"), "not a package, skipped in a folder");
        Run r = publish("--origin", "Test Origin", "--label", "Test Label", "--codename", "bookworm", in.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("apt: 2 added, 0 removed, 2 packages in the repository"), r.out());

        String packages = packages();
        assertTrue(packages.contains("Filename: pool/main/d/demo-appliance/demo-appliance_1.0-1_all.deb\n"), packages);
        assertTrue(packages.contains("Filename: pool/main/libd/libdemo/libdemo_3.1-1_all.deb\n"), packages);
        assertTrue(packages.contains("Appliance-Seed: pool/main/d/demo-appliance/demo-appliance_1.0-1.seed\n"));
        Path seed = repo.resolve("apt/pool/main/d/demo-appliance/demo-appliance_1.0-1.seed");
        assertEquals("demo-appliance demo-appliance/title string Demo\n", Files.readString(seed));
        String seedSha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(seed)));
        assertTrue(packages.contains("Appliance-Seed-SHA256: " + seedSha + "\n"), packages);
        assertEquals(packages, Files.readString(repo.resolve("apt/dists/stable/main/binary-arm64/Packages")));
        String release = Files.readString(repo.resolve("apt/dists/stable/Release"));
        assertTrue(release.startsWith("Origin: Test Origin\nLabel: Test Label\nSuite: stable\nCodename: bookworm\n"
                + "Date: Mon, 21 Sep 2026 14:13:20 UTC\nAcquire-By-Hash: yes\nArchitectures: amd64 arm64\n"
                + "Components: main\nSHA256:\n"), release);
        assertTrue(release.contains(" main/binary-amd64/Packages.xz\n"), release);
        assertTrue(Files.readString(repo.resolve("apt/dists/stable/InRelease"))
                .startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nOrigin: Test Origin\n"));
        assertTrue(Files.isSymbolicLink(repo.resolve("apt/dists/stable")));
        assertEquals(Path.of("stable"), Files.readSymbolicLink(repo.resolve("apt/dists/bookworm")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("keys/archive-keyring.gpg")),
                Files.readAllBytes(repo.resolve("archive-keyring.gpg")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("keys/archive-keyring.asc")),
                Files.readAllBytes(repo.resolve("archive-keyring.asc")));
        Run v = verify();
        assertEquals(0, v.exit(), v.out() + v.err());
        assertTrue(v.out().contains("Keyring: " + repo.resolve("archive-keyring.gpg")), v.out());
        assertTrue(v.err().contains("proves only that the repository is consistent"), v.err());
    }

    @Test
    void addingOnePackageReadsNoOtherPackageAndKeepsTheOldOnes() throws Exception {
        Path a = TestDebs.deb("alpha", "1.0").writeTo(in);
        assertEquals(0, publish(a.toString()).exit());
        // damage alpha's pool file: a publish that re-read it would notice or record the new hash
        Path pool = repo.resolve("apt/pool/main/a/alpha/alpha_1.0_all.deb");
        byte[] bytes = Files.readAllBytes(pool);
        String before = packages();
        bytes[bytes.length - 1] ^= 1;
        Files.write(pool, bytes);
        Path b = TestDebs.deb("beta", "1.0").writeTo(tmp.resolve("in2"));
        Run r = publish(b.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("apt: read 1 package ("), r.out());
        String after = packages();
        assertTrue(after.startsWith(before), after);
        assertTrue(after.contains("Package: beta\n"), after);
        Run v = verify();
        assertEquals(5, v.exit());
        assertTrue(v.err().contains("pool/main/a/alpha/alpha_1.0_all.deb has SHA256"), v.err());
    }

    @Test
    void indexesAreByteIdenticalWhateverThePublishHistory() throws Exception {
        List<Path> debs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            debs.add(TestDebs.deb("pkg" + i, "1." + i).writeTo(in));
        }
        assertEquals(0, publish(in.toString()).exit());
        Path oneByOne = repo;
        Path other = tmp.resolve("repo2");
        repo = other;
        for (int i = debs.size() - 1; i >= 0; i -= 50) {
            List<String> args = new ArrayList<>();
            for (int j = Math.max(0, i - 49); j <= i; j++) {
                args.add(debs.get(j).toString());
            }
            assertEquals(0, publish(args.toArray(String[]::new)).exit());
        }
        for (String f : List.of("InRelease", "Release", "Release.gpg", "main/binary-amd64/Packages",
                "main/binary-amd64/Packages.gz", "main/binary-amd64/Packages.xz", "main/binary-arm64/Release")) {
            assertArrayEquals(Files.readAllBytes(oneByOne.resolve("apt/dists/stable/" + f)),
                    Files.readAllBytes(other.resolve("apt/dists/stable/" + f)), f);
        }
        assertEquals(0, verify().exit());
    }

    @Test
    void sameVersionWithOtherContentIsAConflictUnlessReplaceAndTheSameContentIsANoOp() throws Exception {
        Path first = TestDebs.deb("demo", "1.0").writeTo(in);
        assertEquals(0, publish(first.toString()).exit());
        Map<String, String> before = RepoTrees.snapshot(repo);
        Run same = publish(first.toString());
        assertEquals(0, same.exit(), same.err());
        assertTrue(same.out().contains("apt: 0 added, 0 removed, 1 package in the repository"), same.out());

        Path other = TestDebs.deb("demo", "1.0").file("./usr/share/doc/demo/NEWS", "changed\n").writeTo(tmp.resolve("x"));
        Map<String, String> beforeConflict = RepoTrees.snapshot(repo);
        Run conflict = publish(other.toString());
        assertEquals(6, conflict.exit(), conflict.err());
        assertTrue(conflict.err().contains(other + ": demo_1.0_all is already published with other content"),
                conflict.err());
        assertEquals(beforeConflict, RepoTrees.snapshot(repo));

        Run replaced = publish("--replace", other.toString());
        assertEquals(0, replaced.exit(), replaced.err());
        String packages = packages();
        assertFalse(packages.contains("Filename: pool/main/d/demo/demo_1.0_all.deb\n"), packages);
        assertTrue(packages.matches("(?s).*Filename: pool/main/d/demo/[0-9a-f]{16}/demo_1.0_all.deb\n.*"), packages);
        assertTrue(Files.exists(repo.resolve("apt/pool/main/d/demo/demo_1.0_all.deb")),
                "the replaced file stays for clients with the old index");
        assertEquals(0, verify().exit());
        assertNotEquals(before, RepoTrees.snapshot(repo));
    }

    @Test
    void keepVersionsAndRemove() throws Exception {
        for (String v : List.of("1.0", "1.1", "2.0")) {
            TestDebs.deb("demo", v).writeTo(in);
        }
        TestDebs.deb("other", "1").writeTo(in);
        TestDebs.deb("third", "1").writeTo(in);
        Run r = publish("--keep-versions", "2", in.toString());
        assertEquals(0, r.exit(), r.err());
        String p = packages();
        assertFalse(p.contains("Version: 1.0\n"), p);
        assertTrue(p.contains("Version: 1.1\n") && p.contains("Version: 2.0\n"), p);
        r = publish("--remove", "demo=2.0", "--remove", "other", "--remove", "absent");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("nothing to remove for absent"), r.out());
        assertTrue(r.out().contains("apt: 0 added, 2 removed, 2 packages in the repository"), r.out());
        p = packages();
        assertFalse(p.contains("Version: 2.0\n") || p.contains("Package: other\n"), p);
        assertTrue(p.contains("Package: third\n") && p.contains("Version: 1.1\n"), p);
        assertTrue(Files.exists(repo.resolve("apt/pool/main/o/other/other_1_all.deb")), "kept for the retention time");
        assertEquals(0, verify().exit());
        r = publish("--retention", "0s");
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(repo.resolve("apt/pool/main/o/other/other_1_all.deb")), "gone after the retention");
        assertEquals(0, verify().exit());
    }

    @Test
    void supersededIndexesStayReachableByHashDuringTheRetentionTime() throws Exception {
        assertEquals(0, publish(TestDebs.deb("aa", "1").writeTo(in).toString()).exit());
        Path byHash = repo.resolve("apt/dists/stable/main/binary-amd64/by-hash/SHA512");
        List<String> first = list(byHash);
        assertEquals(4, first.size(), first.toString());
        assertEquals(0, publish(TestDebs.deb("bb", "1").writeTo(in).toString()).exit());
        List<String> second = list(byHash);
        assertTrue(second.containsAll(first), second.toString());
        assertEquals(7, second.size(), "Release of binary-amd64 did not change: " + second);
        assertEquals(0, publish("--retention", "0s", TestDebs.deb("cc", "1").writeTo(in).toString()).exit());
        assertEquals(4, list(byHash).size());
        assertEquals(0, verify().exit());
    }

    @Test
    void badInputLeavesTheRepositoryExactlyAsItWas() throws Exception {
        assertEquals(0, publish(TestDebs.deb("good", "1").writeTo(in).toString()).exit());
        Map<String, String> before = RepoTrees.snapshot(repo);
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        byte[] deb = TestDebs.deb("trunc", "1").bytes();
        Path truncated = bad.resolve("trunc.deb");
        Files.write(truncated, java.util.Arrays.copyOf(deb, deb.length / 2));
        Path text = bad.resolve("notes.deb");
        Files.writeString(text, "hello\n");
        Path noMaintainer = TestDebs.deb("nomaint", "1").withoutMaintainer().writeTo(bad);
        Path good2 = TestDebs.deb("good2", "1").writeTo(tmp.resolve("good2"));

        Run r = publish(good2.toString(), truncated.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains(truncated.toString()) && r.err().contains("truncated"), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));

        r = publish(good2.toString(), text.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains(text + ": neither a Debian package"), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));

        r = publish(good2.toString(), noMaintainer.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains(noMaintainer.toString()) && r.err().contains("Maintainer"), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));

        r = publish("--architectures", "amd64", TestDebs.deb("armonly", "1").architecture("arm64").writeTo(bad)
                .toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("architecture arm64 is not one of the repository's architectures (amd64)"), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));

        Path rpm = bad.resolve("x.rpm");
        Files.write(rpm, new byte[] {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb, 3, 0, 0, 0});
        r = publish(good2.toString(), rpm.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains(rpm + ": an rpm package, but YUM publishing is not available in this build"),
                r.err());
        assertEquals(before, RepoTrees.snapshot(repo));

        r = publish(tmp.resolve("missing.deb").toString());
        assertEquals(11, r.exit(), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));
    }

    @Test
    void keyProblemsLeaveTheRepositoryAsItWas() throws Exception {
        assertEquals(0, publish(TestDebs.deb("good", "1").writeTo(in).toString()).exit());
        Map<String, String> before = RepoTrees.snapshot(repo);
        String deb = TestDebs.deb("more", "1").writeTo(tmp.resolve("more")).toString();
        Path protectedKey = TestRepoKeys.write("protected", tmp.resolve("pk"), true, KeyLifetime.NEVER,
                TestRepoKeys.CREATED);
        Run r = run(Map.of("PASS", "wrong"), "publish", "--repo", repo.toString(), "--key", protectedKey.toString(),
                "--passphrase-env", "PASS", deb);
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains(protectedKey + ": wrong passphrase"), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));

        Path expired = TestRepoKeys.write("expired", tmp.resolve("ek"), false, new KeyLifetime(86400),
                Instant.parse("2024-01-01T00:00:00Z"));
        r = run(SDE, "publish", "--repo", repo.toString(), "--key", expired.toString(), deb);
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("expired"), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));

        r = run(SDE, "publish", "--repo", repo.toString(), "--key", tmp.resolve("nokey.asc").toString(), deb);
        assertEquals(11, r.exit(), r.err());
        assertTrue(r.err().contains("nokey.asc"), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));
    }

    @Test
    void aFailedFirstPublishLeavesNoRepositoryFolder() throws Exception {
        Path bad = tmp.resolve("notes.deb");
        Files.writeString(bad, "hello\n");
        Run r = publish(TestDebs.deb("good", "1").writeTo(in).toString(),
                TestDebs.deb("nomaint", "1").withoutMaintainer().writeTo(tmp.resolve("b")).toString());
        assertEquals(3, r.exit(), r.err());
        assertFalse(Files.exists(repo), "no repository folder after a failed first publish");
    }

    @Test
    void aSecondPublishWaitsForTheLockThenFailsNamingTheHolder() throws Exception {
        assertEquals(0, publish(TestDebs.deb("good", "1").writeTo(in).toString()).exit());
        Map<String, String> before = RepoTrees.snapshot(repo);
        try (RepositoryLock held = RepositoryLock.acquire(repo, java.time.Duration.ofSeconds(1),
                new PrintWriter(StringWriter.nullWriter()))) {
            long start = System.nanoTime();
            Run r = publish("--lock-timeout", "1s", TestDebs.deb("more", "1").writeTo(tmp.resolve("m")).toString());
            assertEquals(6, r.exit(), r.err());
            assertTrue(r.err().contains("held") || r.err().contains("holds"), r.err());
            assertTrue(r.err().contains("(PID " + ProcessHandle.current().pid() + ")"), r.err());
            assertTrue(r.out().contains("waiting for the repository lock"), r.out());
            assertTrue(System.nanoTime() - start >= 900_000_000L, "it waited");
        }
        assertEquals(before, RepoTrees.snapshot(repo));
    }

    @Test
    void verifyNamesEveryMismatch() throws Exception {
        TestDebs.appliance("app", "1", "app app/q string x\n").writeTo(in);
        TestDebs.deb("lib", "1").writeTo(in);
        assertEquals(0, publish(in.toString()).exit());
        Files.writeString(repo.resolve("apt/pool/main/a/app/app_1.seed"), "app app/q string changed\n");
        Path lib = repo.resolve("apt/pool/main/l/lib/lib_1_all.deb");
        Files.delete(lib);
        Run v = verify();
        assertEquals(5, v.exit(), v.err());
        assertTrue(v.err().contains("app_1_all (seed): pool/main/a/app/app_1.seed has SHA256"), v.err());
        assertTrue(v.err().contains("lib_1_all: pool/main/l/lib/lib_1_all.deb is missing"), v.err());

        Path packages = repo.resolve("apt/dists/stable/main/binary-amd64/Packages");
        byte[] p = Files.readAllBytes(packages);
        p[10] ^= 0x20;
        Files.delete(packages);
        Files.write(packages, p);
        v = verify();
        assertTrue(v.err().contains("apt/dists/stable/main/binary-amd64/Packages: SHA256"), v.err());

        Path inRelease = repo.resolve("apt/dists/stable/InRelease");
        String text = Files.readString(inRelease).replace("Suite: stable", "Suite: stabl3");
        Files.delete(inRelease);
        Files.writeString(inRelease, text);
        v = verify();
        assertTrue(v.err().contains("apt/dists/stable/InRelease: BAD signature"), v.err());

        Path otherKeys = tmp.resolve("other");
        TestRepoKeys.write("other", otherKeys);
        v = run(Map.of(), "verify", "--repo", repo.toString(), "--keyring", otherKeys.resolve("archive-keyring.gpg")
                .toString());
        assertEquals(5, v.exit());
        assertTrue(v.err().contains("Release.gpg (over Release): no valid signature by a key in"), v.err());
    }

    @Test
    void validForWritesValidUntilAndVerifyRefusesAnExpiredRelease() throws Exception {
        Run r = run(Map.of(), "publish", "--repo", repo.toString(), "--key", key.toString(), "--valid-for", "7d",
                TestDebs.deb("demo", "1").writeTo(in).toString());
        assertEquals(0, r.exit(), r.err());
        String release = Files.readString(repo.resolve("apt/dists/stable/Release"));
        assertTrue(release.matches("(?s).*\nValid-Until: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} UTC\n.*"),
                release);
        assertEquals(0, verify().exit());
        r = publish("--valid-for", "1d");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(repo.resolve("apt/dists/stable/Release"))
                .contains("\nValid-Until: Tue, 22 Sep 2026 14:13:20 UTC\n"));
        Run v = verify();
        assertEquals(5, v.exit(), v.out() + v.err());
        assertTrue(v.err().contains("apt/dists/stable/Release: expired on Tue, 22 Sep 2026 14:13:20 UTC"), v.err());
    }

    @Test
    void twoKeysSignEveryFileAndTheRepositoryKeyringHoldsBoth() throws Exception {
        Path second = TestRepoKeys.write("second", tmp.resolve("keys2"));
        Run r = publish("--key", second.toString(), TestDebs.deb("demo", "1").writeTo(in).toString());
        assertEquals(0, r.exit(), r.err());
        String inRelease = Files.readString(repo.resolve("apt/dists/stable/InRelease"));
        assertEquals(1, inRelease.split("-----BEGIN PGP SIGNATURE-----", -1).length - 1);
        for (Path keyring : List.of(tmp.resolve("keys/archive-keyring.gpg"), tmp.resolve("keys2/archive-keyring.gpg"))) {
            Run v = run(Map.of(), "verify", "--repo", repo.toString(), "--keyring", keyring.toString());
            assertEquals(0, v.exit(), keyring + ": " + v.out() + v.err());
        }
        org.vatools.core.pgp.PublicKeyring both = org.vatools.core.pgp.PublicKeyring.read(
                repo.resolve("archive-keyring.gpg"));
        assertEquals(2, both.fingerprints().size());
    }

    @Test
    void aFormatThisBuildCannotPublishIsAUsageError() {
        boolean yum = org.vatools.repotools.publish.PublishFormats.publishers(
                org.vatools.repotools.publish.PublishCheckpoints.NONE,
                new org.vatools.repotools.publish.apt.AptPublisher.Settings(6, 2, false, false)).stream()
                .anyMatch(p -> p.name().equals("yum"));
        Run r = publish("--format", "yum");
        if (yum) {
            assertEquals(0, r.exit(), r.err());
        } else {
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("--format yum: this build of repo-tools publishes only apt"), r.err());
            assertFalse(Files.exists(repo), "nothing created");
        }
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
