package org.vatools.repotools.publish.yum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.pgp.SignatureVerifier;
import org.vatools.core.pgp.SigningKeys;
import org.vatools.core.pkg.rpm.RpmPackage;
import org.vatools.core.pkg.rpm.RpmReader;
import org.vatools.core.repo.YumRepoFile;
import org.vatools.core.time.SourceDateEpoch;
import org.vatools.repotools.publish.PublishRequest;
import org.vatools.repotools.publish.PublishSummary;

/** The YUM publisher with Java-built packages and real signatures; no external tool runs. */
class YumPublisherTest {
    @TempDir
    static Path shared;
    static SigningKeys keys;
    static Path app;
    static Path lib;

    @TempDir
    Path tmp;

    @BeforeAll
    static void packages() throws Exception {
        keys = YumFixtures.keys(shared, "ed25519");
        app = TestRpms.build(shared.resolve("in"), "demo-appliance", "1.0", "1", true, "first");
        lib = TestRpms.build(shared.resolve("in"), "demo-lib", "2.3", "4", false, "library");
    }

    private YumRepo repo() {
        return new YumRepo(tmp.resolve("repo"), keys);
    }

    @Test
    void publishesSignedPackagesRepodataSeedsAndTheRepoFile() throws Exception {
        YumRepo repo = repo();
        PublishSummary s = repo.publish(app, lib);
        assertEquals(List.of("demo-appliance-1.0-1.noarch", "demo-lib-2.3-4.noarch"), s.added());
        assertEquals(2, s.total());
        assertEquals(List.of(), repo.verify(), repo.progress.toString());
        Path yum = repo.yum();
        assertTrue(Files.isSymbolicLink(yum.resolve("repodata")));
        assertTrue(Files.isRegularFile(yum.resolve("packages/demo-appliance-1.0-1.noarch.rpm")));
        assertEquals("demo-appliance demo-appliance/title string first\n",
                Files.readString(yum.resolve("packages/demo-appliance-1.0-1.seed")));
        new SignatureVerifier(keys.publicKeyring(), SourceDateEpoch.fixedClock(repo.time)).verifyDetached(
                yum.resolve("repodata/repomd.xml"), yum.resolve("repodata/repomd.xml.asc"));
        String seeds = repo.data("appliance-seeds");
        assertTrue(seeds.contains("<seed name=\"demo-appliance\" evr=\"1.0-1\" arch=\"noarch\""), seeds);
        assertTrue(seeds.contains("href=\"packages/demo-appliance-1.0-1.seed\""), seeds);
        assertFalse(seeds.contains("demo-lib"), seeds);
        assertEquals(YumRepoFile.published().text(), Files.readString(repo.root.resolve("vatools.repo")));
        assertArrayEquals(keys.publicKeyring().armored(), Files.readAllBytes(repo.root.resolve("archive-keyring.asc")));
        RpmPackage published = RpmReader.read(yum.resolve("packages/demo-lib-2.3-4.noarch.rpm"));
        assertTrue(published.signatures().dsaHeader().isPresent());
        assertTrue(published.signatures().headerSha256Matches());
        assertFalse(Files.exists(repo.root.resolve(".vatools/staging/yum")));
    }

    @Test
    void theSameInputsAndTimeGiveByteIdenticalRepodataAndPackages() throws Exception {
        YumRepo a = new YumRepo(tmp.resolve("a"), keys);
        YumRepo b = new YumRepo(tmp.resolve("b"), keys);
        a.publish(app, lib);
        b.publish(lib, app);
        Map<String, String> sa = a.snapshot();
        Map<String, String> sb = b.snapshot();
        sa.keySet().removeIf(k -> k.startsWith(".vatools"));
        sb.keySet().removeIf(k -> k.startsWith(".vatools"));
        assertEquals(sa, sb);
        // and published one at a time at the same time, the same again
        YumRepo c = new YumRepo(tmp.resolve("c"), keys);
        c.publish(app);
        c.publish(lib);
        assertArrayEquals(a.repomd(), c.repomd());
    }

