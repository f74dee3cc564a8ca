package org.vatools.vainstall.backup;

import java.time.Instant;

/**
 * One file, folder or link of a backup set, with its path relative to the set ({@code ""} is the
 * set's own folder).
 *
 * @param link  the symlink's target, or the path (relative to the set) a hard link points to; else null
 * @param user  owner name ({@code ""} when the host had no name for the uid)
 * @param group group name ({@code ""} when the host had no name for the gid)
 */
public record BackupEntry(String path, Type type, long size, int mode, String user, String group, long uid, long gid,
                          String link, Instant modified) {
    /** The kinds of entries a backup may hold; device files, FIFOs and sockets are never among them. */
    public enum Type {
        DIRECTORY, FILE, SYMLINK, HARDLINK
    }

    /** Permission bits only: 07777. */
    public int permissions() {
        return mode & 07777;
    }

    /** How the entry is named in messages: {@code ./} for the set's folder. */
    public String shown() {
        return path.isEmpty() ? "./" : path;
    }
}
