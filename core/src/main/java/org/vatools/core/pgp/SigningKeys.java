package org.vatools.core.pgp;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The keys a repository is signed with: usually one, two during a key rotation (every
 * signature file then carries one signature per key, and clients that know either key accept
 * it). Order is kept: signatures appear in the order of the keys.
 */
public final class SigningKeys {
    private final List<SigningKey> keys;

    private SigningKeys(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Loads each file with {@link SecretKeyFile#load}; the same passphrase unlocks every
     * protected key. (Keys with different passphrases: load each and use {@link #of}.)
     */
    public static SigningKeys load(List<Path> files, Passphrase passphrase, Instant now) {
        return of(files.stream().map(f -> SecretKeyFile.load(f, passphrase, now)).toList());
    }

    /**
     * @throws ApplianceException USAGE when empty, INVALID_INPUT when a key is given twice
     */
    public static SigningKeys of(List<SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new ApplianceException(ExitCode.USAGE, "no signing key given; name a secret key file (--key FILE)");
        }
        Map<Fingerprint, SigningKey> seen = new HashMap<>();
        for (SigningKey key : keys) {
            SigningKey earlier = seen.putIfAbsent(key.fingerprint(), key);
            if (earlier != null) {
                throw new ApplianceException(ExitCode.INVALID_INPUT, "the same key " + key.fingerprint()
                        + " is given twice (" + earlier.source() + " and " + key.source() + "); give each key once");
            }
        }
        return new SigningKeys(keys);
    }

    public List<SigningKey> keys() {
        return keys;
    }

    /** The signing keys' fingerprints, in order. */
    public List<Fingerprint> fingerprints() {
        return keys.stream().map(SigningKey::fingerprint).toList();
    }

    /**
     * The public keys of all signing keys: what a repository publishes as
     * {@code archive-keyring.asc} ({@link PublicKeyring#armored()}) and {@code archive-keyring.gpg}
     * ({@link PublicKeyring#binary()}), and what a publisher can verify its own output with.
     */
    public PublicKeyring publicKeyring() {
        return PublicKeyring.merge(keys.stream()
                .map(k -> new PublicKeyring(List.of(k.certificate()), k.source().toString()))
                .toList());
    }
}
