package org.vatools.vainstall.install;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.core.seed.SeedFile;
import org.vatools.core.seed.SeedParser;
import org.vatools.vainstall.pm.AvailablePackage;
import org.vatools.vainstall.pm.InstalledAppliance;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.target.Target;

/** What {@code list} and {@code show} report: appliances installed on a target and offered to it. */
public final class Catalog {
    private final Target target;
    private final PackageManager pm;

    public Catalog(Target target, PackageManager pm) {
        this.target = target;
        this.pm = pm;
    }

    public List<InstalledAppliance> installed() {
        return pm.installedAppliances();
    }

    public List<AvailablePackage> available() {
        return pm.availableAppliances().stream().sorted(java.util.Comparator.comparing(AvailablePackage::name)).toList();
    }

    /** An appliance as {@code show} prints it. */
    public record Shown(String name, String version, String state, Appliance descriptor, SeedFile seed,
                        String source) {
    }

    /**
     * The installed appliance's own descriptor and seed (from {@value PackageLayout#SHARE_ROOT}) when it
     * is installed, otherwise the repositories' candidate, read through the package manager.
     */
    public Shown show(String name) {
        ApplianceNames.requireValidName(name);
        Optional<InstalledAppliance> installed = pm.installedAppliances().stream()
                .filter(a -> a.name().equals(name) && a.state().equals("installed")).findFirst();
        if (installed.isPresent()) {
            Optional<byte[]> descriptor = target.files().read(PackageLayout.descriptorPath(name));
            if (descriptor.isPresent()) {
                String source = target.describe() + ":" + PackageLayout.descriptorPath(name);
                Appliance a = DescriptorReader.parsePackaged(new String(descriptor.get(), StandardCharsets.UTF_8), source);
                SeedFile seed = target.files().read(PackageLayout.seedPath(name))
                        .map(b -> SeedParser.parse(new String(b, StandardCharsets.UTF_8), PackageLayout.seedPath(name)))
                        .orElse(new SeedFile("(no seed)", List.of()));
                return new Shown(name, installed.get().version(), "installed", a, seed, "the installed package");
            }
        }
        AvailablePackage pkg = ApplianceNames.resolve(pm, name, target.describe());
        FetchedAppliance f = new ApplianceFetcher(target, pm).fetch(pkg);
        return new Shown(name, pkg.version(), installed.isPresent() ? installed.get().state() : "available",
                f.descriptor(), f.seed(), "the repository (seed from " + f.seedSource() + ")");
    }
}
