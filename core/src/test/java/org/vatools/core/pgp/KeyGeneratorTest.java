package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.Test;

class KeyGeneratorTest {
    private static PGPPublicKeyRing publicRing(GeneratedKey key) throws Exception {
        List<Object> objects = PgpFiles.objects(key.armoredPublicKey());
        assertEquals(1, objects.size());
        return (PGPPublicKeyRing) objects.get(0);
    }

    private static PGPSecretKeyRing secretRing(GeneratedKey key) throws Exception {
        return (PGPSecretKeyRing) PgpFiles.objects(key.armoredSecretKey()).get(0);
    }

    private static List<PGPSignature> selfSignatures(PGPPublicKey key) {
        List<PGPSignature> sigs = new ArrayList<>();
        for (Iterator<PGPSignature> it = key.getSignatures(); it.hasNext(); ) {
            sigs.add(it.next());
        }
        return sigs;
    }

    @Test
    void ed25519UsesTheLegacyEdDsaEncodingThatGpg22Reads() throws Exception {
        PGPPublicKey key = publicRing(TestKeys.ed25519()).getPublicKey();
        assertEquals(PublicKeyAlgorithmTags.EDDSA_LEGACY, key.getAlgorithm());
        assertEquals(22, key.getAlgorithm());
        assertEquals(4, key.getVersion());
        // legacy EdDSA: the point is an MPI with the 0x40 prefix after the Ed25519 curve OID
        byte[] packet = key.getPublicKeyPacket().getEncodedContents();
        byte[] ed25519Oid = {0x09, 0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0xDA, 0x47, 0x0F, 0x01};
        assertArrayEquals(ed25519Oid, java.util.Arrays.copyOfRange(packet, 6, 16));
        assertEquals(0x40, packet[18] & 0xFF);
    }

    @Test
    void rsaKeysHave4096Bits() throws Exception {
        PGPPublicKey key = publicRing(TestKeys.rsa()).getPublicKey();
        assertEquals(PublicKeyAlgorithmTags.RSA_GENERAL, key.getAlgorithm());
        assertEquals(4096, key.getBitStrength());
    }

    @Test
    void theSelfSignatureUsesSha512AndStatesFlagsPreferencesAndExpiry() throws Exception {
        GeneratedKey generated = TestKeys.expired();
        PGPPublicKey key = publicRing(generated).getPublicKey();
        List<String> ids = new ArrayList<>();
        key.getUserIDs().forEachRemaining(ids::add);
        assertEquals(List.of("Expired Archive <expired@archive.example.org>"), ids);
        List<PGPSignature> sigs = selfSignatures(key);
        assertEquals(1, sigs.size());
        PGPSignature self = sigs.get(0);
        assertEquals(PGPSignature.POSITIVE_CERTIFICATION, self.getSignatureType());
        assertEquals(HashAlgorithmTags.SHA512, self.getHashAlgorithm());
        assertEquals(KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA, self.getHashedSubPackets().getKeyFlags());
        assertArrayEquals(new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA256},
                self.getHashedSubPackets().getPreferredHashAlgorithms());
        assertEquals(30 * 86_400L, self.getHashedSubPackets().getKeyExpirationTime());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), self.getCreationTime().toInstant());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), key.getCreationTime().toInstant());
        self.init(Bc.VERIFIERS, key);
        assertTrue(self.verifyCertification(ids.get(0), key));
    }

    @Test
    void aNeverExpiringKeyHasNoExpirationSubpacket() throws Exception {
        PGPSignature self = selfSignatures(publicRing(TestKeys.ed25519()).getPublicKey()).get(0);
        assertEquals(0, self.getHashedSubPackets().getKeyExpirationTime());
    }

    @Test
    void aPassphraseProtectsTheSecretKeyWithAes256AndIteratedSaltedSha256() throws Exception {
        PGPSecretKey secret = secretRing(TestKeys.ed25519()).getSecretKey();
        assertEquals(SecretKeyPacket.USAGE_SHA1, secret.getS2KUsage());
        assertEquals(SymmetricKeyAlgorithmTags.AES_256, secret.getKeyEncryptionAlgorithm());
        assertEquals(S2K.SALTED_AND_ITERATED, secret.getS2K().getType());
        assertEquals(HashAlgorithmTags.SHA256, secret.getS2K().getHashAlgorithm());
        assertTrue(TestKeys.ed25519().passphraseProtected());
    }

    @Test
    void withoutPassphraseTheSecretKeyIsStoredInTheClear() throws Exception {
        PGPSecretKey secret = secretRing(TestKeys.otherEd25519()).getSecretKey();
        assertEquals(SecretKeyPacket.USAGE_NONE, secret.getS2KUsage());
        assertFalse(TestKeys.otherEd25519().passphraseProtected());
    }

    @Test
    void armorHasNoVersionHeaderAndTheRightBlockTypes() {
        GeneratedKey key = TestKeys.otherEd25519();
        String secret = new String(key.armoredSecretKey(), StandardCharsets.US_ASCII);
        String pub = new String(key.armoredPublicKey(), StandardCharsets.US_ASCII);
        assertTrue(secret.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n"), secret);
        assertTrue(pub.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"), pub);
        assertTrue(pub.endsWith("-----END PGP PUBLIC KEY BLOCK-----\n"), pub);
        // the binary keyring starts with an old-format public key packet, as gpg --export writes
        assertEquals(0x98, key.binaryPublicKey()[0] & 0xFC);
    }

    @Test
    void twoGenerationsGiveTwoKeys() {
        KeySpec spec = new KeySpec(new UserId("A", ""), KeyAlgorithm.ED25519, TestKeys.CREATED, KeyLifetime.NEVER);
        KeyGenerator generator = new KeyGenerator(new SecureRandom());
        assertFalse(generator.generate(spec, Passphrase.none()).fingerprint()
                .equals(generator.generate(spec, Passphrase.none()).fingerprint()));
    }
}
