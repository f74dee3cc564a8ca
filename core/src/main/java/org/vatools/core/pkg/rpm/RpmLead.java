package org.vatools.core.pkg.rpm;

/**
 * The 96-byte lead at the start of every rpm: magic, format version, type, and a name and
 * architecture that rpm no longer trusts (the headers are authoritative).
 *
 * @param major         format major version (3, or 4 for some rpm 4.x builds)
 * @param minor         format minor version
 * @param type          0 binary, 1 source
 * @param archnum       legacy architecture number
 * @param name          legacy name field (NEVR, NUL-terminated in 66 bytes)
 * @param osnum         legacy OS number
 * @param signatureType 5: a header-style signature follows
 */
public record RpmLead(int major, int minor, int type, int archnum, String name, int osnum, int signatureType) {
    public static final int SIZE = 96;
}
