package org.vatools.core.pkg.rpm;

import java.util.Optional;

/** The OpenPGP hash algorithm numbers rpm uses for file digests and the payload digest. */
public enum RpmHashAlgorithm {
    MD5(1, "MD5"),
    SHA1(2, "SHA-1"),
    SHA256(8, "SHA-256"),
    SHA384(9, "SHA-384"),
    SHA512(10, "SHA-512"),
    SHA224(11, "SHA-224"),
    SHA3_256(12, "SHA3-256"),
    SHA3_512(14, "SHA3-512");

    private final int id;
    private final String javaName;

    RpmHashAlgorithm(int id, String javaName) {
        this.id = id;
        this.javaName = javaName;
    }

    /** The number stored in FILEDIGESTALGO and PAYLOADDIGESTALGO. */
    public int id() {
        return id;
    }

    /** The name {@link java.security.MessageDigest#getInstance(String)} knows it by. */
    public String javaName() {
        return javaName;
    }

    /** The algorithm stored as {@code id}; empty for numbers this reader does not know. */
    public static Optional<RpmHashAlgorithm> of(long id) {
        for (RpmHashAlgorithm a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
