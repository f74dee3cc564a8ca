package org.vatools.core.pkg.rpm;

/**
 * One file of an rpm's file list, from the header's parallel arrays.
 *
 * @param path       absolute path: DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]
 * @param mode       st_mode: type and permission bits (FILEMODES, unsigned)
 * @param size       FILESIZES or LONGFILESIZES
 * @param flags      FILEFLAGS (see the constants)
 * @param digest     FILEDIGESTS hex in {@link RpmPackage#fileDigestAlgorithm()}, {@code ""} for
 *                   anything but regular files
 * @param linkTarget FILELINKTOS, {@code ""} unless a symlink
 * @param user       FILEUSERNAME
 * @param group      FILEGROUPNAME
 * @param mtime      FILEMTIMES, seconds since the epoch
 */
public record RpmFile(String path, int mode, long size, int flags, String digest, String linkTarget, String user,
                      String group, long mtime) {
    public static final int CONFIG = 1;
    public static final int DOC = 1 << 1;
    public static final int MISSINGOK = 1 << 3;
    public static final int NOREPLACE = 1 << 4;
    public static final int GHOST = 1 << 6;
    public static final int LICENSE = 1 << 7;
    public static final int README = 1 << 8;
    public static final int ARTIFACT = 1 << 12;

    private static final int S_IFMT = 0170000;

    /** S_IFDIR. */
    public boolean isDirectory() {
        return (mode & S_IFMT) == 0040000;
    }

    /** S_IFREG. */
    public boolean isRegularFile() {
        return (mode & S_IFMT) == 0100000;
    }

    /** S_IFLNK. */
    public boolean isSymlink() {
        return (mode & S_IFMT) == 0120000;
    }

    /** A %ghost file: owned but not in the payload. */
    public boolean isGhost() {
        return (flags & GHOST) != 0;
    }

    /** A %config file. */
    public boolean isConfig() {
        return (flags & CONFIG) != 0;
    }

    /** A %doc file. */
    public boolean isDoc() {
        return (flags & DOC) != 0;
    }

    /** The type createrepo_c writes in filelists.xml: {@code dir}, {@code ghost} or {@code ""} for a file. */
    public String repodataType() {
        return isDirectory() ? "dir" : isGhost() ? "ghost" : "";
    }
}
