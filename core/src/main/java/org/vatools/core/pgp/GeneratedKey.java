package org.vatools.core.pgp;

import java.util.List;
import java.util.Optional;
import java.time.Instant;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;

/**
 * A key {@link KeyGenerator} made, in the three forms {@link KeyFiles} writes: the armored
 * secret key, the armored public key, and the public key as a binary keyring.
 */
public final class GeneratedKey {
    private final KeySpec spec;
    private final PGPSecretKeyRing secretRing;
    private final PGPPublicKeyRing publicRing;
    private final boolean passphraseProtected;

    GeneratedKey(KeySpec spec, PGPSecretKeyRing secretRing, PGPPublicKeyRing publicRing, boolean passphraseProtected) {
        this.spec = spec;
        this.secretRing = secretRing;
        this.publicRing = publicRing;
        this.passphraseProtected = passphraseProtected;
    }

    public KeySpec spec() {
        return spec;
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(publicRing.getPublicKey().getFingerprint());
    }

    public Optional<Instant> expirationTime() {
        return spec.expirationTime();
    }

    public boolean passphraseProtected() {
        return passphraseProtected;
    }

    /** The secret key as an armored "PGP PRIVATE KEY BLOCK" (what {@link SecretKeyFile#load} reads). */
    public byte[] armoredSecretKey() {
        return Armor.armor(Bc.encode(secretRing));
    }

    /** The public key as an armored "PGP PUBLIC KEY BLOCK" ({@code archive-keyring.asc}). */
    public byte[] armoredPublicKey() {
        return publicKeyring().armored();
    }

    /** The public key as a binary keyring ({@code archive-keyring.gpg}, for apt's signed-by and gpgv). */
    public byte[] binaryPublicKey() {
        return publicKeyring().binary();
    }

    /** The public key, for verifying what this key signs. */
    public PublicKeyring publicKeyring() {
        return new PublicKeyring(List.of(publicRing), "key " + fingerprint());
    }
}
