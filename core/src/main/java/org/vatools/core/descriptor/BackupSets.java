package org.vatools.core.descriptor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a backup of the appliance holds, and the hooks around it. Hook scripts are installed
 * by the package under {@code /usr/libexec/virtual-appliance/<name>/} so the installer can
 * run them on the target.
 *
 * @param sysconfig   system configuration directories (absolute)
 * @param appdata     application data directories (absolute)
 * @param preBackup   writes extra data (a database dump) into {@code $VA_BACKUP_DIR} before the backup
 * @param postRestore runs after files are restored (reload a dump, restart services)
 * @param migrate     converts restored data from an older appliance version ({@code $VA_FROM_VERSION})
 */
public record BackupSets(List<String> sysconfig, List<String> appdata, Path preBackup, Path postRestore,
                         Path migrate) {
    public BackupSets {
        sysconfig = List.copyOf(sysconfig);
        appdata = List.copyOf(appdata);
    }

    public static BackupSets none() {
        return new BackupSets(List.of(), List.of(), null, null, null);
    }

    public boolean isEmpty() {
        return sysconfig.isEmpty() && appdata.isEmpty();
    }

    public Optional<Path> preBackupHook() {
        return Optional.ofNullable(preBackup);
    }

    public Optional<Path> postRestoreHook() {
        return Optional.ofNullable(postRestore);
    }

    public Optional<Path> migrateHook() {
        return Optional.ofNullable(migrate);
    }
}