    @Test
    void addingOnePackageReadsOnlyThatPackage() throws Exception {
        YumRepo repo = repo();
        repo.publish(app, lib);
        Path published = repo.yum().resolve("packages/demo-lib-2.3-4.noarch.rpm");
        byte[] original = Files.readAllBytes(published);
        String before = repo.data("primary");
        // were the published package read again, this would fail or change its entry
        Files.write(published, new byte[] {1, 2, 3});
        Path extra = TestRpms.build(tmp.resolve("in"), "extra", "1", "1", false, "extra");
        repo.time = repo.time.plusSeconds(10);
        PublishSummary s = repo.publish(extra);
        assertEquals(List.of("extra-1-1.noarch"), s.added());
        assertEquals(3, s.total());
        String after = repo.data("primary");
        String libEntry = before.substring(before.indexOf("<package type=\"rpm\">\n  <name>demo-lib"));
        libEntry = libEntry.substring(0, libEntry.indexOf("</package>"));
        assertTrue(after.contains(libEntry), after);
        Files.write(published, original);
        assertEquals(List.of(), repo.verify());
    }

    @Test
    void publishingTheSamePackageAgainChangesNothing() throws Exception {
        YumRepo repo = repo();
        repo.publish(app, lib);
        Map<String, String> before = repo.snapshot();
        repo.time = repo.time.plusSeconds(3600);
        PublishSummary s = repo.publish(app);
        assertEquals(List.of(), s.added());
        assertEquals(2, s.total());
        assertEquals(before, repo.snapshot());
    }

    @Test
    void theSameVersionWithOtherContentIsAConflictUnlessReplaced() throws Exception {
        YumRepo repo = repo();
        repo.publish(app, lib);
        Map<String, String> before = repo.snapshot();
        Path changed = TestRpms.build(tmp.resolve("changed"), "demo-appliance", "1.0", "1", true, "second");
        ApplianceException e = assertThrows(ApplianceException.class, () -> repo.publish(changed));
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().contains(changed.toString()) && e.getMessage().contains("demo-appliance-1.0-1.noarch")
                && e.getMessage().contains("--replace"), e.getMessage());
        assertEquals(before, repo.snapshot());

