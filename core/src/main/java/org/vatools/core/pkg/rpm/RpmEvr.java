package org.vatools.core.pkg.rpm;

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

    /** rpm's order: epoch numerically, then version, then release with rpmvercmp. */
    @Override
    public int compareTo(RpmEvr other) {
        int c = Long.compare(epochNumber(), other.epochNumber());
        if (c != 0) {
            return c;
        }
        c = compareSegments(version, other.version);
        if (c != 0) {
            return c;
        }
        return compareSegments(release, other.release);
    }

    /**
     * rpmvercmp: alphanumeric segments, numeric ones compared as numbers and newer than alphabetic
     * ones, '~' sorting before anything (even the end), '^' after the end but before anything else.
     */
    public static int compareSegments(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            boolean aTilde = i < a.length() && a.charAt(i) == '~';
            boolean bTilde = j < b.length() && b.charAt(j) == '~';
            if (aTilde || bTilde) {
                if (!aTilde) {
                    return 1;
                }
                if (!bTilde) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            boolean aCaret = i < a.length() && a.charAt(i) == '^';
            boolean bCaret = j < b.length() && b.charAt(j) == '^';
            if (aCaret || bCaret) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!aCaret) {
                    return 1;
                }
                if (!bCaret) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            int si = i;
            int sj = j;
            boolean numeric = isDigit(a.charAt(i));
            if (numeric) {
                while (i < a.length() && isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isDigit(b.charAt(j))) {
                    j++;
                }
            } else {
                while (i < a.length() && isAlpha(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isAlpha(b.charAt(j))) {
                    j++;
                }
            }
            if (sj == j) {
                return numeric ? 1 : -1;
            }
            String sa = a.substring(si, i);
            String sb = b.substring(sj, j);
            if (numeric) {
                sa = stripZeros(sa);
                sb = stripZeros(sb);
                if (sa.length() != sb.length()) {
                    return sa.length() > sb.length() ? 1 : -1;
                }
            }
            int c = sa.compareTo(sb);
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        boolean aDone = i >= a.length();
        boolean bDone = j >= b.length();
        if (aDone && bDone) {
            return 0;
        }
        return aDone ? -1 : 1;
    }

    private static String stripZeros(String s) {
        int k = 0;
        while (k < s.length() - 1 && s.charAt(k) == '0') {
            k++;
        }
        return s.substring(k);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isAlpha(c);
    }

    /** {@code [epoch:]version[-release]}, as rpm prints an EVR. */
    @Override
    public String toString() {
        return (epoch.isEmpty() ? "" : epoch + ":") + version + (release.isEmpty() ? "" : "-" + release);
    }
}
