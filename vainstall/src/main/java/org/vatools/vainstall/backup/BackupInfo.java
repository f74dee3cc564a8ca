package org.vatools.vainstall.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vatools.core.descriptor.Family;

/**
 * What info.yaml says about a backup: the appliance and version it was made from, when, with
 * which tool, on which host, the sets with their sizes, the hook data, and what was left out.
 *
 * @param hookData null when the appliance has no pre-backup hook
 * @param skipped  files left out of the backup, each with the reason (special files, symlinks out of their set)
 */
public record BackupInfo(String appliance, String version, Family family, Instant created, String tool,
                         HostSummary host, List<BackupSet> sets, HookData hookData, List<String> skipped) {
    public BackupInfo {
        sets = List.copyOf(sets);
        skipped = List.copyOf(skipped);
    }

    public List<BackupSet> sets(BackupCategory category) {
        return sets.stream().filter(s -> s.category() == category).toList();
    }

    public Optional<HookData> hook() {
        return Optional.ofNullable(hookData);
    }

    /** Bytes of regular files in the sets and the hook data. */
    public long totalBytes() {
        return sets.stream().mapToLong(BackupSet::bytes).sum() + (hookData == null ? 0 : hookData.bytes());
    }

    public long totalEntries() {
        return sets.stream().mapToLong(BackupSet::entries).sum() + (hookData == null ? 0 : hookData.entries());
    }
}
