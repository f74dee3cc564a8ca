package org.vatools.core.pkg;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digests a repository index records for a package file: APT's {@code MD5sum}, {@code SHA1},
 * {@code SHA256} and {@code SHA512} fields, and YUM's {@code <checksum type="sha256">}.
 */
public enum DigestAlgorithm {
    MD5("MD5", "md5"),
    SHA1("SHA-1", "sha1"),
    SHA256("SHA-256", "sha256"),
    SHA512("SHA-512", "sha512");

    private final String javaName;
    private final String id;

    DigestAlgorithm(String javaName, String id) {
        this.javaName = javaName;
        this.id = id;
    }

    /** The lower-case name repository metadata uses: {@code md5}, {@code sha1}, {@code sha256}, {@code sha512}. */
    public String id() {
        return id;
    }

    /** A fresh digest; every Java runtime provides these four. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime lacks " + javaName, e);
        }
    }
}
