package org.vatools.core.pkg.deb;

/**
 * One entry of a .deb's data.tar, as {@code dpkg-deb -c} lists it.
 *
 * @param path       absolute, without {@code ./} or a trailing slash: {@code /usr/share/doc/foo}
 *                   ({@code /} for the root entry {@code ./})
 * @param type       what kind of entry it is
 * @param mode       permission bits including setuid, setgid and sticky ({@code 07777} at most)
 * @param size       bytes of content (0 for anything but a regular file)
 * @param linkTarget the target of a symlink as stored, or the normalized path a hard link points
 *                   to; {@code ""} otherwise
 * @param owner      owner name as stored in the archive
 * @param group      group name as stored in the archive
 * @param mtime      modification time, seconds since the epoch
 */
public record DebDataFile(String path, Type type, int mode, long size, String linkTarget, String owner,
                          String group, long mtime) {

    /** Kinds of entry a data.tar holds. */
    public enum Type {
        FILE, DIRECTORY, SYMLINK, HARDLINK, CHARACTER_DEVICE, BLOCK_DEVICE, FIFO
    }

    /**
     * The mode as {@code dpkg-deb -c} (tar) shows it: {@code -rwxr-xr-x}, {@code drwxr-xr-x},
     * {@code lrwxrwxrwx}, {@code h} for a hard link.
     */
    public String modeString() {
        char kind = switch (type) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case CHARACTER_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            case FIFO -> 'p';
            case HARDLINK -> 'h';
            case FILE -> '-';
        };
        StringBuilder sb = new StringBuilder().append(kind);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        if ((mode & 04000) != 0) {
            sb.setCharAt(3, (mode & 0100) != 0 ? 's' : 'S');
        }
        if ((mode & 02000) != 0) {
            sb.setCharAt(6, (mode & 0010) != 0 ? 's' : 'S');
        }
        if ((mode & 01000) != 0) {
            sb.setCharAt(9, (mode & 0001) != 0 ? 't' : 'T');
        }
        return sb.toString();
    }
}
