package org.vatools.core.descriptor;

import java.util.Optional;

/**
 * A distribution the appliance supports, with an optional minimum release:
 * {@code debian>=12}, {@code ubuntu>=22.04}, {@code rhel>=9}, or just {@code fedora}.
 * {@code id} is compared with os-release's {@code ID} and {@code ID_LIKE}.
 */
public record DistributionRequirement(String id, String minimumRelease) {

    public Optional<String> minimum() {
        return Optional.ofNullable(minimumRelease);
    }

    /** True when {@code release} (os-release VERSION_ID) is at least the minimum. */
    public boolean acceptsRelease(String release) {
        if (minimumRelease == null) {
            return true;
        }
        if (release == null || release.isBlank()) {
            return false;
        }
        return compareDotted(release, minimumRelease) >= 0;
    }

    /** Compares dotted numeric releases: 22.04 &lt; 22.10 &lt; 24.04, 9 &lt; 9.2 &lt; 10. */
    static int compareDotted(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? leadingNumber(x[i]) : 0;
            long q = i < y.length ? leadingNumber(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long leadingNumber(String s) {
        int end = 0;
        while (end < s.length() && end < 18 && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Long.parseLong(s.substring(0, end));
    }

    @Override
    public String toString() {
        return minimumRelease == null ? id : id + ">=" + minimumRelease;
    }
}
