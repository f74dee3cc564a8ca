package org.vatools.repotools.publish.rpm;

import java.util.List;

/**
 * The signed copy of a package, as {@link RpmSigner} wrote it.
 *
 * @param sha256       SHA-256 of the whole signed file: repodata's pkgid and checksum
 * @param size         size of the signed file
 * @param headerStart  offset of the main header in the signed file (rpm:header-range start)
 * @param headerEnd    end of the main header (rpm:header-range end)
 * @param headerSha256 SHA-256 of the main header, which records every file's digest and the
 *                     payload's: the package's content, whoever signed it
 * @param signers      fingerprints of the keys whose header signatures it carries
 */
public record SignedRpm(String sha256, long size, long headerStart, long headerEnd, String headerSha256,
                        List<String> signers) {
    public SignedRpm {
        signers = List.copyOf(signers);
    }
}
