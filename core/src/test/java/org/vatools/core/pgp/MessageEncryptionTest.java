package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/** Encrypting to a public key and decrypting with the secret key, as streams, and what is refused. */
class MessageEncryptionTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final String PASS = "backup passphrase";

    @TempDir
    static Path dir;
    static EncryptionKeys.Made rsa;
    static EncryptionKeys.Made cv25519;
    static EncryptionKeys.Made other;

    @BeforeAll
    static void keys() throws Exception {
        rsa = EncryptionKeys.rsaWithEncryptionSubkey(PASS);
        cv25519 = EncryptionKeys.ed25519WithCv25519Subkey(null);
        other = EncryptionKeys.ed25519WithCv25519Subkey(null);
    }

    static Path file(String name, byte[] content) {
        return TestKeys.writeFile(dir.resolve(name), content);
    }

    static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    static byte[] encrypt(EncryptionKey key, byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = MessageEncryption.encrypt(out, key, "backup.abf", new SecureRandom())) {
            for (int i = 0; i < data.length; i += 10_000) {
                enc.write(data, i, Math.min(10_000, data.length - i));
            }
        }
        return out.toByteArray();
    }

    static byte[] decrypt(byte[] message, DecryptionKey key) throws Exception {
        MessageEncryption.DecryptedStream in = MessageEncryption.decrypt(new ByteArrayInputStream(message), key, "m");
        byte[] clear = in.readAllBytes();
        in.finish();
        return clear;
    }

    @Test
    void roundTripsWithAnRsaEncryptionSubkey() throws Exception {
        EncryptionKey key = EncryptionKey.load(file("rsa.pub.asc", rsa.publicKey()), NOW);
        assertEquals("rsa2048", key.algorithmName());
        assertTrue(key.describe().contains("encryption subkey"), key.describe());
        byte[] plain = data(1_234_567);
        byte[] message = encrypt(key, plain);
        assertTrue(MessageEncryption.looksEncrypted(Arrays.copyOf(message, 16)));
        assertFalse(MessageEncryption.looksEncrypted("PK\3\4".getBytes()));
        DecryptionKey secret = DecryptionKey.load(file("rsa.sec.asc", rsa.secret()),
                Passphrase.of(PASS.toCharArray(), "test"));
        assertArrayEquals(plain, decrypt(message, secret));
    }

    @Test
    void roundTripsWithACv25519Subkey() throws Exception {
        EncryptionKey key = EncryptionKey.load(file("cv.pub.asc", cv25519.publicKey()), NOW);
        assertTrue(key.algorithmName().startsWith("cv25519"), key.algorithmName());
        byte[] plain = data(70_000);
        byte[] message = encrypt(key, plain);
        assertArrayEquals(plain, decrypt(message, DecryptionKey.load(file("cv.sec.asc", cv25519.secret()),
                Passphrase.none())));
        assertArrayEquals(new byte[0], decrypt(encrypt(key, new byte[0]), DecryptionKey.load(file("cv.sec.asc",
                cv25519.secret()), Passphrase.none())));
    }

    @Test
    void aSignOnlyEd25519KeyIsRefusedWithTheWayToAddASubkey() {
        Path pub = file("ed.pub.asc", TestKeys.ed25519().armoredPublicKey());
        ApplianceException e = assertThrows(ApplianceException.class, () -> EncryptionKey.load(pub, NOW));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("Ed25519 is a signature algorithm and cannot encrypt"), e.getMessage());
        assertTrue(e.getMessage().contains("gpg --quick-add-key " + TestKeys.ed25519().fingerprint().hex()
                + " cv25519 encr"), e.getMessage());
    }

    @Test
    void anRsaKeyFlaggedForSigningOnlyIsRefused() {
        Path pub = file("rsa-sign.pub.asc", TestKeys.rsa().armoredPublicKey());
        ApplianceException e = assertThrows(ApplianceException.class, () -> EncryptionKey.load(pub, NOW));
        assertTrue(e.getMessage().contains("is not allowed to encrypt"), e.getMessage());
        assertTrue(e.getMessage().contains("Add an encryption subkey"), e.getMessage());
    }

    @Test
    void aSecretKeyOrTwoKeysAreNotAnEncryptionKey() {
        ApplianceException secret = assertThrows(ApplianceException.class,
                () -> EncryptionKey.load(file("s.asc", cv25519.secret()), NOW));
        assertTrue(secret.getMessage().contains("holds a secret key"), secret.getMessage());
        byte[] two = concat(cv25519.publicKey(), other.publicKey());
        ApplianceException both = assertThrows(ApplianceException.class,
                () -> EncryptionKey.load(file("two.asc", two), NOW));
        assertTrue(both.getMessage().contains("holds 2 keys"), both.getMessage());
    }

    @Test
    void theWrongSecretKeyIsNamedAndRefused() throws Exception {
        byte[] message = encrypt(EncryptionKey.load(file("cv.pub.asc", cv25519.publicKey()), NOW), data(1000));
        DecryptionKey wrong = DecryptionKey.load(file("other.sec.asc", other.secret()), Passphrase.none());
        ApplianceException e = assertThrows(ApplianceException.class, () -> decrypt(message, wrong));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("holds none of them"), e.getMessage());
    }

    @Test
    void aWrongPassphraseIsReported() throws Exception {
        byte[] message = encrypt(EncryptionKey.load(file("rsa.pub.asc", rsa.publicKey()), NOW), data(1000));
        DecryptionKey key = DecryptionKey.load(file("rsa.sec.asc", rsa.secret()),
                Passphrase.of("not it".toCharArray(), "test"));
        ApplianceException e = assertThrows(ApplianceException.class, () -> decrypt(message, key));
        assertTrue(e.getMessage().contains("wrong passphrase"), e.getMessage());
    }

    @Test
    void aModifiedMessageFailsItsIntegrityCheck() throws Exception {
        byte[] plain = data(200_000);
        byte[] message = encrypt(EncryptionKey.load(file("cv.pub.asc", cv25519.publicKey()), NOW), plain);
        DecryptionKey key = DecryptionKey.load(file("cv.sec.asc", cv25519.secret()), Passphrase.none());
        byte[] flipped = message.clone();
        flipped[flipped.length / 2] ^= 0x01;
        ApplianceException e = assertThrows(ApplianceException.class, () -> decrypt(flipped, key));
        assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
        byte[] cut = Arrays.copyOf(message, message.length - 100);
        assertThrows(Exception.class, () -> decrypt(cut, key));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
