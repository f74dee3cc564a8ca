package org.vatools.core.descriptor;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming rules of Debian Policy (5.6.1, 5.6.12, 7.1) and of rpm for names, versions and
 * dependency relations. Each check returns the reason an input is invalid, or empty.
 */
public final class PackagePolicy {
    private static final Pattern DEB_NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
    private static final Pattern RPM_NAME = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+-]*");
    private static final Pattern DEB_UPSTREAM = Pattern.compile("[0-9][A-Za-z0-9.+~-]*");
    private static final Pattern DEB_REVISION = Pattern.compile("[A-Za-z0-9+.~]+");
    private static final Pattern RPM_VERSION = Pattern.compile("[A-Za-z0-9._+~^]+");
    private static final Pattern DEB_FULL_VERSION =
            Pattern.compile("(?:[0-9]+:)?[0-9][A-Za-z0-9.+~-]*(?:-[A-Za-z0-9+.~]+)?");
    private static final Pattern DEB_RELATION = Pattern.compile(
            "\\s*([a-z0-9][a-z0-9+.-]+)(?::([a-z0-9-]+))?\\s*(?:\\(\\s*(<<|<=|=|>=|>>)\\s*([^)\\s]+)\\s*\\))?\\s*");
    private static final Pattern RPM_RELATION = Pattern.compile(
            "([^\\s<>=()]+(?:\\([^\\s()]*\\))?)(?:\\s+(<|<=|=|>=|>)\\s+([A-Za-z0-9._+~^:-]+))?");

    private PackagePolicy() {
    }

    public static Optional<String> debianName(String name) {
        if (DEB_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + name + "' is not a valid Debian package name (Policy 5.6.1: lowercase letters,"
                + " digits, '+', '-' and '.'; at least two characters; starts with a letter or digit)");
    }

    public static Optional<String> rpmName(String name) {
        if (RPM_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + name + "' is not a valid rpm package name (letters, digits, '.', '_', '+', '-';"
                + " must not start with '-' or '.')");
    }

    /** Upstream part of a Debian version, given that a revision follows. */
    public static Optional<String> debianUpstreamVersion(String version) {
        if (DEB_UPSTREAM.matcher(version).matches()) {
            return Optional.empty();
        }
        if (version.contains(":")) {
            return Optional.of("'" + version + "' must not contain ':'; put the epoch in the 'epoch' key");
        }
        return Optional.of("'" + version + "' is not a valid Debian upstream version (Policy 5.6.12: starts with"
                + " a digit; then letters, digits, '.', '+', '~', '-')");
    }

    public static Optional<String> debianRevision(String release) {
        if (DEB_REVISION.matcher(release).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + release + "' is not a valid Debian revision (Policy 5.6.12: letters, digits,"
                + " '+', '.', '~'; no '-')");
    }

    /** rpm Version and Release: no '-' (it separates version from release in an EVR). */
    public static Optional<String> rpmVersionPart(String value, String what) {
        if (value.contains("-")) {
            return Optional.of("'" + value + "' contains '-', which rpm does not allow in a " + what
                    + " ('-' separates version and release); use '.' or '~' instead");
        }
        if (RPM_VERSION.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + value + "' is not a valid rpm " + what + " (letters, digits, '.', '_', '+', '~', '^')");
    }

    public static Optional<String> debianFullVersion(String version) {
        if (DEB_FULL_VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + version + "' is not a valid Debian version ([epoch:]upstream[-revision])");
    }

    /**
     * A Debian relation with alternatives: {@code apache2 | nginx}, {@code php (>= 2:8.2)},
     * {@code python3:any}.
     */
    public static Optional<String> debianRelation(String relation) {
        if (relation.isBlank()) {
            return Optional.of("empty dependency");
        }
        for (String alternative : relation.split("\\|", -1)) {
            Matcher m = DEB_RELATION.matcher(alternative);
            if (!m.matches()) {
                String name = alternative.strip().split("[\\s(:]", 2)[0];
                if (!name.isEmpty() && debianName(name).isPresent()) {
                    return debianName(name);
                }
                return Optional.of("'" + relation + "' is not a valid Debian relation"
                        + " (expected 'name', 'name (>= version)' or alternatives 'a | b')");
            }
            if (m.group(4) != null) {
                Optional<String> bad = debianFullVersion(m.group(4));
                if (bad.isPresent()) {
                    return bad;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * An rpm relation: {@code httpd}, {@code php >= 8.0}, {@code python3dist(foo)},
     * {@code /usr/bin/python3}, or a rich dependency in parentheses {@code (a or b)}.
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
        if (RPM_RELATION.matcher(r).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + relation + "' is not a valid rpm relation"
                + " (expected 'name', 'name >= version' with spaces around the operator, or '(a or b)')");
    }
}
