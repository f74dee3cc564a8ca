package org.vatools.vainstall.pm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.vatools.core.descriptor.PackageLayout;

/**
 * A package the configured repositories offer, as the package manager describes its candidate.
 *
 * @param version  the version to install: Debian's {@code [epoch:]upstream-revision}, or rpm's
 *                 {@code [epoch:]version-release}
 * @param provides virtual packages it provides
 * @param fields   every field of its index entry (apt: the Packages stanza), case-insensitive
 */
public record AvailablePackage(String name, String version, String architecture, String summary,
                               List<String> provides, Map<String, String> fields) {
    /** Packages entry field holding the pool path of the seed published beside the package. */
    public static final String SEED_FIELD = "Appliance-Seed";
    /** Packages entry field holding the SHA-256 (hex) of that seed. */
    public static final String SEED_SHA256_FIELD = "Appliance-Seed-SHA256";

    public AvailablePackage {
        provides = List.copyOf(provides);
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(fields);
        fields = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean isAppliance() {
        return provides.contains(PackageLayout.VIRTUAL_PACKAGE);
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
