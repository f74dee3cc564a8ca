package org.vatools.core.pkg.deb;

import java.util.Optional;
import org.vatools.core.descriptor.PackagePolicy;

/**
 * A Debian version {@code [epoch:]upstream[-revision]} (Debian Policy 5.6.12) split into its parts,
 * checked and ordered by {@link PackagePolicy} (as dpkg checks and orders versions), so a
 * repository can tell which of two packages is newer and keep the newest N.
 *
 * @param epoch    0 when the version has none
 * @param upstream the upstream version
 * @param revision the Debian revision, {@code ""} when the version has none
 */
public record DebianVersion(long epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    /**
     * Parses a version.
     *
     * @throws IllegalArgumentException with the reason when the version is invalid
     */
    public static DebianVersion parse(String version) {
        Optional<String> problem = problem(version);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        String rest = version;
        long epoch = 0;
        int colon = version.indexOf(':');
        if (colon >= 0) {
            epoch = Long.parseLong(version.substring(0, colon));
            rest = version.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        return dash < 0 ? new DebianVersion(epoch, rest, "")
                : new DebianVersion(epoch, rest.substring(0, dash), rest.substring(dash + 1));
    }

    /**
     * Why {@code version} is not a valid Debian version, or empty if it is one: the project's one
     * rule set, {@link PackagePolicy#debianFullVersion} (Debian Policy 5.6.12 as dpkg enforces it).
     */
    public static Optional<String> problem(String version) {
        return PackagePolicy.debianFullVersion(version);
    }

    /** dpkg's order ({@code dpkg --compare-versions}), as {@link PackagePolicy#compareDebianVersions}. */
    @Override
    public int compareTo(DebianVersion other) {
        return Integer.signum(PackagePolicy.compareDebianVersions(toString(), other.toString()));
    }

    /** The version as dpkg writes it: the epoch only when not 0, the revision only when present. */
    @Override
    public String toString() {
        return (epoch > 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }
}
