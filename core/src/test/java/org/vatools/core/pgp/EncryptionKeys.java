package org.vatools.core.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Keys with an encryption subkey, made with BouncyCastle for the encryption tests: an RSA-2048
 * primary key with an RSA-2048 encryption subkey, and an Ed25519 primary key with a Cv25519
 * (ECDH over Curve25519) subkey, the shape of gpg's default keys.
 */
final class EncryptionKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Date CREATED = Date.from(TestKeys.CREATED);

    /** Armored secret and public key. */
    record Made(byte[] secret, byte[] publicKey) {
    }

    private EncryptionKeys() {
    }

    static Made rsaWithEncryptionSubkey(String passphrase) throws Exception {
        return make(PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), PublicKeyAlgorithmTags.RSA_GENERAL, rsa(),
                "RSA Backup <rsa@backup.example.org>", passphrase);
    }

    static Made ed25519WithCv25519Subkey(String passphrase) throws Exception {
        Ed25519KeyPairGenerator ed = new Ed25519KeyPairGenerator();
        ed.init(new Ed25519KeyGenerationParameters(RANDOM));
        X25519KeyPairGenerator x = new X25519KeyPairGenerator();
        x.init(new X25519KeyGenerationParameters(RANDOM));
        return make(PublicKeyAlgorithmTags.EDDSA_LEGACY, ed.generateKeyPair(), PublicKeyAlgorithmTags.ECDH,
                x.generateKeyPair(), "Cv25519 Backup <cv@backup.example.org>", passphrase);
    }

    private static AsymmetricCipherKeyPair rsa() {
        RSAKeyPairGenerator g = new RSAKeyPairGenerator();
        g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), RANDOM, 2048, 112));
        return g.generateKeyPair();
    }

    private static Made make(int primaryAlgorithm, AsymmetricCipherKeyPair primaryMaterial, int subAlgorithm,
                             AsymmetricCipherKeyPair subMaterial, String userId, String passphrase) throws Exception {
        PGPKeyPair primary = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, primaryAlgorithm, primaryMaterial, CREATED);
        PGPKeyPair sub = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, subAlgorithm, subMaterial, CREATED);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, CREATED);
        hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        PGPSignatureSubpacketGenerator subHashed = new PGPSignatureSubpacketGenerator();
        subHashed.setSignatureCreationTime(false, CREATED);
        subHashed.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                Bc.digest(HashAlgorithmTags.SHA1), hashed.generate(), null,
                new BcPGPContentSignerBuilder(primaryAlgorithm, HashAlgorithmTags.SHA512),
                passphrase == null ? null : new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
                        Bc.digest(HashAlgorithmTags.SHA256), 0x60).setSecureRandom(RANDOM).build(passphrase.toCharArray()));
        rings.addSubKey(sub, subHashed.generate(), null);
        return new Made(Armor.armor(secret(rings)), Armor.armor(Bc.encode(rings.generatePublicKeyRing())));
    }

    private static byte[] secret(PGPKeyRingGenerator rings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rings.generateSecretKeyRing().encode(out);
        return out.toByteArray();
    }
}
