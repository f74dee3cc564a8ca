package org.vatools.vainstall.backup;

/** The two kinds of backup sets a descriptor declares, each stored in a tar member of its own. */
public enum BackupCategory {
    SYSCONFIG("sysconfig", AbfFormat.SYSCONFIG_MEMBER),
    APPDATA("appdata", AbfFormat.APPDATA_MEMBER);

    private final String key;
    private final String member;

    BackupCategory(String key, String member) {
        this.key = key;
        this.member = member;
    }

    /** The key in the descriptor and in info.yaml: {@code sysconfig}, {@code appdata}. */
    public String key() {
        return key;
    }

    /** The zip member holding this category's sets. */
    public String member() {
        return member;
    }

    public static BackupCategory ofMember(String member) {
        for (BackupCategory c : values()) {
            if (c.member.equals(member)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a tar member: " + member);
    }
}
