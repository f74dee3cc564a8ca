package org.vatools.repotools.publish;

import java.time.Duration;
import java.util.List;

/**
 * Options of {@code repo-tools publish} shared by both formats.
 *
 * <p>For APT, a null codename, origin or label and an empty architecture list mean "as the suite
 * has them now" (the defaults for a new suite: no codename, origin or label; amd64 and arm64).
 *
 * @param suite         APT suite (null: stable)
 * @param codename      APT codename, or null
 * @param component     APT component the new packages go to (null: main)
 * @param architectures APT architectures (Architecture: all packages appear in each)
 * @param origin        Release Origin, or null
 * @param label         Release Label, or null
 * @param validFor      Release Valid-Until = Date + validFor, or null for none
 * @param keepVersions  keep at most this many versions of each package (0 = all)
 * @param replace       allow the same name and version with other content
 * @param byHashKeep    how long superseded indexes stay reachable under by-hash, and removed or
 *                      replaced pool files stay in the pool, for clients still using an older index
 */
public record PublishOptions(String suite, String codename, String component, List<String> architectures,
                             String origin, String label, Duration validFor, int keepVersions, boolean replace,
                             Duration byHashKeep) {
    public PublishOptions {
        architectures = List.copyOf(architectures);
    }
}
