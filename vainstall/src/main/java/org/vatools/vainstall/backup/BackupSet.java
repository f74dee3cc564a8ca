package org.vatools.vainstall.backup;

/**
 * One declared folder in a backup, as info.yaml records it.
 *
 * @param index   its position in the category's list: its tar entries are named {@code INDEX/...}
 * @param path    the absolute folder on the appliance's host
 * @param present false when the folder did not exist when the backup was made (no entries)
 * @param entries how many tar entries it holds, its own folder included
 * @param bytes   the size of its regular files
 */
public record BackupSet(BackupCategory category, int index, String path, boolean present, long entries, long bytes) {
    public String group() {
        return AbfFormat.group(index);
    }

    @Override
    public String toString() {
        return category.key() + " " + path;
    }
}
