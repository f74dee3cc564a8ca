package org.vatools.repotools.publish.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.Fingerprint;
import org.vatools.core.pgp.Signer;
import org.vatools.core.pgp.SigningKey;
import org.vatools.core.pgp.SigningKeys;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.io.PackageProblems;
import org.vatools.core.pkg.rpm.RpmHashAlgorithm;
import org.vatools.core.pkg.rpm.RpmHeader;
import org.vatools.core.pkg.rpm.RpmLayout;
import org.vatools.core.pkg.rpm.RpmPackage;
import org.vatools.core.pkg.rpm.RpmSignatureTag;

/**
 * Re-signs an rpm with the repository's keys without touching its main header or payload: the
 * copy is the original lead, a new signature header, zero padding to a multiple of 8, then the
 * original bytes from the main header to the end of the file.
 *
 * <p>The new signature header holds the OpenPGP header signature(s) over the main header
 * (RSA keys in RPMSIGTAG_RSA 268, EdDSA keys in RPMSIGTAG_DSA 267, SHA-256, as rpmsign does), the
 * SHA-256 header digest (273, computed), and the size tags of the original (SIZE 1000 or LONGSIZE
 * 270, PAYLOADSIZE 1007, LONGARCHIVESIZE 271; SIZE is computed when the original has neither) and
 * its IMA file signatures (274 to 277) when it has them. The SHA-1 header digest (269), the MD5
 * digest (1004), the legacy header+payload signatures (1002, 1005), old header signatures and
 * reserved space (1008) are dropped: FIPS hosts refuse SHA-1 and MD5, and nothing else needs them.
 *
 * <p>Packages are signed by the first of the repository's keys only. An rpm could carry one RSA
 * and one EdDSA signature, but rpm then needs both keys: with one of them missing, {@code rpm -K}
 * reports NOKEY and fails although the other signature is good (tested). During a key rotation,
 * give first the key clients already have.
 *
 * <p>The signature time is fixed by the package, so re-publishing the same package with the same
 * key gives the same bytes: the package's BUILDTIME, or the key's creation time when the package
 * was built before the key existed (a signature may not predate its key; rpm and gpg refuse that).
 *
 * <p>The original is checked while it is copied: its recorded SHA-256 (or SHA-1) header digest,
 * its payload digest (or, for packages without one, its MD5 digest) and its recorded size must
 * match, so a damaged package is refused instead of being signed.
 */
public final class RpmSigner {
    private static final int COPY_BUFFER = 64 * 1024;
    private static final int[] KEPT_TAGS = {RpmSignatureTag.LONGSIZE, RpmSignatureTag.LONGARCHIVESIZE,
        RpmSignatureTag.FILESIGNATURES, RpmSignatureTag.FILESIGNATURELENGTH, RpmSignatureTag.VERITYSIGNATURES,
        RpmSignatureTag.VERITYSIGNATUREALGO, RpmSignatureTag.SIZE, RpmSignatureTag.PAYLOADSIZE};

    private final List<SigningKey> keys;

    public RpmSigner(SigningKeys signingKeys) {
        this.keys = List.of(signingKeys.keys().get(0));
    }

    /** The key that signs packages: the first of the repository's keys. */
    public List<SigningKey> keys() {
        return keys;
    }

    /** Fingerprints of {@link #keys()}: recorded per package, so a change of key re-signs. */
    public List<String> signerFingerprints() {
        return keys.stream().map(SigningKey::fingerprint).map(Fingerprint::hex).toList();
    }

    private static boolean isEdDsa(SigningKey key) {
        return key.openPgpAlgorithm() == PublicKeyAlgorithmTags.EDDSA_LEGACY;
    }

    /** The signature time for {@code rpm} and {@code key}: BUILDTIME, but never before the key's creation. */
    public static Instant signatureTime(RpmPackage rpm, SigningKey key) {
        Instant created = key.creationTime();
        OptionalLong built = rpm.buildTime();
        if (built.isEmpty() || Instant.ofEpochSecond(built.getAsLong()).isBefore(created)) {
            return created;
        }
        return Instant.ofEpochSecond(built.getAsLong());
    }

