package org.vatools.core.pkg;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a package reader does besides parsing the metadata, all in its single pass over the file.
 *
 * @param digests         the digests of the whole file to compute (may be empty)
 * @param listDataFiles   .deb only: decompress data.tar to list its files; an rpm header lists
 *                        its files anyway, so rpm readers ignore this
 * @param extract         the payload files to keep in memory
 * @param maxExtractBytes the largest file {@code extract} may return; a bigger one is an error,
 *                        so a hostile package cannot exhaust memory
 */
public record ReadOptions(Set<DigestAlgorithm> digests, boolean listDataFiles, WantedFiles extract,
                          long maxExtractBytes) {

    /** 16 MiB: far above any seed or descriptor. */
    public static final long DEFAULT_MAX_EXTRACT_BYTES = 16L * 1024 * 1024;

    public ReadOptions {
        digests = digests.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(digests));
        Objects.requireNonNull(extract, "extract");
        if (maxExtractBytes < 0) {
            throw new IllegalArgumentException("maxExtractBytes must not be negative");
        }
    }

    /**
     * All four digests (size, MD5, SHA-1, SHA-256, SHA-512: everything an APT or YUM index can
     * record), no file list, nothing extracted: what a repository index needs.
     */
    public static ReadOptions defaults() {
        return new ReadOptions(EnumSet.allOf(DigestAlgorithm.class), false, WantedFiles.none(),
                DEFAULT_MAX_EXTRACT_BYTES);
    }

    /** A copy computing only these digests (none at all is allowed; the size is always counted). */
    public ReadOptions withDigests(DigestAlgorithm... algorithms) {
        Set<DigestAlgorithm> set = EnumSet.noneOf(DigestAlgorithm.class);
        set.addAll(java.util.List.of(algorithms));
        return new ReadOptions(set, listDataFiles, extract, maxExtractBytes);
    }

    /** A copy that also lists a .deb's data files (decompresses data.tar). */
    public ReadOptions withDataFiles() {
        return new ReadOptions(digests, true, extract, maxExtractBytes);
    }

    /** A copy that also extracts these absolute paths. */
    public ReadOptions extracting(String... paths) {
        return new ReadOptions(digests, listDataFiles, WantedFiles.of(paths), maxExtractBytes);
    }

    /** A copy that also extracts the files {@code wanted} names for the package. */
    public ReadOptions extracting(WantedFiles wanted) {
        return new ReadOptions(digests, listDataFiles, wanted, maxExtractBytes);
    }

    /** A copy with another limit on extracted files. */
    public ReadOptions withMaxExtractBytes(long max) {
        return new ReadOptions(digests, listDataFiles, extract, max);
    }
}
