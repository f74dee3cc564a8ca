package org.vatools.vainstall.backup;

import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/** Between commons-compress tar entries and {@link BackupEntry}: which entry types are allowed, and how they are named. */
final class TarEntries {
    private TarEntries() {
    }

    /**
     * The entry as a backup entry at {@code path} (relative to its set), with a hard link's target
     * given relative to the set too; refuses every type a backup may not hold.
     *
     * @param where names the entry in messages ({@code appdata.tar.gz: 1/dev/sda})
     */
    static BackupEntry fromTar(TarArchiveEntry t, String path, String hardLinkTarget, String where) {
        BackupEntry.Type type = type(t, where);
        long size = type == BackupEntry.Type.FILE ? t.getSize() : 0;
        if (size < 0) {
            throw refused(where, "has a negative size");
        }
        String link = switch (type) {
            case SYMLINK -> t.getLinkName();
            case HARDLINK -> hardLinkTarget;
            default -> null;
        };
        Instant modified = t.getLastModifiedTime() == null ? Instant.EPOCH : t.getLastModifiedTime().toInstant();
        return new BackupEntry(path, type, size, t.getMode(), nullToEmpty(t.getUserName()),
                nullToEmpty(t.getGroupName()), t.getLongUserId(), t.getLongGroupId(), link, modified);
    }

    static BackupEntry.Type type(TarArchiveEntry t, String where) {
        if (t.isSparse()) {
            throw refused(where, "is a sparse file entry; backups hold plain files only");
        }
        byte flag = t.getLinkFlag();
        switch (flag) {
            case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM -> {
                if (t.getName().endsWith("/")) {
                    throw refused(where, "is a regular file whose name ends with '/'");
                }
                return BackupEntry.Type.FILE;
            }
            case TarConstants.LF_DIR -> {
                return BackupEntry.Type.DIRECTORY;
            }
            case TarConstants.LF_SYMLINK -> {
                return BackupEntry.Type.SYMLINK;
            }
            case TarConstants.LF_LINK -> {
                return BackupEntry.Type.HARDLINK;
            }
            case TarConstants.LF_CHR, TarConstants.LF_BLK -> throw refused(where, "is a device file ("
                    + (flag == TarConstants.LF_CHR ? "character" : "block") + " device " + t.getDevMajor() + ","
                    + t.getDevMinor() + "); backups never create device files");
            case TarConstants.LF_FIFO -> throw refused(where, "is a FIFO; backups hold files, folders and links only");
            default -> throw refused(where, "has the tar entry type '" + (char) flag + "'; backups hold files, folders"
                    + " and links only");
        }
    }

    /** A tar entry for {@code e} named {@code name}; {@code linkName} is the symlink target or hard link name. */
    static TarArchiveEntry toTar(BackupEntry e, String name, String linkName) {
        TarArchiveEntry t = switch (e.type()) {
            case DIRECTORY -> new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
            case FILE -> {
                TarArchiveEntry f = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
                f.setSize(e.size());
                yield f;
            }
            case SYMLINK -> {
                TarArchiveEntry l = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
                l.setLinkName(linkName);
                yield l;
            }
            case HARDLINK -> {
                TarArchiveEntry l = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
                l.setLinkName(linkName);
                yield l;
            }
        };
        t.setMode(typeBits(e.type()) | e.permissions());
        t.setUserName(e.user());
        t.setGroupName(e.group());
        t.setUserId(e.uid());
        t.setGroupId(e.gid());
        t.setModTime(java.nio.file.attribute.FileTime.from(e.modified()));
        return t;
    }

    private static int typeBits(BackupEntry.Type type) {
        return switch (type) {
            case DIRECTORY -> 040000;
            case SYMLINK -> 0120000;
            default -> 0100000;
        };
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static ApplianceException refused(String where, String why) {
        return new ApplianceException(ExitCode.INVALID_INPUT, where + " " + why);
    }
}
