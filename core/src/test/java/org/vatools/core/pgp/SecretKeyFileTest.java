package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

class SecretKeyFileTest {
    @TempDir
    Path tmp;

    private static ApplianceException refused(ExitCode code, Path file, Passphrase passphrase, Instant now,
                                              String... expected) {
        ApplianceException e = assertThrows(ApplianceException.class, () -> SecretKeyFile.load(file, passphrase, now));
        assertEquals(code, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "expected '" + s + "' in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void loadsAProtectedKeyWithItsPassphrase() {
        GeneratedKey generated = TestKeys.ed25519();
        KeyFiles.Written files = TestKeys.write(tmp, generated);
        SigningKey key = SecretKeyFile.load(files.secretKey(), TestKeys.passphrase(), TestKeys.SIGNED);
        assertEquals(generated.fingerprint(), key.fingerprint());
        assertEquals(generated.fingerprint(), key.primaryFingerprint());
        assertEquals("Test Ed25519 Archive <ed25519@archive.example.org>", key.userId());
        assertEquals("ed25519", key.algorithmName());
        assertEquals(22, key.openPgpAlgorithm());
        assertEquals(TestKeys.CREATED, key.creationTime());
        assertEquals(Optional.empty(), key.expirationTime());
        assertEquals(files.secretKey(), key.source());
    }

    @Test
    void loadsAnRsaKey() {
        SigningKey key = TestKeys.load(tmp, TestKeys.rsa());
        assertEquals("rsa4096", key.algorithmName());
        assertEquals(1, key.openPgpAlgorithm());
    }

    @Test
    void loadsAnUnprotectedKeyWithoutPassphrase() {
        SigningKey key = SecretKeyFile.load(TestKeys.write(tmp, TestKeys.otherEd25519()).secretKey(),
                Passphrase.none(), TestKeys.SIGNED);
        assertEquals(TestKeys.otherEd25519().fingerprint(), key.fingerprint());
    }

    @Test
    void aWrongPassphraseIsNamedAsSuch() {
        Path file = TestKeys.write(tmp, TestKeys.ed25519()).secretKey();
        refused(ExitCode.INVALID_INPUT, file, Passphrase.of("wrong".toCharArray(), "environment variable KEY_PASS"),
                TestKeys.SIGNED, "wrong passphrase for key " + TestKeys.ed25519().fingerprint(),
                "environment variable KEY_PASS");
    }

    @Test
    void aProtectedKeyWithoutPassphraseSaysHowToGiveOne() {
        Path file = TestKeys.write(tmp, TestKeys.ed25519()).secretKey();
        refused(ExitCode.INVALID_INPUT, file, Passphrase.none(), TestKeys.SIGNED, "is protected by a passphrase",
                "--passphrase-env");
    }

    @Test
    void anExpiredKeyIsRefused() {
        Path file = TestKeys.write(tmp, TestKeys.expired()).secretKey();
        refused(ExitCode.INVALID_INPUT, file, Passphrase.none(), TestKeys.SIGNED,
                "expired on 2020-01-31T00:00:00Z", "repo-tools keygen");
        // the same key was fine while it was valid
        SecretKeyFile.load(file, Passphrase.none(), Instant.parse("2020-01-15T00:00:00Z"));
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        GeneratedKey fresh = TestKeys.cached("to-revoke", KeyAlgorithm.ED25519, "Revoked", TestKeys.CREATED,
                KeyLifetime.NEVER, false);
        Path file = TestKeys.writeFile(tmp.resolve("revoked.asc"), OddKeys.revoked(fresh));
        refused(ExitCode.INVALID_INPUT, file, Passphrase.none(), TestKeys.SIGNED, "is revoked",
                "replaced by a new key");
    }

    @Test
    void aKeyThatMayNotSignIsRefused() throws Exception {
        Path file = TestKeys.writeFile(tmp.resolve("certify-only.asc"), OddKeys.certifyOnly());
        refused(ExitCode.INVALID_INPUT, file, Passphrase.none(), TestKeys.SIGNED, "not allowed to sign");
    }

    @Test
    void theRfc9580Ed25519EncodingIsRefusedWithTheReason() throws Exception {
        Path file = TestKeys.writeFile(tmp.resolve("new-encoding.asc"), OddKeys.rfc9580Ed25519());
        refused(ExitCode.INVALID_INPUT, file, Passphrase.none(), TestKeys.SIGNED, "algorithm 27",
                "gpg 2.2 on Debian 12 shows as invalid", "repo-tools keygen");
    }

    @Test
    void aKeyCreatedAfterNowIsRefused() {
        Path file = TestKeys.write(tmp, TestKeys.otherEd25519()).secretKey();
        refused(ExitCode.INVALID_INPUT, file, Passphrase.none(), Instant.parse("2024-06-01T00:00:00Z"),
                "was created on 2025-01-01T00:00:00Z");
    }

    @Test
    void aPublicKeyIsNotASecretKey() {
        Path file = TestKeys.write(tmp, TestKeys.otherEd25519()).armoredKeyring();
        refused(ExitCode.INVALID_INPUT, file, Passphrase.none(), TestKeys.SIGNED, "holds a public key, not a secret key");
        Path binary = TestKeys.write(tmp.resolve("b"), TestKeys.otherEd25519()).binaryKeyring();
        refused(ExitCode.INVALID_INPUT, binary, Passphrase.none(), TestKeys.SIGNED, "holds a public key");
    }

    @Test
    void otherFilesAreNotSecretKeys() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "just some text\n");
        refused(ExitCode.INVALID_INPUT, text, Passphrase.none(), TestKeys.SIGNED, "not an OpenPGP secret key");
        Path empty = Files.write(tmp.resolve("empty.asc"), new byte[0]);
        refused(ExitCode.INVALID_INPUT, empty, Passphrase.none(), TestKeys.SIGNED, "not an OpenPGP secret key");
        byte[] armored = TestKeys.otherEd25519().armoredSecretKey();
        String broken = new String(armored, StandardCharsets.US_ASCII).replaceFirst("\n\n(.{10})", "\n\nAAAAAAAAAA");
        Path damaged = Files.writeString(tmp.resolve("damaged.asc"), broken);
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> SecretKeyFile.load(damaged, Passphrase.none(), TestKeys.SIGNED));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode(), e.getMessage());
    }

    @Test
    void missingAndUnreadableFiles() {
        refused(ExitCode.NOT_FOUND, tmp.resolve("missing.asc"), Passphrase.none(), TestKeys.SIGNED,
                "secret key file not found");
        refused(ExitCode.ENVIRONMENT, tmp, Passphrase.none(), TestKeys.SIGNED, "cannot read the secret key file");
    }

    @Test
    void twoKeysInOneFileAreRefused() throws Exception {
        Path file = tmp.resolve("two.asc");
        Files.write(file, TestKeys.otherEd25519().armoredSecretKey());
        Files.write(file, TestKeys.expired().armoredSecretKey(), java.nio.file.StandardOpenOption.APPEND);
        refused(ExitCode.INVALID_INPUT, file, Passphrase.none(), TestKeys.SIGNED, "holds 2 secret keys");
    }

    @Test
    void severalFilesLoadTogetherAndTheSameKeyTwiceIsRefused() {
        Path a = TestKeys.write(tmp, TestKeys.otherEd25519()).secretKey();
        Path b = TestKeys.write(tmp, TestKeys.ed25519()).secretKey();
        SigningKeys keys = SigningKeys.load(List.of(a, b), TestKeys.passphrase(), TestKeys.SIGNED);
        assertEquals(List.of(TestKeys.otherEd25519().fingerprint(), TestKeys.ed25519().fingerprint()), keys.fingerprints());
        ApplianceException twice = assertThrows(ApplianceException.class,
                () -> SigningKeys.load(List.of(a, a), Passphrase.none(), TestKeys.SIGNED));
        assertEquals(ExitCode.INVALID_INPUT, twice.exitCode());
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
        assertEquals(ExitCode.USAGE, assertThrows(ApplianceException.class, () -> SigningKeys.of(List.of())).exitCode());
    }
}
