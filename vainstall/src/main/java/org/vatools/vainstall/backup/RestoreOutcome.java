package org.vatools.vainstall.backup;

import java.util.List;

/**
 * A restore that succeeded.
 *
 * @param installed true when the appliance was installed first (--install)
 * @param migrated  true when the migrate hook ran (the backup was older than the installed appliance)
 * @param log       the restore log on the target
 */
public record RestoreOutcome(VerifiedBackup backup, ApplianceOnTarget appliance, boolean installed, boolean migrated,
                             List<String> restoredSets, String log) {
    public RestoreOutcome {
        restoredSets = List.copyOf(restoredSets);
    }
}
