package org.vatools.core.pgp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * Loads a signing key from a secret key file ({@code signing-key.asc} from {@code repo-tools
 * keygen}, or {@code gpg --export-secret-keys [--armor]} output). The file holds one key
 * (certificate); its signing key is the primary key when that may sign, else its newest valid
 * signing subkey.
 *
 * <p>Every failure is an {@link ApplianceException} whose message starts with the file name:
 * NOT_FOUND (no such file), ENVIRONMENT (unreadable), INVALID_INPUT (not an OpenPGP secret key,
 * a public key, several keys, wrong or missing passphrase, expired, revoked, no signing
 * capability, an algorithm other than RSA-2048+ or legacy EdDSA).
 */
public final class SecretKeyFile {
    /** RSA "sign only" (algorithm 3): deprecated, still found in old keys. */
    private static final int RSA_SIGN_ONLY = 3;

    private SecretKeyFile() {
    }

    /**
     * @param passphrase what unlocks the key when it is protected; {@link Passphrase#none()} otherwise
     * @param now        the time the key must be valid at (not expired, created before)
     */
    public static SigningKey load(Path file, Passphrase passphrase, Instant now) {
        byte[] content = PgpFiles.read(file, "secret key file");
        PGPSecretKeyRing ring = singleSecretRing(file, content);
        PGPPublicKeyRing certificate = ring.toCertificate();
        String primaryFpr = Fingerprint.of(ring.getPublicKey().getFingerprint()).hex();

        List<String> problems = new ArrayList<>();
        List<KeyState> usable = new ArrayList<>();
        for (PGPPublicKey key : certificate) {
            KeyState state = KeyState.of(certificate, key);
            if (!key.isMasterKey() && !state.canSign()) {
                continue;
            }
            String problem = state.problem(now, now);
            PGPSecretKey secret = ring.getSecretKey(key.getKeyID());
            if (problem == null && (secret == null || secret.isPrivateKeyEmpty())) {
                problem = "has no secret part in this file (a gpg stub? export the key with"
                        + " 'gpg --export-secret-keys')";
            }
            if (problem == null) {
                usable.add(state);
            } else {
                problems.add((key.isMasterKey() ? "key " + primaryFpr : "subkey "
                        + Fingerprint.of(key.getFingerprint())) + " " + problem);
            }
        }
        if (usable.isEmpty()) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": cannot sign with this key: "
                    + String.join("; ", problems)
                    + (problems.stream().anyMatch(p -> p.contains("expired"))
                        ? "; create a new key with 'repo-tools keygen' (or extend the expiry with gpg --quick-set-expire)"
                        : ""));
        }
        KeyState chosen = usable.stream().max(Comparator.comparing(KeyState::created)).orElseThrow();
        PGPPublicKey publicKey = chosen.key();
        checkAlgorithm(file, publicKey);
        PGPSecretKey secretKey = ring.getSecretKey(publicKey.getKeyID());
        PGPPrivateKey privateKey = unlock(file, secretKey, passphrase);
        SigningKey key = new SigningKey(file, certificate, publicKey, privateKey, chosen);
        checkKeyMatches(key);
        return key;
    }

    static PGPSecretKeyRing singleSecretRing(Path file, byte[] content) {
        List<Object> objects;
        try {
            objects = PgpFiles.objects(content);
        } catch (IOException e) {
            throw notASecretKey(file, e.getMessage());
        }
        List<PGPSecretKeyRing> rings = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof PGPSecretKeyRing ring) {
                rings.add(ring);
            } else if (o instanceof PGPSecretKeyRingCollection collection) {
                collection.forEach(rings::add);
            } else if (o instanceof PGPPublicKeyRing || o instanceof PGPPublicKeyRingCollection) {
                throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": holds a public key, not a secret"
                        + " key; give the secret key file (signing-key.asc from 'repo-tools keygen', or"
                        + " 'gpg --export-secret-keys --armor KEYID' output)");
            } else {
                throw notASecretKey(file, "it holds " + o.getClass().getSimpleName().replace("PGP", "an OpenPGP "));
            }
        }
        if (rings.isEmpty()) {
            throw notASecretKey(file, "it holds no key");
        }
        if (rings.size() > 1) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": holds " + rings.size()
                    + " secret keys; put each key in its own file and name every file (one key per file)");
        }
        return PublicKeyring.requireVersion4(rings.get(0), file.toString());
    }

    private static ApplianceException notASecretKey(Path file, String why) {
        return new ApplianceException(ExitCode.INVALID_INPUT, file + ": not an OpenPGP secret key (" + why
                + "); expected signing-key.asc from 'repo-tools keygen' or 'gpg --export-secret-keys' output");
    }

    private static void checkAlgorithm(Path file, PGPPublicKey key) {
        int algorithm = key.getAlgorithm();
        boolean rsa = algorithm == PublicKeyAlgorithmTags.RSA_GENERAL || algorithm == RSA_SIGN_ONLY;
        if (rsa && key.getBitStrength() < 2048) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": key " + Fingerprint.of(key.getFingerprint())
                    + " is RSA-" + key.getBitStrength() + "; repository keys need RSA-2048 or more (rsa4096 recommended)");
        }
        if (!rsa && algorithm != PublicKeyAlgorithmTags.EDDSA_LEGACY) {
            String hint = algorithm == PublicKeyAlgorithmTags.Ed25519
                    ? " (the RFC 9580 Ed25519 encoding, algorithm 27, which gpg 2.2 on Debian 12 shows as invalid)"
                    : " (OpenPGP public-key algorithm " + algorithm + ")";
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": key " + Fingerprint.of(key.getFingerprint())
                    + " uses an algorithm that apt (gpgv 2.2) and rpm do not all verify" + hint
                    + "; use an RSA or a legacy-EdDSA Ed25519 key, as 'repo-tools keygen' makes");
        }
    }

    static PGPPrivateKey unlock(Path file, PGPSecretKey secretKey, Passphrase passphrase) {
        String fpr = Fingerprint.of(secretKey.getPublicKey().getFingerprint()).hex();
        boolean isProtected = secretKey.getS2KUsage() != SecretKeyPacket.USAGE_NONE;
        if (isProtected && !passphrase.isPresent()) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": key " + fpr + " is protected by a"
                    + " passphrase; give it through an environment variable or a file"
                    + " (--passphrase-env VAR or --passphrase-file FILE)");
        }
        char[] chars = isProtected ? passphrase.chars() : new char[0];
        PBESecretKeyDecryptor decryptor = new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                .build(chars);
        try {
            PGPPrivateKey key = secretKey.extractPrivateKey(decryptor);
            if (key == null) {
                throw new PGPException("no secret key material");
            }
            return key;
        } catch (PGPException | RuntimeException e) {
            if (isProtected) {
                throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": wrong passphrase for key " + fpr
                        + " (from " + passphrase.source() + "), or the key file is damaged", e);
            }
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": the secret part of key " + fpr
                    + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Signs a probe and verifies it with the public key, so a damaged secret key fails here, not in gpgv. */
    private static void checkKeyMatches(SigningKey key) {
        try {
            byte[] probe = ("key check " + key.fingerprint()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.publicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    key.publicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, key.privateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(key.creationTime()));
            generator.setHashedSubpackets(hashed.generate());
            generator.update(probe);
            PGPSignature signature = generator.generate();
            signature.init(Bc.VERIFIERS, key.publicKey());
            signature.update(probe);
            if (signature.verify()) {
                return;
            }
        } catch (PGPException | RuntimeException e) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, key.source() + ": the secret part of key "
                    + key.fingerprint() + " does not work: " + e.getMessage(), e);
        }
        throw new ApplianceException(ExitCode.INVALID_INPUT, key.source() + ": the secret part of key "
                + key.fingerprint() + " does not match its public key; the file is damaged");
    }
}
