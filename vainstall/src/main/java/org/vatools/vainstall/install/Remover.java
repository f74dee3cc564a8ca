package org.vatools.vainstall.install;

import java.util.List;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.pm.InstalledAppliance;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.target.CommandFailedException;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/** {@code vainstall remove NAME [--purge]}: only ever removes an installed appliance. */
public final class Remover {
    private final Target target;
    private final PackageManager pm;
    private final Reporter reporter;

    public Remover(Target target, PackageManager pm, Reporter reporter) {
        this.target = target;
        this.pm = pm;
        this.reporter = reporter;
    }

    public void remove(String name, boolean purge, boolean dryRun) {
        ApplianceNames.requireValidName(name);
        List<InstalledAppliance> installed = pm.installedAppliances();
        Optional<InstalledAppliance> found = installed.stream().filter(a -> a.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            throw new ApplianceException(ExitCode.NOT_FOUND, name + " is not an installed appliance on "
                    + target.describe() + (installed.isEmpty() ? "; none is installed"
                    : "; installed: " + PlanPrinter.installed(installed)));
        }
        if (!found.get().occupiesHost() && !purge) {
            throw new ApplianceException(ExitCode.NOT_FOUND, name + " is removed already; only its configuration"
                    + " files are left (remove them with --purge)");
        }
        if (dryRun) {
            Result r = pm.simulateRemove(name, purge);
            reporter.result("What the package manager would do (nothing was changed):\n" + r.stdoutText());
            return;
        }
        reporter.step((purge ? "Purging " : "Removing ") + name + " " + found.get().version() + " from "
                + target.describe());
        Result r = target.run(pm.removeCommand(name, purge));
        if (!r.succeeded()) {
            throw new CommandFailedException(ExitCode.PACKAGE_MANAGER, "removing " + name + " failed", r);
        }
        pm.afterRemove(name, purge);
        reporter.result(name + " " + (purge ? "purged from " : "removed from ") + target.describe());
    }
}
