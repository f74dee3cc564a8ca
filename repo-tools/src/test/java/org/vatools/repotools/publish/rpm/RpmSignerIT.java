package org.vatools.repotools.publish.rpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.pgp.SigningKey;
import org.vatools.core.pgp.SigningKeys;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.pkg.rpm.RpmPackage;
import org.vatools.core.pkg.rpm.RpmReader;
import org.vatools.core.pkg.rpm.RpmSignatureTag;
import org.vatools.repotools.publish.yum.YumFixtures;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Tool;

/**
 * Packages re-signed by {@link RpmSigner} as rpm sees them: {@code rpmkeys -Kv} with the key
 * imported into a throwaway database says the header signature and every digest are OK, for
 * RSA-4096 and Ed25519 keys, for unsigned packages and packages rpmsign signed before.
 */
class RpmSignerIT {
    private static final long BUILT = 1_767_225_600L; // 2026-01-01

    @TempDir
    static Path work;
    static Path unsigned;

    @BeforeAll
    static void build() {
        GnupgHome.requireTools("rpmbuild", "rpm", "rpmkeys", "rpmsign", "gpg", "gpgconf");
        unsigned = YumFixtures.rpmbuild(work, YumFixtures.simpleSpec("sigdemo", "1.0", "1", true), BUILT).get(0);
    }

    private static Path sign(Path input, SigningKeys keys, String name) throws Exception {
        RpmPackage rpm = RpmReader.read(input, ReadOptions.defaults().withDigests());
        Path out = work.resolve(name);
        try (OutputStream os = Files.newOutputStream(out)) {
            new RpmSigner(keys).sign(rpm, input, os);
        }
        return out;
    }

    private static Tool.Result check(Path rpm, String... keyNames) throws Exception {
        Path db = Files.createTempDirectory(work, "rpmdb");
        for (String k : keyNames) {
            Tool.run(List.of("rpmkeys", "--dbpath", db.toString(), "--import",
                    YumFixtures.armoredPublicKey(work, k).toString()), work, Map.of("LC_ALL", "C"), null, 120)
                    .assertSuccess();
        }
        return Tool.run(List.of("rpmkeys", "--dbpath", db.toString(), "-Kv", rpm.toString()), work,
                Map.of("LC_ALL", "C"), null, 120);
    }

    private static String keyId(SigningKey key) {
        return key.fingerprint().longKeyId().substring(8).toLowerCase();
    }

    @Test
    void rsaSignatureIsOkAndOnlyTheNewSignatureAndSha256DigestRemain() throws Exception {
        SigningKeys keys = YumFixtures.keys(work, "rsa");
        Path signed = sign(unsigned, keys, "rsa.rpm");
        Tool.Result r = check(signed, "rsa").assertSuccess();
        assertTrue(r.stdout().contains("Header V4 RSA/SHA256 Signature, key ID " + keyId(keys.keys().get(0)) + ": OK"),
                r.describe("RSA header signature OK"));
        assertTrue(r.stdout().contains("Header SHA256 digest: OK"), r.describe("header digest"));
        assertTrue(r.stdout().contains("Payload SHA256 digest: OK"), r.describe("payload digest"));
        assertFalse(r.stdout().contains("SHA1"), r.describe("no SHA-1 digest left"));
        assertFalse(r.stdout().contains("MD5"), r.describe("no MD5 digest left"));
        RpmPackage read = RpmReader.read(signed);
        assertTrue(read.signatures().headerSha256Matches());
        assertTrue(read.signatures().rsaHeader().isPresent());
        assertFalse(read.signatureHeader().has(RpmSignatureTag.RESERVEDSPACE));
        // the main header and payload are the original's, byte for byte
        RpmPackage original = RpmReader.read(unsigned);
        byte[] a = Files.readAllBytes(unsigned);
        byte[] b = Files.readAllBytes(signed);
        assertArrayEquals(Arrays.copyOfRange(a, (int) original.layout().headerStart(), a.length),
                Arrays.copyOfRange(b, (int) read.layout().headerStart(), b.length));
        assertArrayEquals(Arrays.copyOfRange(a, 0, 96), Arrays.copyOfRange(b, 0, 96));
        // without the key rpm cannot check it: the signature is what rpm looked at
        assertTrue(check(signed).stdout().contains("NOKEY"));
        // signed with one key, checked with another: not OK
        YumFixtures.keys(work, "other-rsa");
        Tool.Result wrong = check(signed, "other-rsa");
        assertTrue(wrong.exitCode() != 0 && wrong.stdout().contains("NOKEY"), wrong.describe("NOKEY for another key"));
    }

