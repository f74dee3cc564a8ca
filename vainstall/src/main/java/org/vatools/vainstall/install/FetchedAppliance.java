package org.vatools.vainstall.install;

import org.vatools.core.descriptor.Appliance;
import org.vatools.core.seed.SeedFile;
import org.vatools.vainstall.pm.AvailablePackage;

/**
 * An appliance as its package describes it: the index entry, the descriptor the package carries,
 * and its seed.
 *
 * @param seedSource where the seed came from: {@code the package}, {@code the repository (SHA-256
 *                   checked)} or {@code none}
 */
public record FetchedAppliance(AvailablePackage pkg, Appliance descriptor, SeedFile seed, String seedSource) {
}
