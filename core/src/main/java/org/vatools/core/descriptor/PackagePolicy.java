package org.vatools.core.descriptor;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming rules of Debian Policy (5.6.1 and 5.6.7 names, 5.6.12 versions, 7.1 relations, as
 * dpkg 1.21 enforces them) and of rpm 4.18 (rpmbuild's checks of Name, Version, Release and
 * Requires) for names, versions and dependency relations. Each check returns the reason an
 * input is invalid, or empty. {@link #compareDebianVersions} and {@link #compareRpmVersions}
 * order versions exactly as dpkg and rpm do.
 */
public final class PackagePolicy {
    private static final Pattern DEB_NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
    private static final Pattern RPM_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");
    private static final Pattern DEB_UPSTREAM_CHARS = Pattern.compile("[A-Za-z0-9.+~-]*");
    private static final Pattern DEB_REVISION = Pattern.compile("[A-Za-z0-9+.~]+");
    private static final Pattern RPM_VERSION = Pattern.compile("[A-Za-z0-9._+~^]+");
    private static final Pattern DEB_RELATION = Pattern.compile(
            "\\s*([^\\s(:|]+)(?::([^\\s(]*))?\\s*(?:\\(\\s*(<<|<=|=|>=|>>|<|>)?\\s*([^)\\s]*)\\s*\\))?\\s*");
    private static final Pattern RPM_RELATION = Pattern.compile(
            "([^\\s<>=()]+(?:\\([^\\s()]*\\))?)(?:\\s+(<|<=|=|>=|>)\\s+(\\S+))?");

    private PackagePolicy() {
    }

    /** A Debian package name (Policy 5.6.7). */
    public static Optional<String> debianName(String name) {
        if (DEB_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String hint = !lower.equals(name) && DEB_NAME.matcher(lower).matches()
                ? "; did you mean '" + lower + "'?" : "";
        return Optional.of("'" + name + "' is not a valid Debian package name (Policy 5.6.7: lowercase letters,"
                + " digits, '+', '-' and '.'; at least two characters; starts with a letter or digit)" + hint);
    }

    /** An rpm package name, as rpmbuild checks the Name tag. */
    public static Optional<String> rpmName(String name) {
        if (RPM_NAME.matcher(name).matches() && !name.contains("..")) {
            return Optional.empty();
        }
        return Optional.of("'" + name + "' is not a valid rpm package name (letters, digits, '.', '_', '+', '-';"
                + " starts with a letter, digit or '_'; no '..')");
    }

    /** Upstream part of a Debian version, given that a revision follows (Policy 5.6.12). */
    public static Optional<String> debianUpstreamVersion(String version) {
        if (version.contains(":")) {
            return Optional.of("'" + version + "' must not contain ':'; put the epoch in the 'epoch' key");
        }
        if (version.isEmpty() || !Character.isDigit(version.charAt(0))) {
            return Optional.of("'" + version + "' is not a valid Debian upstream version (Policy 5.6.12: it must"
                    + " start with a digit)");
        }
        if (!DEB_UPSTREAM_CHARS.matcher(version).matches()) {
            return Optional.of("'" + version + "' is not a valid Debian upstream version (Policy 5.6.12: letters,"
                    + " digits, '.', '+', '~' and '-' only" + badChar(version, DEB_UPSTREAM_CHARS) + ")");
        }
        return Optional.empty();
    }

    /** The Debian revision, {@code release} in the descriptor (Policy 5.6.12). */
    public static Optional<String> debianRevision(String release) {
        if (DEB_REVISION.matcher(release).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + release + "' is not a valid Debian revision (Policy 5.6.12: letters, digits,"
                + " '+', '.' and '~' only; no '-')");
    }

    /** rpm Version and Release, as rpmbuild checks them: no '-' (it separates version from release), no '..'. */
    public static Optional<String> rpmVersionPart(String value, String what) {
        if (value.contains("-")) {
            return Optional.of("'" + value + "' contains '-', which rpm does not allow in a " + what
                    + " ('-' separates version and release); use '.' or '~' instead");
        }
        if (!RPM_VERSION.matcher(value).matches()) {
            return Optional.of("'" + value + "' is not a valid rpm " + what
                    + " (letters, digits, '.', '_', '+', '~' and '^' only" + badChar(value, RPM_VERSION) + ")");
        }
        if (value.contains("..")) {
            return Optional.of("'" + value + "' contains '..', which rpm refuses in a " + what);
        }
        return Optional.empty();
    }

    /** A complete Debian version {@code [epoch:]upstream[-revision]}, parsed as dpkg parses it. */
    public static Optional<String> debianFullVersion(String version) {
        String v = version;
        String what = "'" + version + "' is not a valid Debian version ([epoch:]upstream[-revision]): ";
        if (v.isEmpty()) {
            return Optional.of(what + "it is empty");
        }
        if (v.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(what + "it contains a blank");
        }
        int colon = v.indexOf(':');
        if (colon >= 0) {
            String epoch = v.substring(0, colon);
            if (!epoch.matches("[0-9]{1,9}")) {
                return Optional.of(what + "the epoch before ':' must be a number");
            }
            v = v.substring(colon + 1);
            if (v.isEmpty()) {
                return Optional.of(what + "nothing after the epoch's ':'");
            }
        }
        int dash = v.lastIndexOf('-');
        String upstream = dash < 0 ? v : v.substring(0, dash);
        if (dash >= 0) {
            String revision = v.substring(dash + 1);
            if (revision.isEmpty()) {
                return Optional.of(what + "the revision after the last '-' is empty");
            }
            if (!DEB_REVISION.matcher(revision).matches()) {
                return Optional.of(what + "the revision '" + revision + "' may hold letters, digits, '+', '.' and"
                        + " '~' only");
            }
        }
        if (upstream.isEmpty() || !Character.isDigit(upstream.charAt(0))) {
            return Optional.of(what + "the upstream version must start with a digit");
        }
        if (!DEB_UPSTREAM_CHARS.matcher(upstream).matches()) {
            return Optional.of(what + "the upstream version may hold letters, digits, '.', '+', '~' and '-' only"
                    + badChar(upstream, DEB_UPSTREAM_CHARS));
        }
        return Optional.empty();
    }

    /** An rpm EVR {@code [epoch:]version[-release]} as rpm reads it in a relation. */
    public static Optional<String> rpmEvr(String evr) {
        String what = "'" + evr + "' is not a valid rpm version ([epoch:]version[-release]): ";
        String v = evr;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            if (!v.substring(0, colon).matches("[0-9]{1,9}")) {
                return Optional.of(what + "the epoch before ':' must be a number");
            }
            v = v.substring(colon + 1);
        }
        String[] parts = v.split("-", -1);
        if (parts.length > 2) {
            return Optional.of(what + "more than one '-'");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.of(what + "an empty version or release");
            }
            Optional<String> bad = rpmVersionPart(part, "version");
            if (bad.isPresent()) {
                return Optional.of(what + bad.get());
            }
        }
        return Optional.empty();
    }

    /**
     * A Debian relation for Depends or Recommends, with alternatives: {@code apache2 | nginx},
     * {@code php (>= 2:8.2)}, {@code python3:any}. Architecture lists ({@code [amd64]}) and build
     * profiles belong to source packages and are refused, as dpkg-deb refuses them.
     */
    public static Optional<String> debianRelation(String relation) {
        if (relation.isBlank()) {
            return Optional.of("empty dependency");
        }
        for (String alternative : relation.split("\\|", -1)) {
            if (alternative.isBlank()) {
                return Optional.of("'" + relation + "' has an empty alternative around '|'");
            }
            Matcher m = DEB_RELATION.matcher(alternative);
            if (!m.matches()) {
                return Optional.of("'" + relation + "' is not a valid Debian relation (expected 'name',"
                        + " 'name (>= version)' or alternatives 'a | b'; architecture lists '[...]' and build"
                        + " profiles '<...>' belong to source packages)");
            }
            Optional<String> badName = debianName(m.group(1));
            if (badName.isPresent()) {
                return badName;
            }
            String arch = m.group(2);
            if (arch != null && (arch.equals("native") || !arch.matches("[a-z0-9][a-z0-9-]*"))) {
                return Optional.of("'" + relation + "': ':" + arch + "' is not allowed here; a binary package"
                        + " may qualify a dependency with ':any' or an architecture name");
            }
            String op = m.group(3);
            String version = m.group(4);
            if (alternative.contains("(")) {
                if (op == null) {
                    return Optional.of("'" + relation + "': the version needs an operator (<<, <=, =, >= or >>)");
                }
                if (op.equals("<") || op.equals(">")) {
                    return Optional.of("'" + relation + "': '" + op + "' is obsolete (Policy 7.1); use '" + op + op
                            + "' or '" + op + "='");
                }
                if (version.isEmpty()) {
                    return Optional.of("'" + relation + "': the version after '" + op + "' is missing");
                }
                Optional<String> bad = debianFullVersion(version);
                if (bad.isPresent()) {
                    return bad;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * An rpm relation: {@code httpd}, {@code php >= 8.0}, {@code python3dist(foo)},
     * {@code /usr/bin/python3}, or a rich dependency in parentheses {@code (a or b)}. Blanks around
     * the operator are required: rpm reads {@code foo>=1} as a capability named "foo>=1".
     */
    public static Optional<String> rpmRelation(String relation) {
        String r = relation.strip();
        if (r.isEmpty()) {
            return Optional.of("empty dependency");
        }
        if (r.startsWith("(")) {
            int depth = 0;
            for (int i = 0; i < r.length(); i++) {
                char c = r.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth < 0 || (depth == 0 && i < r.length() - 1)) {
                    return Optional.of("'" + relation + "' is not a valid rich dependency (unbalanced parentheses)");
                }
            }
            return depth == 0 ? Optional.empty()
                    : Optional.of("'" + relation + "' is not a valid rich dependency (unbalanced parentheses)");
        }
        Matcher m = RPM_RELATION.matcher(r);
        if (!m.matches()) {
            String hint = r.matches("[^\\s<>=]+\\s*(<|<=|=|>=|>|=>|=<|==)\\s*\\S+") && !r.contains(" ")
                    ? "; put blanks around the operator (rpm reads '" + r + "' as one capability name)" : "";
            return Optional.of("'" + relation + "' is not a valid rpm relation (expected 'name', 'name >= version'"
                    + " or '(a or b)'" + hint + ")");
        }
        if (m.group(3) != null) {
            return rpmEvr(m.group(3));
        }
        return Optional.empty();
    }

    /** Orders two Debian versions as {@code dpkg --compare-versions} does. */
    public static int compareDebianVersions(String a, String b) {
        String[] x = splitEvr(a);
        String[] y = splitEvr(b);
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        if (c != 0) {
            return c;
        }
        c = verrevcmp(x[1], y[1]);
        return c != 0 ? c : verrevcmp(x[2], y[2]);
    }

    /** Orders two rpm EVRs as {@code rpmdev-vercmp} (rpmvercmp, with '~' and '^') does. */
    public static int compareRpmVersions(String a, String b) {
        String[] x = splitEvr(a);
        String[] y = splitEvr(b);
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        if (c != 0) {
            return c;
        }
        c = rpmvercmp(x[1], y[1]);
        return c != 0 ? c : rpmvercmp(x[2], y[2]);
    }

    /** {epoch, version, release}; epoch "0" and release "" when absent. */
    private static String[] splitEvr(String evr) {
        String epoch = "0";
        String rest = evr;
        int colon = evr.indexOf(':');
        if (colon > 0 && evr.substring(0, colon).matches("[0-9]{1,18}")) {
            epoch = evr.substring(0, colon);
            rest = evr.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        return dash < 0 ? new String[] {epoch, rest, ""}
                : new String[] {epoch, rest.substring(0, dash), rest.substring(dash + 1)};
    }

    private static int order(String s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (isDigit(c)) {
            return 0;
        }
        if (isAlpha(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    /** dpkg's verrevcmp. */
    private static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return Integer.signum(ac - bc);
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

    /** rpm's rpmvercmp (rpm 4.15 and later: '~' sorts before anything, '^' after the base). */
    private static int rpmvercmp(String a, String b) {
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
            char x = i < a.length() ? a.charAt(i) : 0;
            char y = j < b.length() ? b.charAt(j) : 0;
            if (x == '~' || y == '~') {
                if (x != '~') {
                    return 1;
                }
                if (y != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (x == '^' || y == '^') {
                if (x == 0) {
                    return -1;
                }
                if (y == 0) {
                    return 1;
                }
                if (x != '^') {
                    return 1;
                }
                if (y != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (x == 0 || y == 0) {
                break;
            }
            int si = i;
            int sj = j;
            boolean numeric = isDigit(x);
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
            String s1 = a.substring(si, i);
            String s2 = b.substring(sj, j);
            if (numeric) {
                s1 = s1.replaceFirst("^0+", "");
                s2 = s2.replaceFirst("^0+", "");
                if (s1.length() != s2.length()) {
                    return s1.length() > s2.length() ? 1 : -1;
                }
            }
            int c = s1.compareTo(s2);
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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isAlpha(c);
    }

    private static String badChar(String value, Pattern allowed) {
        for (int i = 0; i < value.length(); i++) {
            String c = value.substring(i, i + 1);
            if (!allowed.matcher(c).matches()) {
                return "; '" + c + "' is not allowed";
            }
        }
        return "";
    }
}
