package org.vatools.core.pgp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Creates repository signing keys: one v4 primary key that certifies and signs (no subkeys),
 * with one user id whose positive self-signature uses SHA-512 and states the key flags,
 * preferred hashes SHA-512 and SHA-256, preferred ciphers AES-256 and AES-128, and the key
 * expiration. With a passphrase the secret key is encrypted with AES-256 under an iterated and
 * salted S2K with SHA-256 (S2K usage 254, as gpg 2.2 writes keys; that usage's integrity check is
 * SHA-1 by definition in RFC 4880 and is not a signature).
 *
 * <p>Generating an RSA-4096 key takes seconds; Ed25519 takes milliseconds.
 */
public final class KeyGenerator {
    /**
     * S2K iteration count byte 0xE0: 16,777,216 bytes hashed per unlock, about 0.2 s in Java here;
     * gpg calibrates its own count to about 0.1 s of C code. (0xFF, 65 MB, would cost every
     * publish about 0.7 s.)
     */
    private static final int S2K_COUNT = 0xE0;
    private final SecureRandom random;

    public KeyGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random);
    }

    /** Generates a key for {@code spec}; with {@link Passphrase#none()} the secret key is stored unprotected. */
    public GeneratedKey generate(KeySpec spec, Passphrase passphrase) {
        Date created = Date.from(spec.creationTime());
        try {
            PGPKeyPair keyPair = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, spec.algorithm().openPgpId(),
                    keyMaterial(spec.algorithm()), created);

            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, created);
            hashed.setIssuerFingerprint(false, keyPair.getPublicKey());
            hashed.setIssuerKeyID(false, keyPair.getKeyID());
            hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            hashed.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA256});
            hashed.setPreferredSymmetricAlgorithms(false,
                    new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128});
            hashed.setPreferredCompressionAlgorithms(false, new int[] {CompressionAlgorithmTags.ZLIB,
                CompressionAlgorithmTags.ZIP, CompressionAlgorithmTags.UNCOMPRESSED});
            hashed.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
            hashed.setPrimaryUserID(false, true);
            if (!spec.lifetime().isNever()) {
                hashed.setKeyExpirationTime(false, spec.lifetime().seconds());
            }

            PBESecretKeyEncryptor encryptor = null;
            if (passphrase.isPresent()) {
                encryptor = new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
                        Bc.digest(HashAlgorithmTags.SHA256), S2K_COUNT)
                        .setSecureRandom(random)
                        .build(passphrase.chars());
            }
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, keyPair,
                    spec.userId().toString(),
                    encryptor == null ? null : Bc.digest(HashAlgorithmTags.SHA1),
                    hashed.generate(), null,
                    new BcPGPContentSignerBuilder(spec.algorithm().openPgpId(), HashAlgorithmTags.SHA512),
                    encryptor);
            return new GeneratedKey(spec, rings.generateSecretKeyRing(), rings.generatePublicKeyRing(),
                    passphrase.isPresent());
        } catch (PGPException e) {
            throw new IllegalStateException("generating a " + spec.algorithm() + " key failed: " + e.getMessage(), e);
        }
    }

    private AsymmetricCipherKeyPair keyMaterial(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_4096 -> {
                RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
                generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), random, 4096, 112));
                yield generator.generateKeyPair();
            }
            case ED25519 -> {
                Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
                generator.init(new Ed25519KeyGenerationParameters(random));
                yield generator.generateKeyPair();
            }
        };
    }
}
