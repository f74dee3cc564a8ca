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
}
