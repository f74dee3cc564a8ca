package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.testkit.GnupgHome;

/**
 * Encryption against the real gpg 2.2: what MessageEncryption encrypts to a key gpg made, gpg
 * decrypts; what gpg encrypts, MessageEncryption decrypts with the secret key gpg exported
 * (passphrase-protected); gpg's sign-only Ed25519 key is refused.
 */
class EncryptionGpgIT {
    static final String PASS = "gpg key passphrase";

    @TempDir
    Path work;
    GnupgHome gnupg;

    @BeforeEach
    void home() {
        gnupg = GnupgHome.create();
    }

    @AfterEach
    void stop() {
        gnupg.close();
    }

    /** Makes a key in gpg with a passphrase; returns its fingerprint. */
    private String genKey(String uid, String algo, String usage) {
        gnupg.gpg("--pinentry-mode", "loopback", "--passphrase", PASS, "--quick-gen-key", uid, algo, usage, "never")
                .assertSuccess();
        String colons = gnupg.gpg("--with-colons", "--list-keys", uid).assertSuccess().stdout();
        return colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    private Path export(String fpr, boolean secret) throws Exception {
        Path file = work.resolve(fpr + (secret ? ".sec.asc" : ".pub.asc"));
        String out = secret
                ? gnupg.gpg("--pinentry-mode", "loopback", "--passphrase", PASS, "--armor", "--export-secret-keys", fpr)
                        .assertSuccess().stdout()
                : gnupg.gpg("--armor", "--export", fpr).assertSuccess().stdout();
        Files.writeString(file, out);
        return file;
    }

    private static byte[] data() {
        byte[] b = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"future-default", "rsa3072"})
    void gpgDecryptsWhatWeEncryptAndWeDecryptWhatGpgEncrypts(String algo) throws Exception {
        // future-default: Ed25519 primary key and Cv25519 encryption subkey; rsa3072: an RSA primary key
        // that signs, to which an RSA encryption subkey is added
        String fpr = genKey(algo + " Backup <" + algo + "@backup.example.org>", algo,
                algo.equals("rsa3072") ? "sign" : "default");
        if (algo.equals("rsa3072")) {
            gnupg.gpg("--pinentry-mode", "loopback", "--passphrase", PASS, "--quick-add-key", fpr, "rsa3072", "encr",
                    "never").assertSuccess();
        }
        byte[] plain = data();
        Path clear = Files.write(work.resolve("clear.bin"), plain);

        EncryptionKey key = EncryptionKey.load(export(fpr, false), Instant.now());
        assertEquals(fpr, key.primaryFingerprint().hex());
        Path ours = work.resolve("ours.gpg");
        try (OutputStream file = Files.newOutputStream(ours);
             OutputStream enc = MessageEncryption.encrypt(file, key, "clear.bin", new SecureRandom())) {
            enc.write(plain);
        }
        Path back = work.resolve("back.bin");
        gnupg.gpg("--pinentry-mode", "loopback", "--passphrase", PASS, "--output", back.toString(), "--decrypt",
                ours.toString()).assertSuccess();
        assertArrayEquals(plain, Files.readAllBytes(back), "gpg decrypts our message");

        Path theirs = work.resolve("theirs.gpg");
        gnupg.gpg("--trust-model", "always", "--recipient", fpr, "--output", theirs.toString(), "--encrypt",
                clear.toString()).assertSuccess();
        DecryptionKey secret = DecryptionKey.load(export(fpr, true), Passphrase.of(PASS.toCharArray(), "test"));
        try (InputStream in = Files.newInputStream(theirs)) {
            MessageEncryption.DecryptedStream d = MessageEncryption.decrypt(in, secret, theirs.toString());
            byte[] got = d.readAllBytes();
            d.finish();
            assertArrayEquals(plain, got, "we decrypt gpg's message (compressed by gpg)");
        }
    }

    @Test
    void gpgsSignOnlyEd25519KeyIsRefused() throws Exception {
        String fpr = genKey("Signer <signer@example.org>", "ed25519", "sign");
        Path pub = export(fpr, false);
        ApplianceException e = assertThrows(ApplianceException.class, () -> EncryptionKey.load(pub, Instant.now()));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("Ed25519 is a signature algorithm"), e.getMessage());
        gnupg.gpg("--pinentry-mode", "loopback", "--passphrase", PASS, "--quick-add-key", fpr, "cv25519", "encr",
                "never").assertSuccess();
        EncryptionKey fixed = EncryptionKey.load(export(fpr, false), Instant.now());
        assertEquals(fpr, fixed.primaryFingerprint().hex());
        assertTrue(fixed.algorithmName().startsWith("cv25519"), fixed.algorithmName());
    }
}
