package org.vatools.vainstall.pm;

import java.util.Optional;

/**
 * Fetches the seed a repository publishes beside a package, for packages that carry none, and
 * checks it against the SHA-256 the signed index records; a mismatch is VERIFICATION_FAILED.
 */
public interface PublishedSeeds {
    /** The verified seed, or empty when the index names none. */
    Optional<byte[]> fetch(AvailablePackage pkg);

    /** For package managers whose index cannot name a seed (the rpm family: packages carry theirs). */
    static PublishedSeeds none() {
        return pkg -> Optional.empty();
    }
}
