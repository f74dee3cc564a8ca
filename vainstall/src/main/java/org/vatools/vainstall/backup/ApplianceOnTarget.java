package org.vatools.vainstall.backup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.BackupSets;
import org.vatools.core.descriptor.DescriptorReader;
import org.vatools.core.descriptor.Family;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.core.descriptor.PackagePolicy;
import org.vatools.vainstall.install.ApplianceNames;
import org.vatools.vainstall.pm.InstalledAppliance;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.target.Target;

/**
 * The appliance installed on a target, with the descriptor its package installed
 * ({@code /usr/share/virtual-appliance/NAME/appliance.yaml}): its backup sets and hooks.
 */
public record ApplianceOnTarget(String name, String version, Family family, Appliance descriptor) {

    public BackupSets backup() {
        return descriptor.backup();
    }

    /** The set folders, for reading backups of the original design. */
    public AbfReader.SetLayout layout() {
        return new AbfReader.SetLayout(backup().sysconfig(), backup().appdata());
    }

    public List<String> sets(BackupCategory category) {
        return category == BackupCategory.SYSCONFIG ? backup().sysconfig() : backup().appdata();
    }

    /** Negative when {@code a} is older than {@code b}, as the family's package manager orders versions. */
    public static int compareVersions(Family family, String a, String b) {
        return family == Family.RPM ? PackagePolicy.compareRpmVersions(a, b) : PackagePolicy.compareDebianVersions(a, b);
    }

    /** The appliance that occupies the target, if any (several would be a broken host: the first). */
    public static Optional<InstalledAppliance> occupying(PackageManager pm) {
        return pm.installedAppliances().stream().filter(InstalledAppliance::occupiesHost).findFirst();
    }

    /**
     * The installed appliance {@code name}, or the one installed when {@code name} is null.
     *
     * @throws ApplianceException NOT_FOUND when it is not installed
     */
    public static ApplianceOnTarget find(Target target, PackageManager pm, String name) {
        List<InstalledAppliance> installed = pm.installedAppliances().stream()
                .filter(InstalledAppliance::occupiesHost).toList();
        InstalledAppliance found;
        if (name == null) {
            if (installed.isEmpty()) {
                throw new ApplianceException(ExitCode.NOT_FOUND, "no appliance is installed on " + target.describe());
            }
            found = installed.get(0);
        } else {
            ApplianceNames.requireValidName(name);
            found = installed.stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ApplianceException(ExitCode.NOT_FOUND, name + " is not installed on "
                            + target.describe() + (installed.isEmpty() ? "; no appliance is"
                            : "; installed: " + installed.get(0).name() + " " + installed.get(0).version())));
        }
        if (!found.state().equals("installed")) {
            throw new ApplianceException(ExitCode.PACKAGE_MANAGER, found.name() + " " + found.version() + " is "
                    + found.state() + " on " + target.describe() + ", not installed; finish or repair its installation"
                    + " first (apt-get -f install, dpkg --configure -a, or dnf distro-sync)");
        }
        String path = PackageLayout.descriptorPath(found.name());
        byte[] descriptor = target.files().read(path).orElseThrow(() -> new ApplianceException(ExitCode.ENVIRONMENT,
                path + " is missing on " + target.describe() + ", although " + found.name() + " is installed;"
                + " reinstall it (apt-get install --reinstall " + found.name() + ")"));
        Appliance a = DescriptorReader.parsePackaged(new String(descriptor, StandardCharsets.UTF_8),
                target.describe() + ":" + path);
        return new ApplianceOnTarget(found.name(), found.version(), pm.family(), a);
    }
}
