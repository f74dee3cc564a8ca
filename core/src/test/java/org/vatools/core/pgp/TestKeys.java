package org.vatools.core.pgp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys made by {@link KeyGenerator} when a test first asks for them, then kept for the rest of
 * the test JVM (RSA-4096 generation takes seconds). Nothing here is pasted key material.
 */
final class TestKeys {
    /** Creation time of the long-lived test keys: in the past, so gpgv never sees a key from the future. */
    static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    /** A signature time after {@link #CREATED}, for reproducible signatures. */
    static final Instant SIGNED = Instant.parse("2026-03-01T12:00:00Z");
    static final String PASSPHRASE = "correct horse battery staple";

    private static final Map<String, GeneratedKey> CACHE = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    static GeneratedKey rsa() {
        return cached("rsa", KeyAlgorithm.RSA_4096, "Test RSA Archive", CREATED, KeyLifetime.NEVER, true);
    }

    static GeneratedKey ed25519() {
        return cached("ed25519", KeyAlgorithm.ED25519, "Test Ed25519 Archive", CREATED, KeyLifetime.NEVER, true);
    }

    /** A second, unrelated Ed25519 key (rotation partner, or "another key"). */
    static GeneratedKey otherEd25519() {
        return cached("other", KeyAlgorithm.ED25519, "Other Archive", CREATED, KeyLifetime.NEVER, false);
    }

    /** Created 2020-01-01, valid 30 days: expired long ago. */
    static GeneratedKey expired() {
        return cached("expired", KeyAlgorithm.ED25519, "Expired Archive", Instant.parse("2020-01-01T00:00:00Z"),
                KeyLifetime.parse("30d"), false);
    }

    static GeneratedKey cached(String name, KeyAlgorithm algorithm, String userName, Instant created,
                               KeyLifetime lifetime, boolean protect) {
        return CACHE.computeIfAbsent(name, n -> new KeyGenerator(RANDOM).generate(
                new KeySpec(new UserId(userName, n + "@archive.example.org"), algorithm, created, lifetime),
                protect ? passphrase() : Passphrase.none()));
    }

    static Passphrase passphrase() {
        return Passphrase.of(PASSPHRASE.toCharArray(), "the test passphrase");
    }

    static Passphrase passphraseFor(GeneratedKey key) {
        return key.passphraseProtected() ? passphrase() : Passphrase.none();
    }

    /** Writes the key's files into a new folder under {@code dir} and returns their paths. */
    static KeyFiles.Written write(Path dir, GeneratedKey key) {
        return KeyFiles.writeNew(dir.resolve(key.fingerprint().longKeyId()), key);
    }

    /** Writes and loads the key as a publisher would, at {@link #SIGNED}. */
    static SigningKey load(Path dir, GeneratedKey key) {
        return SecretKeyFile.load(write(dir, key).secretKey(), passphraseFor(key), SIGNED);
    }

    static Path writeFile(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
