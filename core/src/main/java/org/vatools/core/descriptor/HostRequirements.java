package org.vatools.core.descriptor;

import java.util.List;

/**
 * What a host must offer. Empty lists mean "any"; 0 bytes means no minimum.
 *
 * @param architectures Debian architecture names (amd64, arm64, ...); rpm hosts are mapped
 *                      (x86_64 is amd64, aarch64 is arm64)
 * @param distributions supported distributions with minimum releases
 * @param memoryBytes   minimum total memory
 * @param diskBytes     minimum free space on {@code /} (or on the target root)
 */
public record HostRequirements(List<String> architectures, List<DistributionRequirement> distributions,
                               long memoryBytes, long diskBytes) {
    public HostRequirements {
        architectures = List.copyOf(architectures);
        distributions = List.copyOf(distributions);
    }

    public static HostRequirements none() {
        return new HostRequirements(List.of(), List.of(), 0, 0);
    }
}
