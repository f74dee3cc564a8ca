package org.vatools.repotools.publish.apt;

/**
 * Where packages and seeds go in the pool, as Debian lays it out:
 * {@code pool/<component>/<prefix>/<source>/<name>_<version>_<arch>.deb}, where the prefix is the
 * source name's first letter, or {@code lib} and the next letter for names starting with "lib"
 * ({@code pool/main/libx/libxml2/}). The version in file names has no epoch, as in Debian's pool.
 * An appliance's seed lies beside its package as {@code <name>_<version>.seed}.
 */
public final class PoolLayout {
    private PoolLayout() {
    }

    /** {@code l} for {@code lighttpd}, {@code libx} for {@code libxml2}. */
    public static String prefix(String source) {
        if (source.startsWith("lib") && source.length() > 3) {
            return source.substring(0, 4);
        }
        return source.substring(0, 1);
    }

    /** The source package name from a Source field ({@code "foo (1.2-1)"} gives {@code foo}), or the package name. */
    public static String sourceName(String sourceField, String packageName) {
        if (sourceField == null || sourceField.isBlank()) {
            return packageName;
        }
        String s = sourceField.strip();
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    /** {@code pool/main/d/dokuwiki-appliance}. */
    public static String directory(String component, String source) {
        return "pool/" + component + "/" + prefix(source) + "/" + source;
    }

    /** {@code demo_1.0-1_all.deb} (no epoch). */
    public static String debFileName(String name, String version, String architecture) {
        return name + "_" + withoutEpoch(version) + "_" + architecture + ".deb";
    }

    /** {@code demo_1.0-1.seed} (no epoch). */
    public static String seedFileName(String name, String version) {
        return name + "_" + withoutEpoch(version) + ".seed";
    }

    /**
     * A second place for a file whose usual place holds other content that must stay (a
     * replaced package that clients with the old index may still download):
     * {@code <dir>/<first 16 hex digits of its SHA-256>/<file>}.
     */
    public static String alternative(String path, String sha256) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash) + "/" + sha256.substring(0, 16) + path.substring(slash);
    }

    static String withoutEpoch(String version) {
        int colon = version.indexOf(':');
        return colon < 0 ? version : version.substring(colon + 1);
    }
}