        String oldHref = "packages/demo-appliance-1.0-1.noarch.rpm";
        byte[] oldRpm = Files.readAllBytes(repo.yum().resolve(oldHref));
        repo.replace = true;
        repo.time = repo.time.plusSeconds(60);
        PublishSummary s = repo.publish(changed);
        assertEquals(List.of("demo-appliance-1.0-1.noarch"), s.added());
        assertEquals(List.of(), repo.verify());
        // the old file stays where the previous repomd.xml points; the new one is beside it
        assertArrayEquals(oldRpm, Files.readAllBytes(repo.yum().resolve(oldHref)));
        List<String> hrefs = repo.hrefs();
        assertTrue(hrefs.stream().anyMatch(h -> h.matches("packages/[0-9a-f]{16}/demo-appliance-1.0-1.noarch.rpm")),
                hrefs.toString());
        String seeds = repo.data("appliance-seeds");
        assertTrue(seeds.matches("(?s).*href=\"packages/[0-9a-f]{16}/demo-appliance-1.0-1.seed\".*"), seeds);
    }

    @Test
    void removedPackagesLeaveTheIndexAtOnceAndTheDiskAfterTheRetentionWindow() throws Exception {
        YumRepo repo = repo();
        repo.publish(app, lib);
        Path rpm = repo.yum().resolve("packages/demo-lib-2.3-4.noarch.rpm");
        repo.time = repo.time.plusSeconds(60);
        PublishSummary s = repo.publish(List.of(), List.of(new PublishRequest.Removal("demo-lib", null)));
        assertEquals(List.of("demo-lib-2.3-4.noarch"), s.removed());
        assertFalse(repo.data("primary").contains("demo-lib"));
        assertTrue(Files.exists(rpm), "kept for clients of the previous repomd.xml");
        assertEquals(List.of(), repo.verify());
        // within the window another publish keeps it; after the window it goes
        Path extra = TestRpms.build(tmp.resolve("in"), "extra", "1", "1", false, "x");
        repo.time = repo.time.plusSeconds(60);
        repo.publish(extra);
        assertTrue(Files.exists(rpm));
        Path extra2 = TestRpms.build(tmp.resolve("in"), "extra2", "1", "1", false, "y");
        repo.time = repo.time.plus(Duration.ofHours(2));
        repo.publish(extra2);
        assertFalse(Files.exists(rpm), "gone after the retention window");
        try (var dirs = Files.list(repo.yum())) {
            assertEquals(2, dirs.filter(p -> p.getFileName().toString().startsWith("repodata.")).count(),
                    "the current repodata folder and the one before it");
        }
        assertEquals(List.of(), repo.verify());
    }

    @Test
    void removeByVersionAndKeepVersions() throws Exception {
        YumRepo repo = repo();
        Path v1 = TestRpms.build(tmp.resolve("v1"), "tool", "1.0", "1", false, "1");
        Path v2 = TestRpms.build(tmp.resolve("v2"), "tool", "1.0", "2", false, "2");
        Path v3 = TestRpms.build(tmp.resolve("v3"), "tool", "1.10", "1", false, "3");
        repo.publish(v1, v2);
        repo.publish(List.of(), List.of(new PublishRequest.Removal("tool", "1.0-1")));
        assertEquals(List.of("packages/tool-1.0-2.noarch.rpm"), repo.hrefs());
        repo.publish(v1);
        repo.keepVersions = 2;
        PublishSummary s = repo.publish(v3);
        assertEquals(List.of("tool-1.0-1.noarch"), s.removed());
        assertEquals(List.of("packages/tool-1.0-2.noarch.rpm", "packages/tool-1.10-1.noarch.rpm"), repo.hrefs());
        repo.publish(List.of(), List.of(new PublishRequest.Removal("tool", "1.0")));
        assertEquals(List.of("packages/tool-1.10-1.noarch.rpm"), repo.hrefs());
        assertEquals(List.of(), repo.verify());
    }

    @Test
    void badInputIsRefusedNamingEveryFileAndNothingChanges() throws Exception {
        YumRepo repo = repo();
        repo.publish(app);
        Map<String, String> before = repo.snapshot();
        Path in = Files.createDirectories(tmp.resolve("bad"));
        byte[] good = Files.readAllBytes(lib);
        Path truncated = Files.write(in.resolve("truncated.rpm"), java.util.Arrays.copyOf(good, good.length - 100));
        byte[] broken = good.clone();
        RpmPackage read = RpmReader.read(lib);
        broken[(int) read.layout().headerStart() + 9] ^= 0x40; // the main header's entry count
        Path brokenHeader = Files.write(in.resolve("broken-header.rpm"), broken);
        Path notRpm = Files.writeString(in.resolve("notes.rpm"), "just text\n".repeat(20));
        byte[] payload = good.clone();
        payload[payload.length - 20] ^= 0x01;
        Path damagedPayload = Files.write(in.resolve("damaged-payload.rpm"), payload);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> repo.publish(truncated, brokenHeader, notRpm));
        String m = e.getMessage();
        assertTrue(m.contains(truncated.toString()) && m.contains("truncated"), m);
        assertTrue(m.contains(brokenHeader.toString()), m);
        assertTrue(m.contains(notRpm.toString()) && m.contains("not an rpm"), m);
        assertEquals(before, repo.snapshot());
        InvalidInputException p = assertThrows(InvalidInputException.class, () -> repo.publish(damagedPayload));
        assertTrue(p.getMessage().contains(damagedPayload.toString()) && p.getMessage().contains("payload"),
                p.getMessage());
        assertEquals(before, repo.snapshot());
    }

    @Test
    void anApplianceBuiltWithoutASeedIsPublishedWithoutOne() throws Exception {
        Path rpm = TestRpms.withoutSeed(tmp.resolve("noseed"));
        YumRepo repo = repo();
        repo.publish(rpm, app);
        assertEquals(List.of(), repo.verify());
        String seeds = repo.data("appliance-seeds");
        assertTrue(seeds.contains("seeds=\"1\"") && !seeds.contains("seedless"), seeds);
        assertTrue(repo.data("primary").contains("<name>seedless</name>"));
    }

    @Test
    void aNewSigningKeyReSignsEveryPackageAndTheIndexCarriesBothKeys() throws Exception {
        YumRepo repo = repo();
        repo.publish(app, lib);
        SigningKeys rotated = YumFixtures.keys(shared, "other", "ed25519");
        repo.keys = rotated;
        repo.time = repo.time.plusSeconds(60);
        PublishSummary s = repo.publish();
        assertEquals(List.of(), s.added());
        assertEquals(List.of(), repo.verify());
        for (String href : repo.hrefs()) {
            RpmPackage rpm = RpmReader.read(repo.yum().resolve(href));
            org.vatools.core.pgp.SignatureVerifier onlyNew = new SignatureVerifier(
                    YumFixtures.keys(shared, "other").publicKeyring(), SourceDateEpoch.fixedClock(repo.time));
            onlyNew.verifyDetached(rpm.header().bytes(), rpm.signatures().dsaHeader().orElseThrow(), href);
        }
        var both = new SignatureVerifier(YumFixtures.keys(shared, "ed25519").publicKeyring(),
                SourceDateEpoch.fixedClock(repo.time)).verifyDetached(repo.yum().resolve("repodata/repomd.xml"),
                repo.yum().resolve("repodata/repomd.xml.asc"));
        assertEquals(1, both.signers().size());
        assertTrue(both.ignored().stream().anyMatch(i -> i.contains("not in")), both.ignored().toString());
    }

    @Test
    void aPublishInterruptedBeforeTheSwitchLeavesAVerifyingRepositoryAndTheNextOneFinishesIt() throws Exception {
        YumRepo repo = repo();
        repo.publish(app);
        Path link = repo.yum().resolve("repodata");
        String first = Files.readSymbolicLink(link).toString();
        repo.time = repo.time.plusSeconds(60);
        repo.publish(lib);
        String second = Files.readSymbolicLink(link).toString();
        assertNotEquals(first, second);
        // as if killed after the state was replaced but before the symlink swap
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of(first));
        assertEquals(List.of(), repo.verify());
        assertFalse(repo.data("primary").contains("demo-lib"));
        repo.time = repo.time.plusSeconds(60);
        repo.publish();
        assertEquals(second, Files.readSymbolicLink(link).toString());
        assertTrue(repo.data("primary").contains("demo-lib"));
        assertTrue(repo.progress.toString().contains("completing the switch"), repo.progress.toString());
    }

    @Test
    void theVerifierNamesEveryMismatch() throws Exception {
        YumRepo repo = repo();
        repo.publish(app, lib);
        assertEquals(List.of(), repo.verify());
        Path seed = repo.yum().resolve("packages/demo-appliance-1.0-1.seed");
        Files.writeString(seed, "demo-appliance demo-appliance/title string evil\n");
        Path rpm = repo.yum().resolve("packages/demo-lib-2.3-4.noarch.rpm");
        byte[] b = Files.readAllBytes(rpm);
        b[b.length - 5] ^= 1;
        Files.write(rpm, b);
        List<String> problems = repo.verify();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("yum/packages/demo-appliance-1.0-1.seed: SHA-256 is")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("yum/packages/demo-lib-2.3-4.noarch.rpm: SHA-256 is")),
                problems.toString());
        // signed by another key
        YumRepo other = new YumRepo(repo.root, YumFixtures.keys(shared, "other"));
        List<String> wrongKey = other.verify();
        assertTrue(wrongKey.stream().anyMatch(p -> p.contains("repomd.xml.asc") && p.contains("no valid signature")),
                wrongKey.toString());
        assertTrue(wrongKey.stream().anyMatch(p -> p.contains("demo-appliance-1.0-1.noarch.rpm (header signature)")),
                wrongKey.toString());
        // a changed repomd.xml
        Path repomd = repo.yum().resolve("repodata/repomd.xml");
        Files.writeString(repomd, Files.readString(repomd).replace("<revision>", "<revision>1"));
        assertTrue(repo.verify().stream().anyMatch(p -> p.contains("BAD signature")), repo.verify().toString());
    }

    @Test
    void aSignatureTimeBeforeTheKeyWouldBeIsTheKeysCreationTime() throws Exception {
        Path old = TestRpms.build(tmp.resolve("old"), "old-build", "1", "1", false, "old",
                Instant.parse("2020-06-01T00:00:00Z"));
        YumRepo repo = repo();
        repo.publish(old);
        RpmPackage rpm = RpmReader.read(repo.yum().resolve("packages/old-build-1-1.noarch.rpm"));
        var sig = new org.bouncycastle.openpgp.PGPObjectFactory(rpm.signatures().dsaHeader().orElseThrow(),
                new org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator()).nextObject();
        var packet = ((org.bouncycastle.openpgp.PGPSignatureList) sig).get(0);
        assertEquals(YumFixtures.KEYS_CREATED, packet.getCreationTime().toInstant());
        assertEquals(List.of(), repo.verify());
    }

    @Test
    void aSourcePackageIsRefused() throws Exception {
        Path src = TestRpms.source(tmp.resolve("src"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> repo().publish(src));
        assertTrue(e.getMessage().contains(src.toString()) && e.getMessage().contains("source package"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("repo/yum")));
    }

    @Test
    void withoutRpmsAndWithoutARepositoryNothingIsWritten() throws Exception {
        YumRepo repo = repo();
        Files.createDirectories(repo.root);
        PublishSummary s = repo.publish();
        assertEquals(0, s.total());
        try (var files = Files.list(repo.root)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void aRepodataFolderMadeByAnotherToolIsLeftAlone() throws Exception {
        YumRepo repo = repo();
        Files.createDirectories(repo.yum().resolve("repodata"));
        ApplianceException e = assertThrows(ApplianceException.class, () -> repo.publish(app));
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().contains("not the symlink"), e.getMessage());
    }

    @Test
    void theRepoFileTextIsWhatVainstallWrites() {
        YumRepoFile f = new YumRepoFile("vat", "vat appliances", "https://repo.example.org/a/yum",
                "file:///etc/pki/rpm-gpg/vat.asc", List.of("vat: appliances, added by vainstall add-repo"));
        assertEquals("# vat: appliances, added by vainstall add-repo\n[vat]\nname=vat appliances\n"
                + "baseurl=https://repo.example.org/a/yum\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\n"
                + "gpgkey=file:///etc/pki/rpm-gpg/vat.asc\n", f.text());
        assertEquals("https://r.example.org/x/archive-keyring.asc",
                YumRepoFile.forRepository("x", "x", "https://r.example.org/x/", List.of()).gpgKey());
        assertThrows(IllegalArgumentException.class, () -> new YumRepoFile("a b", "n", "u", "k", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new YumRepoFile("a", "n\nx=1", "u", "k", List.of()));
        assertTrue(new String(YumRepoFile.published().bytes(), StandardCharsets.UTF_8)
                .contains("baseurl=@BASEURL@/yum\n"));
    }

    /** Stands for the process being killed at a commit step: nothing after it runs. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(String step) {
            super("killed at " + step);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"yum:packages", "yum:repodata", "yum:state",
        "yum:switched", "yum:cleaned"})
    void aPublishKilledAtAnyCommitStepLeavesARepositoryThatVerifiesAndTheNextPublishCompletesIt(String step)
            throws Exception {
        YumRepo repo = repo();
        repo.publish(app);
        Map<String, String> before = repo.snapshot();
        repo.time = repo.time.plusSeconds(60);
        YumPublisher killedThere = new YumPublisher(reached -> {
            if (reached.equals(step)) {
                throw new Killed(reached);
            }
        });
        assertThrows(Killed.class, () -> {
            try (var staged = killedThere.stage(repo.request(List.of(lib), List.of()))) {
                staged.commit();
            }
        });
        assertEquals(List.of(), repo.verify(), "after a kill at " + step);
        boolean switched = step.equals("yum:switched") || step.equals("yum:cleaned");
        assertEquals(switched, repo.data("primary").contains("demo-lib"));
        if (step.equals("yum:packages")) {
            Map<String, String> now = repo.snapshot();
            now.keySet().removeIf(k -> k.startsWith("yum/packages/demo-lib"));
            assertEquals(before, now, "only files no index lists yet are new");
        }
        repo.time = repo.time.plusSeconds(60);
        repo.publish(lib);
        assertTrue(repo.data("primary").contains("demo-lib"));
        assertEquals(List.of(), repo.verify());
    }
}