    @Test
    void ed25519SignatureIsOk() throws Exception {
        SigningKeys keys = YumFixtures.keys(work, "ed25519");
        Path signed = sign(unsigned, keys, "ed.rpm");
        Tool.Result r = check(signed, "ed25519").assertSuccess();
        assertTrue(r.stdout().contains("Header V4 EdDSA/SHA256 Signature, key ID " + keyId(keys.keys().get(0))
                + ": OK"), r.describe("EdDSA header signature OK"));
        assertTrue(RpmReader.read(signed).signatures().dsaHeader().isPresent());
    }

    @Test
    void onlyTheFirstKeySignsPackages() throws Exception {
        SigningKeys keys = YumFixtures.keys(work, "ed25519", "rsa");
        Path signed = sign(unsigned, keys, "first.rpm");
        Tool.Result r = check(signed, "ed25519").assertSuccess();
        assertTrue(r.stdout().contains("Header V4 EdDSA/SHA256 Signature") && !r.stdout().contains("RSA"),
                r.describe("one EdDSA signature"));
        assertEquals(List.of(keys.keys().get(0).fingerprint().hex()), new RpmSigner(keys).signerFingerprints());
    }

    @Test
    void aPackageSignedByRpmsignIsReSigned() throws Exception {
        try (GnupgHome gpg = GnupgHome.create()) {
            gpg.gpg("--passphrase", "", "--quick-gen-key", "Builder <builder@example.org>", "rsa2048", "sign", "never")
                    .assertSuccess();
            Path copy = Files.copy(unsigned, work.resolve("by-rpmsign.rpm"));
            Tool.run(List.of("rpmsign", "--define", "_gpg_name Builder", "--define", "__gpg /usr/bin/gpg",
                    "--define", "_gpg_path " + gpg.dir(), "--addsign", copy.toString()), work,
                    Map.of("LC_ALL", "C", "GNUPGHOME", gpg.dir().toString()), null, 120).assertSuccess();
            assertTrue(RpmReader.read(copy).signatures().rsaHeader().isPresent());
            SigningKeys keys = YumFixtures.keys(work, "rsa");
            Path signed = sign(copy, keys, "resigned.rpm");
            Tool.Result r = check(signed, "rsa").assertSuccess();
            assertTrue(r.stdout().contains("key ID " + keyId(keys.keys().get(0)) + ": OK"), r.describe("our key"));
            // same main header and payload as the unsigned original: same bytes after re-signing
            assertArrayEquals(Files.readAllBytes(sign(unsigned, keys, "again.rpm")), Files.readAllBytes(signed));
        }
    }

    @Test
    void signatureTimeIsBuildTimeOrTheKeysCreation() throws Exception {
        SigningKeys keys = YumFixtures.keys(work, "ed25519");
        RpmPackage rpm = RpmReader.read(unsigned);
        assertEquals(Instant.ofEpochSecond(BUILT), RpmSigner.signatureTime(rpm, keys.keys().get(0)));
        Instant later = Instant.ofEpochSecond(BUILT + 86_400);
        var fresh = YumFixtures.freshKey(later);
        SigningKey freshKey = YumFixtures.load(work, "fresh", fresh);
        assertEquals(later, RpmSigner.signatureTime(rpm, freshKey));
        Path signed = sign(unsigned, SigningKeys.of(List.of(freshKey)), "fresh.rpm");
        check(signed, "fresh").assertSuccess();
        byte[] first = Files.readAllBytes(signed);
        assertArrayEquals(first, Files.readAllBytes(sign(unsigned, SigningKeys.of(List.of(freshKey)), "fresh2.rpm")));
    }
}
