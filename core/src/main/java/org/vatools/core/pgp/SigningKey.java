package org.vatools.core.pgp;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * A secret key ready to sign, loaded by {@link SecretKeyFile#load}: already decrypted, checked
 * to be valid, allowed to sign and unexpired when it was loaded. {@link #fingerprint()} is the
 * key that makes signatures; for a key made by {@link KeyGenerator} it is the primary key, and
 * for a gpg key with a signing subkey it is that subkey.
 */
public final class SigningKey {
    private final Path source;
    private final PGPPublicKeyRing certificate;
    private final PGPPublicKey publicKey;
    private final PGPPrivateKey privateKey;
    private final KeyState state;

    SigningKey(Path source, PGPPublicKeyRing certificate, PGPPublicKey publicKey, PGPPrivateKey privateKey,
               KeyState state) {
        this.source = source;
        this.certificate = certificate;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.state = state;
    }

    /** The file the key was loaded from. */
    public Path source() {
        return source;
    }

    /** The fingerprint of the key that signs (primary key or signing subkey). */
    public Fingerprint fingerprint() {
        return Fingerprint.of(publicKey.getFingerprint());
    }

    /** The fingerprint of the certificate's primary key: what users put in their keyrings and docs. */
    public Fingerprint primaryFingerprint() {
        return Fingerprint.of(certificate.getPublicKey().getFingerprint());
    }

    /** The key id in issuer subpackets: the low 64 bits of {@link #fingerprint()}. */
    public long keyId() {
        return publicKey.getKeyID();
    }

    /** The primary user id, such as {@code Example Archive <archive@example.org>}. */
    public String userId() {
        return state.userId();
    }

    /**
     * The OpenPGP public-key algorithm number: 1 (RSA) or 22 (EdDSA, legacy encoding). The rpm
     * header signature tag depends on it, as rpmsign decides: RSA signatures go into
     * RPMSIGTAG_RSA (268), EdDSA signatures into RPMSIGTAG_DSA (267).
     */
    public int openPgpAlgorithm() {
        return publicKey.getAlgorithm();
    }

    /** {@code rsa4096}, {@code rsa3072}, {@code ed25519}. */
    public String algorithmName() {
        return publicKey.getAlgorithm() == PublicKeyAlgorithmTags.EDDSA_LEGACY ? "ed25519"
                : "rsa" + publicKey.getBitStrength();
    }

    public Instant creationTime() {
        return state.created();
    }

    /** When the key expires, or empty when it never does. Publishers may warn when it is near. */
    public Optional<Instant> expirationTime() {
        return state.expires();
    }

    PGPPublicKey publicKey() {
        return publicKey;
    }

    PGPPrivateKey privateKey() {
        return privateKey;
    }

    PGPPublicKeyRing certificate() {
        return certificate;
    }

    KeyState state() {
        return state;
    }

    /** Names the key for messages: fingerprint, user id and file. */
    public String describe() {
        return "key " + fingerprint() + (userId().isEmpty() ? "" : " (" + userId() + ")") + " from " + source;
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithmName() + " " + fingerprint() + " " + userId() + " from " + source + "]";
    }
}
