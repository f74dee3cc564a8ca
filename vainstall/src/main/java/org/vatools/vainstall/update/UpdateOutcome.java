package org.vatools.vainstall.update;

import java.util.List;
import org.vatools.vainstall.backup.BackupResult;
import org.vatools.vainstall.install.CheckResult;

/** An update that succeeded: the backup taken first, the versions before and after, the checks. */
public record UpdateOutcome(String name, String fromVersion, String toVersion, BackupResult backup,
                            List<CheckResult> checks) {
    public UpdateOutcome {
        checks = List.copyOf(checks);
    }

    public boolean upgraded() {
        return !fromVersion.equals(toVersion);
    }
}
