package org.vatools.repotools.publish;

import java.time.Duration;
import java.util.List;

/**
 * Options of {@code repo-tools publish} shared by both formats.
 *
 * @param suite         APT suite (default stable)
 * @param codename      APT codename, or null
 * @param component     APT component (default main)
 * @param architectures APT architectures (Architecture: all packages appear in each)
 * @param origin        Release Origin, or null
 * @param label         Release Label, or null
 * @param validFor      Release Valid-Until = Date + validFor, or null for none
 * @param keepVersions  keep at most this many versions of each package (0 = all)
 * @param replace       allow the same name and version with other content
 * @param byHashKeep    how long superseded indexes stay reachable under by-hash
 */
public record PublishOptions(String suite, String codename, String component, List<String> architectures,
                             String origin, String label, Duration validFor, int keepVersions, boolean replace,
                             Duration byHashKeep) {
    public PublishOptions {
        architectures = List.copyOf(architectures);
    }
}
