package org.vatools.core.pkg.rpm;

import java.util.HashMap;
import java.util.Map;

/**
 * Tag numbers of the signature header (rpmtag.h {@code rpmSigTag}). They overlap the main
 * header's numbers (1000 is SIZE here, NAME there), hence a class of their own.
 */
public final class RpmSignatureTag {
    public static final int HEADERSIGNATURES = 62;
    /** DSA signature of the main header (OpenPGP packet). */
    public static final int DSA = 267;
    /** RSA (or EdDSA) signature of the main header (OpenPGP packet). */
    public static final int RSA = 268;
    /** SHA-1 of the main header, hex. */
    public static final int SHA1 = 269;
    /** Header + payload size, 64-bit. */
    public static final int LONGSIZE = 270;
    /** Uncompressed payload size, 64-bit. */
    public static final int LONGARCHIVESIZE = 271;
    /** SHA-256 of the main header, hex. */
    public static final int SHA256 = 273;
    public static final int FILESIGNATURES = 274;
    public static final int FILESIGNATURELENGTH = 275;
    public static final int VERITYSIGNATURES = 276;
    public static final int VERITYSIGNATUREALGO = 277;
    /** Header + payload size, 32-bit. */
    public static final int SIZE = 1000;
    /** OpenPGP signature of header + payload (legacy). */
    public static final int PGP = 1002;
    /** MD5 of header + payload. */
    public static final int MD5 = 1004;
    /** OpenPGP signature of header + payload with DSA (legacy). */
    public static final int GPG = 1005;
    /** Uncompressed payload size, 32-bit. */
    public static final int PAYLOADSIZE = 1007;
    /** Padding kept free so a signature can be added without moving the main header. */
    public static final int RESERVEDSPACE = 1008;

    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        for (var f : RpmSignatureTag.class.getFields()) {
            try {
                NAMES.putIfAbsent(f.getInt(null), f.getName());
            } catch (IllegalAccessException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private RpmSignatureTag() {
    }

    /** {@code SHA256} for 273; the number itself for tags not listed here. */
    public static String name(int tag) {
        return NAMES.getOrDefault(tag, Integer.toString(tag));
    }
}
