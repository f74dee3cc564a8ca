package org.vatools.vainstall.backup;

import java.util.List;

/**
 * The names and limits of the Appliance Backup File (docs/reference/abf.md). A zip holding, in
 * this order: {@code version}, {@code sysconfig.tar.gz}, {@code appdata.tar.gz}, {@code info.yaml},
 * {@code sha256sums}. Inside the tar members, a set's entries are named {@code INDEX/PATH}
 * relative to the set (INDEX is the set's position in info.yaml's list for that category, and
 * {@code INDEX/} itself is the set's folder); what the pre-backup hook wrote is under
 * {@code hook/} in appdata.tar.gz.
 */
public final class AbfFormat {
    /** The format this tool writes. */
    public static final int VERSION = 2;
    /** The original design's format: sha1sums, tar entries named by absolute path. */
    public static final int LEGACY_VERSION = 1;

    public static final String VERSION_MEMBER = "version";
    public static final String INFO_MEMBER = "info.yaml";
    public static final String SYSCONFIG_MEMBER = "sysconfig.tar.gz";
    public static final String APPDATA_MEMBER = "appdata.tar.gz";
    public static final String SHA256_MEMBER = "sha256sums";
    public static final String SHA1_MEMBER = "sha1sums";
    /** The members in the order they are written; sha256sums lists the four before it. */
    public static final List<String> MEMBERS = List.of(VERSION_MEMBER, SYSCONFIG_MEMBER, APPDATA_MEMBER, INFO_MEMBER,
            SHA256_MEMBER);

    /** The top-level folder of hook data in appdata.tar.gz. */
    public static final String HOOK_GROUP = "hook";

    /** Small members are read into memory; larger ones are refused. */
    public static final int MAX_VERSION_BYTES = 64;
    public static final int MAX_INFO_BYTES = 1 << 20;
    public static final int MAX_SUMS_BYTES = 64 << 10;

    private AbfFormat() {
    }

    /** The tar group (top-level folder) of set {@code index}. */
    public static String group(int index) {
        return Integer.toString(index);
    }
}
