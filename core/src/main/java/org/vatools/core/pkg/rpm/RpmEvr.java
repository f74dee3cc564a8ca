package org.vatools.core.pkg.rpm;

import org.vatools.core.descriptor.PackagePolicy;

/**
 * An rpm epoch-version-release, as package headers and dependencies carry it
 * ({@code 1:2.4.57-5.el9}), ordered the way rpm orders versions (rpmvercmp).
 *
 * @param epoch   the epoch digits, {@code ""} when there is none
 * @param version the version, never empty for a package (may be empty in an unversioned dependency)
 * @param release the release, {@code ""} when there is none
 */
public record RpmEvr(String epoch, String version, String release) implements Comparable<RpmEvr> {

    /**
     * Splits {@code [epoch:]version[-release]} as rpm does: the epoch is what precedes the first
     * ':' if that is all digits, the release what follows the last '-'.
     */
    public static RpmEvr parse(String evr) {
        String rest = evr;
        String epoch = "";
        int colon = evr.indexOf(':');
        if (colon >= 0 && evr.substring(0, colon).chars().allMatch(c -> c >= '0' && c <= '9')) {
            epoch = evr.substring(0, colon);
            rest = evr.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        if (dash >= 0) {
            return new RpmEvr(epoch, rest.substring(0, dash), rest.substring(dash + 1));
        }
        return new RpmEvr(epoch, rest, "");
    }

    /** The epoch as a number, 0 when absent (as rpm compares it). */
    public long epochNumber() {
        if (epoch.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(epoch);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** rpm's order (epoch, then version, then release with rpmvercmp), as {@link PackagePolicy#compareRpmVersions}. */
    @Override
    public int compareTo(RpmEvr other) {
        return Integer.signum(PackagePolicy.compareRpmVersions(toString(), other.toString()));
    }

    /** {@code [epoch:]version[-release]}, as rpm prints an EVR. */
    @Override
    public String toString() {
        return (epoch.isEmpty() ? "" : epoch + ":") + version + (release.isEmpty() ? "" : "-" + release);
    }
}
