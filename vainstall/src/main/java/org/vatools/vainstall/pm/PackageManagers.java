package org.vatools.vainstall.pm;

import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Target;

/** Finds the target's package family: dpkg first (Debian hosts may carry rpm as a tool), then rpm. */
public final class PackageManagers {
    private PackageManagers() {
    }

    public static PackageManager detect(Target target) {
        if (target.run(Command.of("dpkg", "--version")).succeeded()) {
            return new AptPackageManager(target);
        }
        if (target.run(Command.of("rpm", "--version")).succeeded()) {
            return new DnfPackageManager(target);
        }
        throw new ApplianceException(ExitCode.ENVIRONMENT, "neither dpkg nor rpm runs on " + target.describe()
                + "; vainstall needs a Debian/Ubuntu (apt) or RHEL-family (dnf) system");
    }
}
