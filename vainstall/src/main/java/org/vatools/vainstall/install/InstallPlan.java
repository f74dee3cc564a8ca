package org.vatools.vainstall.install;

import java.util.List;
import java.util.Optional;
import org.vatools.core.descriptor.Family;
import org.vatools.vainstall.host.HostFacts;
import org.vatools.vainstall.pm.InstalledAppliance;

/**
 * Everything decided before the first change: the appliance, the host, the merged answers, what
 * it replaces, and the steps in order with their status.
 *
 * @param replaces    appliances the install removes (only with --replace)
 * @param reinstalled the same appliance, when it is installed already (then it is upgraded or reconfigured)
 */
public record InstallPlan(String target, Family family, FetchedAppliance appliance, HostFacts host,
                          MergedAnswers answers, List<InstalledAppliance> replaces,
                          Optional<InstalledAppliance> reinstalled, List<PlanStep> steps) {
    public InstallPlan {
        replaces = List.copyOf(replaces);
        steps = List.copyOf(steps);
    }

    public String name() {
        return appliance.pkg().name();
    }

    public String version() {
        return appliance.pkg().version();
    }
}
