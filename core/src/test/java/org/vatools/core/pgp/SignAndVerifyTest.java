package org.vatools.core.pgp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

class SignAndVerifyTest {
    static final String RELEASE = "Origin: Example\nLabel: Example  \n-----BEGIN PGP SIGNATURE-----\n"
            + "- dash and blank\t \n\nSHA256:\n 0123 10 main/binary-all/Packages\n";
    /** What is signed and given back: the text without trailing blanks. */
    static final String SIGNED_TEXT = RELEASE.replace("Example  \n", "Example\n").replace("blank\t \n", "blank\n");
    static final Clock AT_SIGNING = Clock.fixed(TestKeys.SIGNED, ZoneOffset.UTC);
    static final Clock LATER = Clock.fixed(TestKeys.SIGNED.plusSeconds(86_400), ZoneOffset.UTC);

    @TempDir
    static Path keyDir;
    static SigningKey rsa;
    static SigningKey ed25519;
    static SigningKey other;

    @BeforeAll
    static void loadKeys() {
        rsa = TestKeys.load(keyDir, TestKeys.rsa());
        ed25519 = TestKeys.load(keyDir, TestKeys.ed25519());
        other = TestKeys.load(keyDir, TestKeys.otherEd25519());
    }

    private static Signer signer(SigningKey... keys) {
        return new Signer(SigningKeys.of(List.of(keys)), AT_SIGNING);
    }

    private static SignatureVerifier verifier(SigningKey... keys) {
        return new SignatureVerifier(SigningKeys.of(List.of(keys)).publicKeyring(), LATER);
    }