    /** The SHA-256 of the main header as rpm computes it (tag 273): over the header's bytes from its magic. */
    public static String headerSha256(RpmPackage rpm) {
        MessageDigest sha = DigestAlgorithm.SHA256.newDigest();
        sha.update(rpm.header().bytes());
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Writes the signed copy of {@code rpm}, which was read from {@code input}, to {@code out}.
     *
     * @throws org.vatools.core.InvalidInputException when the original is damaged (digests or size do not match)
     */
    public SignedRpm sign(RpmPackage rpm, Path input, OutputStream out) throws IOException {
        String source = rpm.source();
        byte[] header = rpm.header().bytes();
        String headerSha256 = headerSha256(rpm);
        checkHeaderDigest(rpm, header, headerSha256);
        RpmLayout layout = rpm.layout();
        long headerAndPayload = layout.fileSize() - layout.headerStart();
        OptionalLong recorded = rpm.signatures().headerAndPayloadSize();
        if (recorded.isPresent() && recorded.getAsLong() != headerAndPayload) {
            throw PackageProblems.invalid(source, "the signature header records " + recorded.getAsLong()
                    + " bytes of header and payload, but the file has " + headerAndPayload
                    + " after the signature header; the file is damaged or has bytes appended");
        }

        SignatureHeaderWriter sig = new SignatureHeaderWriter();
        RpmHeader original = rpm.signatureHeader();
        for (int tag : KEPT_TAGS) {
            if (original.has(tag)) {
                sig.copy(original, tag);
            }
        }
        if (!original.has(RpmSignatureTag.SIZE) && !original.has(RpmSignatureTag.LONGSIZE)) {
            if (headerAndPayload > 0xFFFFFFFFL) {
                sig.int64(RpmSignatureTag.LONGSIZE, headerAndPayload);
            } else {
                sig.int32(RpmSignatureTag.SIZE, headerAndPayload);
            }
        }
        sig.string(RpmSignatureTag.SHA256, headerSha256);
        List<String> signers = new ArrayList<>();
        for (SigningKey key : keys) {
            Instant time = signatureTime(rpm, key);
            byte[] packet;
            try {
                packet = Signer.signaturePacket(key, header, time);
            } catch (ApplianceException e) {
                throw new ApplianceException(e.exitCode(), source + ": " + e.getMessage(), e);
            }
            sig.bin(isEdDsa(key) ? RpmSignatureTag.DSA : RpmSignatureTag.RSA, packet);
            signers.add(key.fingerprint().hex());
        }
        byte[] signatureHeader = sig.toBytes();
        int padding = (8 - signatureHeader.length % 8) % 8;

        MessageDigest fileSha = DigestAlgorithm.SHA256.newDigest();
        DigestingOutput digesting = new DigestingOutput(out, fileSha);
        digesting.write(rpm.leadBytes());
        digesting.write(signatureHeader);
        digesting.write(new byte[padding]);
        long newHeaderStart = digesting.count();
        copyAndCheckPayload(rpm, input, digesting);
        long size = digesting.count();
        return new SignedRpm(HexFormat.of().formatHex(fileSha.digest()), size, newHeaderStart,
                newHeaderStart + header.length, headerSha256, List.copyOf(signers));
    }

    private static void checkHeaderDigest(RpmPackage rpm, byte[] header, String sha256) {
        Optional<String> recorded = rpm.signatures().headerSha256();
        if (recorded.isPresent()) {
            if (!recorded.get().equals(sha256)) {
                throw PackageProblems.invalid(rpm.source(), "the main header does not match its recorded SHA-256"
                        + " digest (recorded " + recorded.get() + ", computed " + sha256 + "); the package is damaged");
            }
            return;
        }
        Optional<String> sha1 = rpm.signatures().headerSha1();
        if (sha1.isPresent()) {
            MessageDigest d = DigestAlgorithm.SHA1.newDigest();
            d.update(header);
            String computed = HexFormat.of().formatHex(d.digest());
            if (!sha1.get().equals(computed)) {
                throw PackageProblems.invalid(rpm.source(), "the main header does not match its recorded SHA-1"
                        + " digest; the package is damaged");
            }
        }
    }

    /**
     * Copies the main header and payload from the original into {@code out}, checking the
     * payload digest (or MD5 over header and payload) on the way.
     */
    private static void copyAndCheckPayload(RpmPackage rpm, Path input, DigestingOutput out) throws IOException {
        RpmLayout layout = rpm.layout();
        String source = rpm.source();
        Optional<String> payloadDigest = rpm.payloadDigest();
        Optional<RpmHashAlgorithm> payloadAlgo = rpm.payloadDigestAlgorithm();
        MessageDigest payloadHash = null;
        if (payloadDigest.isPresent()) {
            RpmHashAlgorithm algo = payloadAlgo.orElse(RpmHashAlgorithm.SHA256);
            payloadHash = newDigest(algo, source);
        }
        Optional<byte[]> md5 = rpm.signatures().md5();
        MessageDigest md5Hash = payloadHash == null && md5.isPresent() ? DigestAlgorithm.MD5.newDigest() : null;
        long headerLength = layout.headerEnd() - layout.headerStart();
        long copied = 0;
        try (FileChannel channel = FileChannel.open(input, StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(channel.position(layout.headerStart()))) {
            if (channel.size() != layout.fileSize()) {
                throw PackageProblems.invalid(source, "the file changed while it was being published (it had "
                        + layout.fileSize() + " bytes, now " + channel.size() + ")");
            }
            byte[] buffer = new byte[COPY_BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (md5Hash != null) {
                    md5Hash.update(buffer, 0, n);
                }
                if (payloadHash != null) {
                    long payloadOffset = Math.max(0, headerLength - copied);
                    if (payloadOffset < n) {
                        payloadHash.update(buffer, (int) payloadOffset, (int) (n - payloadOffset));
                    }
                }
                copied += n;
            }
        }
        if (copied != layout.fileSize() - layout.headerStart()) {
            throw PackageProblems.invalid(source, "the file changed while it was being published");
        }
        if (payloadHash != null) {
            String computed = HexFormat.of().formatHex(payloadHash.digest());
            if (!computed.equals(payloadDigest.get().toLowerCase(Locale.ROOT))) {
                throw PackageProblems.invalid(source, "the payload does not match its recorded digest (PAYLOADDIGEST "
                        + payloadDigest.get() + ", computed " + computed + "); the package is damaged");
            }
        } else if (md5Hash != null && !MessageDigest.isEqual(md5Hash.digest(), md5.get())) {
            throw PackageProblems.invalid(source, "the header and payload do not match the recorded MD5 digest;"
                    + " the package is damaged");
        }
    }

    private static MessageDigest newDigest(RpmHashAlgorithm algo, String source) {
        try {
            return MessageDigest.getInstance(algo.javaName());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw PackageProblems.invalid(source, "payload digest algorithm " + algo + " is not available here");
        }
    }

    /** Counts and digests what passes through to the target stream. */
    private static final class DigestingOutput extends OutputStream {
        private final OutputStream out;
        private final MessageDigest digest;
        private long count;

        DigestingOutput(OutputStream out, MessageDigest digest) {
            this.out = out;
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }
}
