package org.vatools.core.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The size of a file and the lower-case hex digests computed over all of its bytes. The package
 * readers compute these while they parse, in the same single read of the file, so an index writer
 * never reads a package twice.
 *
 * @param size   the number of bytes in the file
 * @param hashes hex digest by algorithm; only the algorithms that were asked for are present
 */
public record FileDigests(long size, Map<DigestAlgorithm, String> hashes) {
    private static final HexFormat HEX = HexFormat.of();

    public FileDigests {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        EnumMap<DigestAlgorithm, String> copy = new EnumMap<>(DigestAlgorithm.class);
        copy.putAll(hashes);
        hashes = Collections.unmodifiableMap(copy);
    }

    /** The hex digest for {@code algorithm}, if it was computed. */
    public Optional<String> hex(DigestAlgorithm algorithm) {
        return Optional.ofNullable(hashes.get(algorithm));
    }

    /** APT's {@code MD5sum}; throws {@link IllegalStateException} if MD5 was not asked for. */
    public String md5() {
        return require(DigestAlgorithm.MD5);
    }

    /** APT's {@code SHA1}; throws {@link IllegalStateException} if SHA-1 was not asked for. */
    public String sha1() {
        return require(DigestAlgorithm.SHA1);
    }

    /** APT's {@code SHA256} and YUM's package checksum; throws if SHA-256 was not asked for. */
    public String sha256() {
        return require(DigestAlgorithm.SHA256);
    }

    /** APT's {@code SHA512}; throws {@link IllegalStateException} if SHA-512 was not asked for. */
    public String sha512() {
        return require(DigestAlgorithm.SHA512);
    }

    private String require(DigestAlgorithm algorithm) {
        String value = hashes.get(algorithm);
        if (value == null) {
            throw new IllegalStateException(algorithm + " was not computed; ask for it in the read options"
                    + " (computed: " + hashes.keySet() + ")");
        }
        return value;
    }

    /** Reads {@code file} once and digests it (for files that are not packages: seeds, indexes). */
    public static FileDigests of(Path file, Set<DigestAlgorithm> algorithms) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in, algorithms);
        }
    }

    /** Reads {@code in} to its end and digests it; does not close it. */
    public static FileDigests of(InputStream in, Set<DigestAlgorithm> algorithms) throws IOException {
        Hasher hasher = new Hasher(algorithms);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            hasher.update(buffer, 0, n);
        }
        return hasher.finish();
    }

    /** Digests bytes fed in order; one {@link MessageDigest} per algorithm, never shared. */
    public static final class Hasher {
        private final DigestAlgorithm[] algorithms;
        private final MessageDigest[] digests;
        private long size;

        /** A hasher computing {@code algorithms} over the bytes fed to {@link #update}. */
        public Hasher(Set<DigestAlgorithm> algorithms) {
            this.algorithms = algorithms.toArray(new DigestAlgorithm[0]);
            this.digests = new MessageDigest[this.algorithms.length];
            for (int i = 0; i < this.algorithms.length; i++) {
                digests[i] = this.algorithms[i].newDigest();
            }
        }

        /** Feeds the next bytes. */
        public void update(byte[] bytes, int offset, int length) {
            for (MessageDigest digest : digests) {
                digest.update(bytes, offset, length);
            }
            size += length;
        }

        /** Bytes fed so far. */
        public long size() {
            return size;
        }

        /** The size and digests of everything fed; the hasher is spent afterwards. */
        public FileDigests finish() {
            EnumMap<DigestAlgorithm, String> hex = new EnumMap<>(DigestAlgorithm.class);
            for (int i = 0; i < algorithms.length; i++) {
                hex.put(algorithms[i], HEX.formatHex(digests[i].digest()));
            }
            return new FileDigests(size, hex);
        }
    }
}
