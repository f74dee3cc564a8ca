package org.vatools.core.pkg.rpm;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an rpm's signature header holds: header digests, OpenPGP signatures and the sizes rpm
 * checks. The raw header stays available as {@link RpmPackage#signatureHeader()}.
 */
public final class RpmSignatures {
    private final RpmHeader signature;
    private final RpmHeader main;

    RpmSignatures(RpmHeader signature, RpmHeader main) {
        this.signature = signature;
        this.main = main;
    }

    /** SHA-1 of the main header (tag 269), lower-case hex. */
    public Optional<String> headerSha1() {
        return signature.hexString(RpmSignatureTag.SHA1);
    }

    /** SHA-256 of the main header (tag 273), lower-case hex. */
    public Optional<String> headerSha256() {
        return signature.hexString(RpmSignatureTag.SHA256);
    }

    /** OpenPGP signature packet over the main header made with RSA or EdDSA (tag 268). */
    public Optional<byte[]> rsaHeader() {
        return signature.bin(RpmSignatureTag.RSA);
    }

    /** OpenPGP signature packet over the main header made with DSA (or EdDSA by older rpm; tag 267). */
    public Optional<byte[]> dsaHeader() {
        return signature.bin(RpmSignatureTag.DSA);
    }

    /** Legacy OpenPGP signature over header and payload (tag 1002). */
    public Optional<byte[]> pgp() {
        return signature.bin(RpmSignatureTag.PGP);
    }

    /** Legacy OpenPGP DSA signature over header and payload (tag 1005). */
    public Optional<byte[]> gpg() {
        return signature.bin(RpmSignatureTag.GPG);
    }

    /** MD5 of header and payload (tag 1004), 16 bytes. */
    public Optional<byte[]> md5() {
        return signature.bin(RpmSignatureTag.MD5);
    }

    /** Bytes of main header and payload (LONGSIZE 270, else SIZE 1000). */
    public OptionalLong headerAndPayloadSize() {
        OptionalLong l = signature.number(RpmSignatureTag.LONGSIZE, RpmType.INT64);
        return l.isPresent() ? l : signature.number(RpmSignatureTag.SIZE, RpmType.INT32);
    }

    /** Uncompressed payload size (LONGARCHIVESIZE 271, else PAYLOADSIZE 1007). */
    public OptionalLong payloadSize() {
        OptionalLong l = signature.number(RpmSignatureTag.LONGARCHIVESIZE, RpmType.INT64);
        return l.isPresent() ? l : signature.number(RpmSignatureTag.PAYLOADSIZE, RpmType.INT32);
    }

    /** Bytes kept free in the signature header for signatures added later (tag 1008), 0 if none. */
    public int reservedSpace() {
        return signature.bin(RpmSignatureTag.RESERVEDSPACE).map(b -> b.length).orElse(0);
    }

    /** True when any OpenPGP signature is present (header or legacy). */
    public boolean isSigned() {
        return signature.has(RpmSignatureTag.RSA) || signature.has(RpmSignatureTag.DSA)
                || signature.has(RpmSignatureTag.PGP) || signature.has(RpmSignatureTag.GPG);
    }

    /**
     * True when the recorded SHA-256 header digest matches the main header's bytes; false when it
     * does not or none is recorded. (Signatures are checked by the OpenPGP code, not here.)
     */
    public boolean headerSha256Matches() {
        Optional<String> recorded = headerSha256();
        if (recorded.isEmpty()) {
            return false;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] bytes = main.bytes();
            sha.update(RpmHeader.MAGIC);
            sha.update(new byte[4]);
            sha.update(bytes, 8, bytes.length - 8);
            return HexFormat.of().formatHex(sha.digest()).equals(recorded.get());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
