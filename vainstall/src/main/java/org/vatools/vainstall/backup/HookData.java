package org.vatools.vainstall.backup;

/**
 * What the appliance's pre-backup hook wrote into {@code $VA_BACKUP_DIR}, stored under
 * {@code hook/} in appdata.tar.gz (the folder itself included in {@code entries}).
 */
public record HookData(long entries, long bytes) {
}
