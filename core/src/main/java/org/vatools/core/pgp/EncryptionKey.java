package org.vatools.core.pgp;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * A public key that messages can be encrypted to, chosen from one certificate: its newest valid
 * key whose self-signature allows encryption, which is usually an encryption subkey (gpg's
 * default keys: an Ed25519 or RSA primary key that signs, and a Cv25519 or RSA subkey that
 * encrypts). Supported: RSA (2048 bits or more) and ECDH (Cv25519 and the NIST curves).
 * <p>
 * Ed25519 is a signature algorithm: a certificate with nothing but an Ed25519 key, such as the
 * keys {@code repo-tools keygen} makes for signing repositories, cannot receive encrypted messages,
 * and is refused with the gpg command that adds an encryption subkey.
 */
public final class EncryptionKey {
    private final Path source;
    private final PGPPublicKeyRing certificate;
    private final PGPPublicKey key;
    private final KeyState state;

    private EncryptionKey(Path source, PGPPublicKeyRing certificate, PGPPublicKey key, KeyState state) {
        this.source = source;
        this.certificate = certificate;
        this.key = key;
        this.state = state;
    }

    /**
     * Reads a public key file (armored or binary, one certificate) and picks its encryption key.
     *
     * @param now the time the key must be valid at
     * @throws ApplianceException NOT_FOUND, ENVIRONMENT (unreadable) or INVALID_INPUT (not one public
     *         certificate; no valid key that may encrypt; an algorithm that cannot encrypt)
     */
    public static EncryptionKey load(Path file, Instant now) {
        PublicKeyring keyring = PublicKeyring.parse(PgpFiles.read(file, "public key file"), file.toString());
        List<PGPPublicKeyRing> certificates = keyring.certificates();
        if (certificates.size() != 1) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": holds " + certificates.size()
                    + " keys (" + keyring.fingerprints() + "); give a file with the one key to encrypt to"
                    + " ('gpg --export --armor KEYID')");
        }
        return choose(file, certificates.get(0), now);
    }

    static EncryptionKey choose(Path file, PGPPublicKeyRing certificate, Instant now) {
        PGPPublicKey primary = certificate.getPublicKey();
        String primaryFpr = Fingerprint.of(primary.getFingerprint()).hex();
        List<KeyState> usable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (PGPPublicKey k : certificate) {
            KeyState state = KeyState.of(certificate, k);
            String problem = state.encryptionProblem(now);
            if (problem == null) {
                problem = algorithmProblem(k);
            }
            if (problem == null) {
                usable.add(state);
            } else {
                problems.add((k.isMasterKey() ? "key " + primaryFpr : "subkey " + Fingerprint.of(k.getFingerprint()))
                        + " (" + algorithmName(k) + ") " + problem);
            }
        }
        if (usable.isEmpty()) {
            boolean ed25519 = primary.getAlgorithm() == PublicKeyAlgorithmTags.EDDSA_LEGACY
                    || primary.getAlgorithm() == PublicKeyAlgorithmTags.Ed25519;
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": no key in it may encrypt: "
                    + String.join("; ", problems) + ". " + (ed25519 ? "Ed25519 is a signature algorithm and cannot"
                    + " encrypt. " : "") + "Add an encryption subkey ('gpg --quick-add-key " + primaryFpr
                    + " cv25519 encr', then export the public key again) or use a key that has one (gpg's default"
                    + " keys do)");
        }
        KeyState chosen = usable.stream().max(Comparator.comparing(KeyState::created)).orElseThrow();
        return new EncryptionKey(file, certificate, chosen.key(), chosen);
    }

    private static String algorithmProblem(PGPPublicKey k) {
        int a = k.getAlgorithm();
        boolean rsa = a == PublicKeyAlgorithmTags.RSA_GENERAL || a == PublicKeyAlgorithmTags.RSA_ENCRYPT;
        if (rsa) {
            return k.getBitStrength() < 2048 ? "is RSA-" + k.getBitStrength() + "; use RSA-2048 or more" : null;
        }
        if (a == PublicKeyAlgorithmTags.ECDH) {
            return null;
        }
        return "uses OpenPGP public-key algorithm " + a + ", which vainstall cannot encrypt to (RSA or ECDH, such as"
                + " Cv25519, can be)";
    }

    static String algorithmName(PGPPublicKey k) {
        return switch (k.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT,
                 PublicKeyAlgorithmTags.RSA_SIGN -> "rsa" + k.getBitStrength();
            case PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519 -> "ed25519";
            case PublicKeyAlgorithmTags.ECDH -> k.getBitStrength() == 256 ? "cv25519/ecdh256" : "ecdh"
                    + k.getBitStrength();
            case PublicKeyAlgorithmTags.X25519 -> "x25519";
            default -> "algorithm " + k.getAlgorithm();
        };
    }

    public Path source() {
        return source;
    }

    /** The key the message is encrypted to (usually a subkey). */
    public Fingerprint fingerprint() {
        return Fingerprint.of(key.getFingerprint());
    }

    /** The certificate's primary key, which people recognise. */
    public Fingerprint primaryFingerprint() {
        return Fingerprint.of(certificate.getPublicKey().getFingerprint());
    }

    public String userId() {
        return state.userId();
    }

    public String algorithmName() {
        return algorithmName(key);
    }

    PGPPublicKey publicKey() {
        return key;
    }

    /** Names the key for messages: primary fingerprint, user id, the encryption key. */
    public String describe() {
        return "key " + primaryFingerprint() + (userId().isEmpty() ? "" : " (" + userId() + ")")
                + (fingerprint().equals(primaryFingerprint()) ? "" : ", encryption subkey " + fingerprint())
                + " from " + source;
    }

    @Override
    public String toString() {
        return "EncryptionKey[" + algorithmName() + " " + fingerprint() + " of " + primaryFingerprint() + "]";
    }
}
