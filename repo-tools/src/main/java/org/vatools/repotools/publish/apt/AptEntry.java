package org.vatools.repotools.publish.apt;

import java.util.Objects;
import org.vatools.core.pkg.deb.DebianVersion;

/**
 * One package as a suite holds it: where it is in the pool, its hashes, its appliance seed (if
 * any) and the exact paragraph its Packages entry consists of. The repository state keeps these,
 * so indexes are written again without reading any package.
 *
 * @param component    the component (main)
 * @param name         the Package field
 * @param version      the Version field as written
 * @param architecture the Architecture field (all appears in every architecture's index)
 * @param size         the .deb's size in bytes
 * @param sha256       the .deb's SHA-256 (hex)
 * @param filename     the .deb's path relative to apt/ (pool/main/d/demo/demo_1.0_all.deb)
 * @param seedPath     the seed's path relative to apt/, or null when the package is no appliance
 * @param seedSha256   the seed's SHA-256 (hex), or null
 * @param paragraph    the Packages entry, each line ending with a newline, no blank line
 */
public record AptEntry(String component, String name, String version, String architecture, long size,
                       String sha256, String filename, String seedPath, String seedSha256, String paragraph) {
    public AptEntry {
        Objects.requireNonNull(component);
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        Objects.requireNonNull(architecture);
        Objects.requireNonNull(sha256);
        Objects.requireNonNull(filename);
        Objects.requireNonNull(paragraph);
        if ((seedPath == null) != (seedSha256 == null)) {
            throw new IllegalArgumentException("seed path and seed hash go together");
        }
    }

    /** What makes two entries the same package: component, name, version (as dpkg compares it) and architecture. */
    public Key key() {
        return new Key(component, name, DebianVersion.parse(version).toString(), architecture);
    }

    /** {@code name_version_architecture}, as messages name a package. */
    public String describe() {
        return name + "_" + version + "_" + architecture;
    }

    public DebianVersion debianVersion() {
        return DebianVersion.parse(version);
    }

    /** The identity of a package in a suite. */
    public record Key(String component, String name, String version, String architecture) {
    }
}
