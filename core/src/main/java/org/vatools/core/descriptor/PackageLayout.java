package org.vatools.core.descriptor;

/**
 * Where an appliance package puts its own files on the host. Both package families use the
 * same places, so vainstall and backups find them the same way everywhere
 * (docs/reference/package-layout.md).
 */
public final class PackageLayout {
    /** {@code /usr/share/virtual-appliance/<name>/}: descriptor and seed. */
    public static final String SHARE_ROOT = "/usr/share/virtual-appliance";
    /** {@code /usr/libexec/virtual-appliance/<name>/}: backup hooks. */
    public static final String LIBEXEC_ROOT = "/usr/libexec/virtual-appliance";
    /** {@code /etc/virtual-appliance/<name>/answers}: root-only answers on rpm hosts. */
    public static final String ETC_ROOT = "/etc/virtual-appliance";
    /** The virtual package every appliance provides, conflicts with and replaces. */
    public static final String VIRTUAL_PACKAGE = "virtual-appliance";
    /** File name of the descriptor inside the share folder. */
    public static final String DESCRIPTOR_NAME = "appliance.yaml";
    /** Deb control field / rpm tag-free marker recording the seed's SHA-256 in indexes. */
    public static final String SEED_SUFFIX = ".seed";

    /**
     * Field of an appliance's entry in an APT Packages index: the path of the seed published beside
     * the package, relative to the repository's apt/ folder (like Filename). vainstall reads it.
     */
    public static final String APT_SEED_FIELD = "Appliance-Seed";
    /** Field of an appliance's Packages entry: the SHA-256 (hex) of the seed {@link #APT_SEED_FIELD} names. */
    public static final String APT_SEED_SHA256_FIELD = "Appliance-Seed-SHA256";

    private PackageLayout() {
    }

    public static String descriptorPath(String name) {
        return SHARE_ROOT + "/" + name + "/" + DESCRIPTOR_NAME;
    }

    public static String seedPath(String name) {
        return SHARE_ROOT + "/" + name + "/" + name + SEED_SUFFIX;
    }

    public static String hookPath(String name, String hook) {
        return LIBEXEC_ROOT + "/" + name + "/" + hook;
    }

    public static String answersPath(String name) {
        return ETC_ROOT + "/" + name + "/answers";
    }
}
