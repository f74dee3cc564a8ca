package org.vatools.core.pgp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * Makes the signatures a repository needs, one per signing key, with SHA-512 and a creation
 * time from the clock passed in (or given per call), so that a fixed clock (SOURCE_DATE_EPOCH)
 * gives byte-identical signatures: RSA (PKCS#1 v1.5) and Ed25519 signatures are deterministic.
 * A signature time before a key's creation or after its expiry is refused (INVALID_INPUT),
 * because gpgv would refuse the signature.
 */
public final class Signer {
    private static final int DOCUMENT_HASH = HashAlgorithmTags.SHA512;
    private final SigningKeys keys;
    private final Clock clock;

    public Signer(SigningKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys);
        this.clock = Objects.requireNonNull(clock);
    }

    /** {@link #clearSign(String, Instant)} at the clock's time. */
    public byte[] clearSign(String text) {
        return clearSign(text, clock.instant());
    }

    /**
     * A clear-signed document ({@code InRelease}): {@code -----BEGIN PGP SIGNED MESSAGE-----},
     * {@code Hash: SHA512}, the text (lines starting with '-' dash-escaped, trailing blanks
     * left out), then one armored signature block with a canonical-text signature per key. The
     * signature covers each line without trailing blanks, joined by CR LF, without the final line
     * ending; a verifier (and {@code gpgv --output}) gets the text back without trailing blanks
     * and with every line ending in LF.
     *
     * @param text UTF-8 text with LF (or CR LF) line endings; a lone CR is refused
     */
    public byte[] clearSign(String text, Instant signatureTime) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                throw new IllegalArgumentException("text to clear-sign has a carriage return inside a line"
                        + " (at byte " + i + "); gpg and OpenPGP libraries disagree on how to hash it");
            }
        }
        List<byte[]> lines = ClearText.lines(bytes);
        byte[] signed = ClearText.signedBytes(lines);
        ByteArrayOutputStream signatures = new ByteArrayOutputStream();
        for (SigningKey key : keys.keys()) {
            Bc.encode(sign(key, PGPSignature.CANONICAL_TEXT_DOCUMENT, DOCUMENT_HASH, signed, signatureTime), signatures);
        }
        return ClearText.document(lines, HashPolicy.name(DOCUMENT_HASH), Armor.armor(signatures.toByteArray()));
    }

    /** {@link #detachedSignature(byte[], Instant)} at the clock's time. */
    public byte[] detachedSignature(byte[] data) {
        return detachedSignature(data, clock.instant());
    }

    /**
     * A detached armored signature over {@code data} as binary ({@code Release.gpg},
     * {@code repomd.xml.asc}): one "PGP SIGNATURE" block with one signature per key.
     */
    public byte[] detachedSignature(byte[] data, Instant signatureTime) {
        ByteArrayOutputStream signatures = new ByteArrayOutputStream();
        for (SigningKey key : keys.keys()) {
            Bc.encode(sign(key, PGPSignature.BINARY_DOCUMENT, DOCUMENT_HASH, data, signatureTime), signatures);
        }
        return Armor.armor(signatures.toByteArray());
    }

    /**
     * One bare signature packet (binary, not armored, old packet format as gpg writes it) over
     * {@code data} as a binary document, with SHA-256, made at {@code signatureTime}: what an
     * rpm header signature holds (RPMSIGTAG_RSA for RSA keys, RPMSIGTAG_DSA for EdDSA keys; see
     * {@link SigningKey#openPgpAlgorithm()}). The hashed area carries the creation time, the
     * issuer key id and the issuer fingerprint.
     */
    public static byte[] signaturePacket(SigningKey key, byte[] data, Instant signatureTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bc.encode(sign(key, PGPSignature.BINARY_DOCUMENT, HashAlgorithmTags.SHA256, data, signatureTime), out);
        return out.toByteArray();
    }

    private static PGPSignature sign(SigningKey key, int type, int hash, byte[] data, Instant signatureTime) {
        Instant time = signatureTime.truncatedTo(ChronoUnit.SECONDS);
        if (time.isBefore(key.creationTime())) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, "cannot sign with " + key.describe() + " at "
                    + time + ": the key was created later, on " + key.creationTime()
                    + "; gpgv refuses such signatures (is SOURCE_DATE_EPOCH older than the key?)");
        }
        if (key.expirationTime().isPresent() && !time.isBefore(key.expirationTime().get())) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, "cannot sign with " + key.describe() + " at "
                    + time + ": the key expires on " + key.expirationTime().get());
        }
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.publicKey().getAlgorithm(), hash), key.publicKey());
            generator.init(type, key.privateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(time));
            hashed.setIssuerFingerprint(false, key.publicKey());
            hashed.setIssuerKeyID(false, key.keyId());
            generator.setHashedSubpackets(hashed.generate());
            generator.update(data);
            return generator.generate();
        } catch (PGPException e) {
            throw new IllegalStateException("signing with " + key.describe() + " failed: " + e.getMessage(), e);
        }
    }
}
