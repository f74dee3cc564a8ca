package org.vatools.repotools.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vatools.core.pgp.GeneratedKey;
import org.vatools.core.pgp.KeyAlgorithm;
import org.vatools.core.pgp.KeyGenerator;
import org.vatools.core.pgp.KeyLifetime;
import org.vatools.core.pgp.KeySpec;
import org.vatools.core.pgp.Passphrase;
import org.vatools.core.pgp.UserId;

/** Signing keys for publisher tests, generated once per test run (Ed25519: fast), never pasted. */
public final class TestRepoKeys {
    public static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    public static final String PASSPHRASE = "test passphrase";
    private static final Map<String, GeneratedKey> CACHE = new ConcurrentHashMap<>();

    private TestRepoKeys() {
    }

    /** Writes key {@code name} (signing-key.asc, archive-keyring.asc/.gpg) into a new folder {@code dir}. */
    public static Path write(String name, Path dir) throws IOException {
        return write(name, dir, false, KeyLifetime.NEVER, CREATED);
    }

    public static Path write(String name, Path dir, boolean protect, KeyLifetime lifetime, Instant created)
            throws IOException {
        GeneratedKey key = CACHE.computeIfAbsent(name + protect + lifetime + created, k -> new KeyGenerator(
                new SecureRandom()).generate(new KeySpec(new UserId("Test Archive " + name, "archive@example.org"),
                KeyAlgorithm.ED25519, created, lifetime),
                protect ? Passphrase.of(PASSPHRASE.toCharArray(), "test") : Passphrase.none()));
        Files.createDirectories(dir);
        Files.write(dir.resolve("signing-key.asc"), key.armoredSecretKey());
        Files.write(dir.resolve("archive-keyring.asc"), key.armoredPublicKey());
        Files.write(dir.resolve("archive-keyring.gpg"), key.binaryPublicKey());
        return dir.resolve("signing-key.asc");
    }
}
