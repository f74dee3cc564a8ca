package org.vatools.vainstall.install;

import java.util.List;

/** How an install ended: its plan, the checks' results and where the appliance can be reached. */
public record InstallOutcome(InstallPlan plan, boolean dryRun, List<CheckResult> checks, List<String> reachableAt) {
    public InstallOutcome {
        checks = List.copyOf(checks);
        reachableAt = List.copyOf(reachableAt);
    }
}
