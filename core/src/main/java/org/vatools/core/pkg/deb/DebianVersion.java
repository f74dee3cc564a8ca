package org.vatools.core.pkg.deb;

import java.util.Optional;

/**
 * A Debian version {@code [epoch:]upstream[-revision]} (Debian Policy 5.6.12), checked as dpkg
 * checks it and ordered as dpkg orders versions, so a repository can tell which of two packages
 * is newer and keep the newest N.
 *
 * @param epoch    0 when the version has none
 * @param upstream the upstream version
 * @param revision the Debian revision, {@code ""} when the version has none
 */
public record DebianVersion(long epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    /**
     * Parses a version.
     *
     * @throws IllegalArgumentException with dpkg's reason when the version is invalid
     */
    public static DebianVersion parse(String version) {
        Object result = check(version);
        if (result instanceof String problem) {
            throw new IllegalArgumentException(problem);
        }
        return (DebianVersion) result;
    }

    /** Why {@code version} is not a valid Debian version, or empty if it is one. */
    public static Optional<String> problem(String version) {
        Object result = check(version);
        return result instanceof String problem ? Optional.of(problem) : Optional.empty();
    }

    private static Object check(String version) {
        String v = version.strip();
        if (v.isEmpty()) {
            return "version string is empty";
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isWhitespace(v.charAt(i))) {
                return "'" + v + "' has embedded spaces";
            }
        }
        long epoch = 0;
        String rest = v;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            String e = v.substring(0, colon);
            if (e.isEmpty()) {
                return "'" + v + "': the epoch before ':' is empty";
            }
            for (int i = 0; i < e.length(); i++) {
                if (e.charAt(i) < '0' || e.charAt(i) > '9') {
                    return "'" + v + "': the epoch '" + e + "' is not a number";
                }
            }
            if (e.length() > 10 || Long.parseLong(e) > Integer.MAX_VALUE) {
                return "'" + v + "': the epoch '" + e + "' is too big";
            }
            epoch = Long.parseLong(e);
            rest = v.substring(colon + 1);
            if (rest.isEmpty()) {
                return "'" + v + "': nothing after the ':' of the epoch";
            }
        }
        String upstream = rest;
        String revision = "";
        int dash = rest.lastIndexOf('-');
        if (dash >= 0) {
            upstream = rest.substring(0, dash);
            revision = rest.substring(dash + 1);
            if (revision.isEmpty()) {
                return "'" + v + "': the revision after the last '-' is empty";
            }
        }
        if (upstream.isEmpty()) {
            return "'" + v + "': the upstream version is empty";
        }
        if (upstream.charAt(0) < '0' || upstream.charAt(0) > '9') {
            return "'" + v + "': the upstream version must start with a digit";
        }
        for (int i = 0; i < upstream.length(); i++) {
            char c = upstream.charAt(i);
            if (!isAlnum(c) && ".-+~:".indexOf(c) < 0) {
                return "'" + v + "': invalid character '" + c + "' in the upstream version"
                        + " (letters, digits and . + ~ - : only)";
            }
        }
        for (int i = 0; i < revision.length(); i++) {
            char c = revision.charAt(i);
            if (!isAlnum(c) && "+.~".indexOf(c) < 0) {
                return "'" + v + "': invalid character '" + c + "' in the revision (letters, digits and . + ~ only)";
            }
        }
        return new DebianVersion(epoch, upstream, revision);
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** dpkg's order ({@code dpkg --compare-versions}): epoch, then upstream, then revision. */
    @Override
    public int compareTo(DebianVersion other) {
        int c = Long.compare(epoch, other.epoch);
        if (c != 0) {
            return c;
        }
        c = compareParts(upstream, other.upstream);
        return c != 0 ? c : compareParts(revision, other.revision);
    }

    /** dpkg's verrevcmp: alternating non-digit runs (with '~' before everything) and numbers. */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && isDigit(a.charAt(i)) && j < b.length() && isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** dpkg's character weight: '~' sorts before the end of a part, letters before other symbols. */
    private static int order(char c) {
        if (isDigit(c)) {
            return 0;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    /** The version as dpkg writes it: the epoch only when not 0, the revision only when present. */
    @Override
    public String toString() {
        return (epoch > 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }
}
