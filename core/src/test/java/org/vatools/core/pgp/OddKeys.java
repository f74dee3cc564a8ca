package org.vatools.core.pgp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/** Keys {@link KeyGenerator} never makes, built with BouncyCastle to test the refusals. */
final class OddKeys {
    private OddKeys() {
    }

    /** An Ed25519 key whose self-signature allows certifying only, as an armored secret key. */
    static byte[] certifyOnly() throws Exception {
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        Date created = Date.from(TestKeys.CREATED);
        PGPKeyPair pair = new BcPGPKeyPair(org.bouncycastle.bcpg.PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY, g.generateKeyPair(), created);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, created);
        hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair,
                "Certify Only <certify@archive.example.org>", null, hashed.generate(), null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA512), null);
        return Armor.armor(Bc.encode(rings.generateSecretKeyRing()));
    }

    /** A v4 key in the RFC 9580 Ed25519 encoding (algorithm 27), as an armored secret key. */
    static byte[] rfc9580Ed25519() throws Exception {
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        Date created = Date.from(TestKeys.CREATED);
        PGPKeyPair pair = new BcPGPKeyPair(org.bouncycastle.bcpg.PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.Ed25519, g.generateKeyPair(), created);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, created);
        hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair,
                "New Encoding <new@archive.example.org>", null, hashed.generate(), null,
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.Ed25519, HashAlgorithmTags.SHA512), null);
        return Armor.armor(Bc.encode(rings.generateSecretKeyRing()));
    }

    /** A bare version 6 public key (RFC 9580), as a binary keyring. */
    static byte[] version6PublicKey() throws Exception {
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        PGPKeyPair pair = new BcPGPKeyPair(6, PublicKeyAlgorithmTags.Ed25519, g.generateKeyPair(),
                Date.from(TestKeys.CREATED));
        return new org.bouncycastle.openpgp.PGPPublicKeyRing(List.of(pair.getPublicKey())).getEncoded();
    }

    /** An unprotected generated key with a key revocation signature added ("key retired"). */
    static byte[] revoked(GeneratedKey generated) throws Exception {
        PGPSecretKeyRing ring = (PGPSecretKeyRing) PgpFiles.objects(generated.armoredSecretKey()).get(0);
        PGPPublicKey pub = ring.getPublicKey();
        PGPPrivateKey priv = ring.getSecretKey().extractPrivateKey(
                new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(new char[0]));
        PGPSignatureGenerator gen = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA512), pub);
        gen.init(PGPSignature.KEY_REVOCATION, priv);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, Date.from(TestKeys.CREATED.plusSeconds(86_400)));
        hashed.setIssuerKeyID(false, pub.getKeyID());
        hashed.setRevocationReason(false, RevocationReasonTags.KEY_RETIRED, "replaced by a new key");
        gen.setHashedSubpackets(hashed.generate());
        PGPPublicKey revoked = PGPPublicKey.addCertification(pub, gen.generateCertification(pub));
        return Armor.armor(Bc.encode(PGPSecretKeyRing.insertOrReplacePublicKey(ring, revoked)));
    }

    /** The public part of {@link #revoked}, as a keyring. */
    static byte[] revokedPublic(byte[] revokedSecret) throws Exception {
        PGPSecretKeyRing ring = (PGPSecretKeyRing) PgpFiles.objects(revokedSecret).get(0);
        return Bc.encode(ring.toCertificate());
    }

    /** A detached signature over {@code data} made with {@code hash} (to test the hash policy). */
    static byte[] detachedWithHash(SigningKey key, int hash, byte[] data) throws Exception {
        PGPSignatureGenerator gen = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(key.publicKey().getAlgorithm(), hash), key.publicKey());
        gen.init(PGPSignature.BINARY_DOCUMENT, key.privateKey());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, Date.from(TestKeys.SIGNED));
        hashed.setIssuerKeyID(false, key.keyId());
        gen.setHashedSubpackets(hashed.generate());
        gen.update(data);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Bc.encode(gen.generate(), out);
        return Armor.armor(out.toByteArray());
    }

    static List<Object> objects(byte[] content) throws Exception {
        return new ArrayList<>(PgpFiles.objects(content));
    }
}