    private static ApplianceException fails(ExitCode code, Executable call, String... expected) {
        ApplianceException e = assertThrows(ApplianceException.class, call);
        assertEquals(code, e.exitCode(), e.getMessage());
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "expected '" + s + "' in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void clearSignedTextRoundTripsForBothAlgorithms() {
        for (SigningKey key : List.of(rsa, ed25519)) {
            byte[] inRelease = signer(key).clearSign(RELEASE);
            String doc = new String(inRelease, UTF_8);
            assertTrue(doc.startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nOrigin: Example\n"), doc);
            assertTrue(doc.contains("\nLabel: Example\n- -----BEGIN PGP SIGNATURE-----\n- - dash and blank\n"), doc);
            ClearSignedText verified = verifier(key).verifyClearSigned(inRelease, "InRelease");
            assertEquals(SIGNED_TEXT, verified.text());
            assertEquals(List.of(key.fingerprint()), verified.signatures().signers());
            assertEquals(List.of(), verified.signatures().ignored());
        }
    }

    @Test
    void everyKeySignsTheSameBlockDuringARotation() throws Exception {
        byte[] inRelease = signer(rsa, ed25519).clearSign(RELEASE);
        String doc = new String(inRelease, UTF_8);
        assertEquals(1, doc.split("-----BEGIN PGP SIGNATURE-----\n\n", -1).length - 1, doc);
        assertEquals(2, signatures(ClearText.parse(inRelease, "x").signatureBlock()).size());
        assertEquals(List.of(rsa.fingerprint(), ed25519.fingerprint()),
                verifier(rsa, ed25519).verifyClearSigned(inRelease, "InRelease").signatures().signers());
        // a client that knows only the new key accepts it and names the other signature
        VerifiedSignatures onlyNew = verifier(ed25519).verifyClearSigned(inRelease, "InRelease").signatures();
        assertEquals(List.of(ed25519.fingerprint()), onlyNew.signers());
        assertEquals(1, onlyNew.ignored().size());
        assertTrue(onlyNew.ignored().get(0).contains(rsa.fingerprint().hex()), onlyNew.ignored().toString());
        assertTrue(onlyNew.ignored().get(0).contains("not in"), onlyNew.ignored().toString());
    }

    @Test
    void detachedSignaturesRoundTripWithOneSignaturePerKey() throws Exception {
        byte[] data = RELEASE.getBytes(UTF_8);
        byte[] releaseGpg = signer(rsa, ed25519).detachedSignature(data);
        assertTrue(new String(releaseGpg, UTF_8).startsWith("-----BEGIN PGP SIGNATURE-----\n\n"));
        List<PGPSignature> sigs = signatures(releaseGpg);
        assertEquals(2, sigs.size());
        for (PGPSignature sig : sigs) {
            assertEquals(PGPSignature.BINARY_DOCUMENT, sig.getSignatureType());
            assertEquals(HashAlgorithmTags.SHA512, sig.getHashAlgorithm());
            assertEquals(TestKeys.SIGNED, sig.getCreationTime().toInstant());
        }
        assertEquals(List.of(rsa.fingerprint(), ed25519.fingerprint()),
                verifier(rsa, ed25519).verifyDetached(data, releaseGpg, "Release.gpg").signers());
    }

    @Test
    void aChangedTextIsRefusedNamingTheFileAndKey() {
        byte[] inRelease = signer(ed25519).clearSign(RELEASE);
        byte[] tampered = new String(inRelease, UTF_8).replace("Origin: Example", "Origin: Evil").getBytes(UTF_8);
        fails(ExitCode.VERIFICATION_FAILED,
                () -> verifier(ed25519).verifyClearSigned(tampered, "dists/stable/InRelease"),
                "dists/stable/InRelease: BAD signature by key " + ed25519.fingerprint(), "Test Ed25519 Archive");
        byte[] data = RELEASE.getBytes(UTF_8);
        byte[] sig = signer(rsa).detachedSignature(data);
        data[3] ^= 1;
        fails(ExitCode.VERIFICATION_FAILED, () -> verifier(rsa).verifyDetached(data, sig, "Release.gpg"),
                "Release.gpg: BAD signature by key " + rsa.fingerprint());
    }

    @Test
    void trailingBlanksAndLineEndingsAreNotPartOfTheSignature() {
        byte[] inRelease = signer(ed25519).clearSign("a\nb\n");
        byte[] withBlanks = new String(inRelease, UTF_8).replace("\na\nb\n", "\na  \r\nb\t\r\n").getBytes(UTF_8);
        assertEquals("a\nb\n", verifier(ed25519).verifyClearSigned(withBlanks, "InRelease").text());
    }

    @Test
    void aBadSignatureFailsEvenBesideAGoodOne() throws Exception {
        byte[] data = RELEASE.getBytes(UTF_8);
        byte[] good = signer(ed25519).detachedSignature(data);
        byte[] forOther = signer(rsa).detachedSignature("other content".getBytes(UTF_8));
        java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
        for (PGPSignature s : signatures(good)) {
            Bc.encode(s, both);
        }
        for (PGPSignature s : signatures(forOther)) {
            Bc.encode(s, both);
        }
        fails(ExitCode.VERIFICATION_FAILED,
                () -> verifier(rsa, ed25519).verifyDetached(data, both.toByteArray(), "Release.gpg"),
                "BAD signature by key " + rsa.fingerprint());
    }

    @Test
    void aSignatureByAnUnknownKeyIsRefused() {
        byte[] inRelease = signer(other).clearSign(RELEASE);
        fails(ExitCode.VERIFICATION_FAILED, () -> verifier(rsa, ed25519).verifyClearSigned(inRelease, "InRelease"),
                "InRelease: no valid signature by a key in", rsa.fingerprint().hex(), ed25519.fingerprint().hex(),
                "signature by key " + other.fingerprint() + ": the key is not in");
    }

    @Test
    void sha1SignaturesAreRefused() throws Exception {
        byte[] data = RELEASE.getBytes(UTF_8);
        byte[] sha1 = OddKeys.detachedWithHash(ed25519, HashAlgorithmTags.SHA1, data);
        fails(ExitCode.VERIFICATION_FAILED, () -> verifier(ed25519).verifyDetached(data, sha1, "Release.gpg"),
                "uses SHA1, which is refused");
        byte[] sha256 = OddKeys.detachedWithHash(ed25519, HashAlgorithmTags.SHA256, data);
        verifier(ed25519).verifyDetached(data, sha256, "Release.gpg");
    }

    @Test
    void anExpiredKeyDoesNotCount() {
        SigningKey expired = SecretKeyFile.load(TestKeys.write(keyDir.resolve("exp"), TestKeys.expired()).secretKey(),
                Passphrase.none(), Instant.parse("2020-01-10T00:00:00Z"));
        Signer then = new Signer(SigningKeys.of(List.of(expired)), Clock.fixed(Instant.parse("2020-01-10T00:00:00Z"),
                ZoneOffset.UTC));
        byte[] inRelease = then.clearSign(RELEASE);
        SignatureVerifier back = new SignatureVerifier(SigningKeys.of(List.of(expired)).publicKeyring(),
                Clock.fixed(Instant.parse("2020-01-11T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(SIGNED_TEXT, back.verifyClearSigned(inRelease, "InRelease").text());
        fails(ExitCode.VERIFICATION_FAILED,
                () -> new SignatureVerifier(SigningKeys.of(List.of(expired)).publicKeyring(), LATER)
                        .verifyClearSigned(inRelease, "InRelease"),
                "key " + expired.fingerprint(), "expired on 2020-01-31T00:00:00Z");
        // signing after the key expired is refused at signing time
        fails(ExitCode.INVALID_INPUT, () -> new Signer(SigningKeys.of(List.of(expired)), LATER).clearSign(RELEASE),
                "the key expires on 2020-01-31T00:00:00Z");
    }

    @Test
    void aRevokedKeyDoesNotCount() throws Exception {
        GeneratedKey fresh = TestKeys.cached("to-revoke", KeyAlgorithm.ED25519, "Revoked", TestKeys.CREATED,
                KeyLifetime.NEVER, false);
        SigningKey key = TestKeys.load(keyDir.resolve("rev"), fresh);
        byte[] data = RELEASE.getBytes(UTF_8);
        byte[] sig = signer(key).detachedSignature(data);
        PublicKeyring revoked = PublicKeyring.parse(OddKeys.revokedPublic(OddKeys.revoked(fresh)), "revoked.gpg");
        fails(ExitCode.VERIFICATION_FAILED, () -> new SignatureVerifier(revoked, LATER).verifyDetached(data, sig, "Release.gpg"),
                "the key is revoked", "replaced by a new key");
    }

    @Test
    void signaturesBeforeTheKeyExistedAreRefusedWhenSigning() {
        Signer early = new Signer(SigningKeys.of(List.of(ed25519)), Clock.fixed(Instant.parse("2024-12-31T23:59:59Z"),
                ZoneOffset.UTC));
        fails(ExitCode.INVALID_INPUT, () -> early.detachedSignature(new byte[1]),
                "the key was created later, on 2025-01-01T00:00:00Z", "SOURCE_DATE_EPOCH");
    }

    @Test
    void aFixedTimeGivesByteIdenticalSignatures() {
        Signer a = signer(rsa, ed25519);
        Signer b = new Signer(SigningKeys.of(List.of(rsa, ed25519)), LATER);
        assertArrayEquals(a.clearSign(RELEASE), b.clearSign(RELEASE, TestKeys.SIGNED));
        assertArrayEquals(a.detachedSignature(new byte[] {1, 2}), b.detachedSignature(new byte[] {1, 2}, TestKeys.SIGNED));
        assertFalse(java.util.Arrays.equals(a.detachedSignature(new byte[] {1, 2}), b.detachedSignature(new byte[] {1, 2})));
    }

    @Test
    void rawSignaturePacketsForRpmHeaders() throws Exception {
        byte[] header = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 1, 0, 0, 0, 0, 42};
        Instant fixed = Instant.parse("2026-01-02T03:04:05Z");
        for (SigningKey key : List.of(rsa, ed25519)) {
            byte[] packet = Signer.signaturePacket(key, header, fixed);
            assertEquals(0x88, packet[0] & 0xFC, "old-format signature packet, as gpg writes it");
            assertArrayEquals(packet, Signer.signaturePacket(key, header, fixed));
            PGPSignature sig = signatures(packet).get(0);
            assertEquals(HashAlgorithmTags.SHA256, sig.getHashAlgorithm());
            assertEquals(PGPSignature.BINARY_DOCUMENT, sig.getSignatureType());
            assertEquals(fixed, sig.getCreationTime().toInstant());
            assertEquals(key.keyId(), sig.getHashedSubPackets().getIssuerKeyID());
            assertEquals(List.of(key.fingerprint()),
                    verifier(key).verifyDetached(header, packet, "rpm header").signers());
        }
    }

    @Test
    void aHashHeaderThatDoesNotMatchIsRefused() {
        byte[] inRelease = signer(ed25519).clearSign(RELEASE);
        byte[] lying = new String(inRelease, UTF_8).replace("Hash: SHA512", "Hash: SHA256").getBytes(UTF_8);
        fails(ExitCode.VERIFICATION_FAILED, () -> verifier(ed25519).verifyClearSigned(lying, "InRelease"),
                "uses SHA512 but the header says 'Hash: SHA256'");
    }

    @Test
    void aDetachedSignatureIsNotAClearSignature() {
        byte[] data = RELEASE.getBytes(UTF_8);
        byte[] textSig = ClearText.parse(signer(ed25519).clearSign(RELEASE), "x").signatureBlock();
        fails(ExitCode.VERIFICATION_FAILED, () -> verifier(ed25519).verifyDetached(data, textSig, "Release.gpg"),
                "is of type canonical text (0x01), expected binary document (0x00)");
        fails(ExitCode.VERIFICATION_FAILED, () -> verifier(ed25519).verifyDetached(data, "junk".getBytes(UTF_8), "Release.gpg"),
                "Release.gpg: the signature cannot be read");
    }

    @Test
    void aLoneCarriageReturnCannotBeClearSigned() {
        assertThrows(IllegalArgumentException.class, () -> signer(ed25519).clearSign("a\rb\n"));
    }

    static List<PGPSignature> signatures(byte[] block) throws Exception {
        List<PGPSignature> out = new java.util.ArrayList<>();
        for (Object o : PgpFiles.objects(block)) {
            ((PGPSignatureList) o).forEach(out::add);
        }
        return out;
    }
}
