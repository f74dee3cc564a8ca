package org.vatools.vainstall.pm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Family;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * apt-get, apt-cache, dpkg-query and debconf-set-selections. Installs run non-interactively
 * (debconf's answers come from the preseeded database) and keep locally changed configuration
 * files ({@code --force-confdef --force-confold}).
 */
public final class AptPackageManager implements PackageManager {
    static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(30);
    static final Duration INSTALL_TIMEOUT = Duration.ofHours(2);
    static final List<String> DPKG_OPTIONS = List.of("-o", "Dpkg::Options::=--force-confdef",
            "-o", "Dpkg::Options::=--force-confold");

    private final Target target;

    public AptPackageManager(Target target) {
        this.target = target;
    }

    @Override
    public Family family() {
        return Family.DEB;
    }

    @Override
    public String updateCommand() {
        return "apt-get update --error-on=any";
    }

    @Override
    public void update() {
        Result r = target.run(Command.of("apt-get", "update", "--error-on=any").streaming().withTimeout(UPDATE_TIMEOUT));
        if (!r.succeeded()) {
            throw Failures.of(r, "updating the package lists on " + target.describe() + " failed");
        }
    }

    @Override
    public Optional<AvailablePackage> candidate(String name) {
        Result r = target.run(Command.of("apt-cache", "show", "--no-all-versions", name));
        if (!r.succeeded()) {
            return Optional.empty();
        }
        return AptCache.packages(r.stdoutText()).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public List<AvailablePackage> availableAppliances() {
        Result providers = target.run(Command.of("apt-cache", "showpkg", PackageLayout.VIRTUAL_PACKAGE))
                .requireSuccess(ExitCode.PACKAGE_MANAGER, "cannot list the appliances the repositories offer");
        List<String> names = AptCache.reverseProvides(providers.stdoutText());
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(List.of("apt-cache", "show", "--no-all-versions"));
        argv.addAll(names);
        Result show = target.run(Command.of(argv))
                .requireSuccess(ExitCode.PACKAGE_MANAGER, "cannot read the appliances' index entries");
        return AptCache.packages(show.stdoutText()).stream().filter(AvailablePackage::isAppliance).toList();
    }

    @Override
    public List<InstalledAppliance> installedAppliances() {
        Result r = target.run(Command.of(DpkgQuery.argv()))
                .requireSuccess(ExitCode.PACKAGE_MANAGER, "cannot read dpkg's database");
        return DpkgQuery.appliances(r.stdoutText());
    }

    @Override
    public String download(AvailablePackage pkg, String dir) {
        Result r = target.run(Command.of("apt-get", "download", pkg.name() + "=" + pkg.version())
                .inDirectory(dir).withTimeout(UPDATE_TIMEOUT));
        if (!r.succeeded()) {
            throw Failures.of(r, "downloading " + pkg.name() + " " + pkg.version() + " failed");
        }
        List<String> debs = target.files().list(dir).stream().filter(f -> f.endsWith(".deb")).toList();
        if (debs.size() != 1) {
            throw new ApplianceException(ExitCode.PACKAGE_MANAGER, "apt-get download left " + debs.size()
                    + " .deb files in " + dir + " instead of one: " + debs);
        }
        return dir + "/" + debs.get(0);
    }

    @Override
    public PackageFiles packageFiles() {
        return new CorePackageFiles(target);
    }

    @Override
    public PublishedSeeds publishedSeeds() {
        return new AptPublishedSeeds(target);
    }

    @Override
    public String answerDelivery(String appliance) {
        return "debconf-set-selections (answers on stdin)";
    }

    @Override
    public void checkAnswers(List<Selection> answers) {
        Result r = target.run(selections(answers, true));
        if (!r.succeeded()) {
            throw new org.vatools.vainstall.target.CommandFailedException(ExitCode.INVALID_INPUT,
                    "debconf-set-selections -c refused the answers", r);
        }
    }

    @Override
    public void deliverAnswers(String appliance, List<Selection> answers) {
        target.run(selections(answers, false)).requireSuccess(ExitCode.PACKAGE_MANAGER,
                "preseeding debconf on " + target.describe() + " failed");
    }

    private static Command selections(List<Selection> answers, boolean checkOnly) {
        StringBuilder sb = new StringBuilder();
        List<String> secrets = new ArrayList<>();
        for (Selection s : answers) {
            sb.append(s.line()).append('\n');
            if (s.secret()) {
                secrets.add(s.value());
            }
        }
        Command c = checkOnly ? Command.of("debconf-set-selections", "-c") : Command.of("debconf-set-selections");
        return c.withStdin(sb.toString().getBytes(StandardCharsets.UTF_8)).redacting(secrets);
    }

    @Override
    public void withdrawAnswers(String appliance) {
        // debconf keeps answers in its own database; the package's purge removes them
    }

    @Override
    public Command installCommand(AvailablePackage pkg, boolean replace) {
        return install(pkg, false);
    }

    private static Command install(AvailablePackage pkg, boolean simulate) {
        List<String> argv = new ArrayList<>(List.of("apt-get", "install", simulate ? "-s" : "-y"));
        argv.addAll(DPKG_OPTIONS);
        argv.add(pkg.name() + "=" + pkg.version());
        Command c = Command.of(argv).withEnv("DEBIAN_FRONTEND", "noninteractive").withTimeout(INSTALL_TIMEOUT);
        return simulate ? c : c.streaming();
    }

    @Override
    public Result simulateInstall(AvailablePackage pkg, boolean replace) {
        Result r = target.run(install(pkg, true));
        if (!r.succeeded()) {
            throw Failures.of(r, "apt-get cannot install " + pkg.name() + " " + pkg.version());
        }
        return r;
    }

    @Override
    public Command removeCommand(String name, boolean purge) {
        return remove(name, purge, false);
    }

    private static Command remove(String name, boolean purge, boolean simulate) {
        Command c = Command.of("apt-get", purge ? "purge" : "remove", simulate ? "-s" : "-y", name)
                .withEnv("DEBIAN_FRONTEND", "noninteractive").withTimeout(INSTALL_TIMEOUT);
        return simulate ? c : c.streaming();
    }

    @Override
    public Result simulateRemove(String name, boolean purge) {
        return target.run(remove(name, purge, true)).requireSuccess(ExitCode.PACKAGE_MANAGER,
                "apt-get cannot remove " + name);
    }

    @Override
    public void afterRemove(String name, boolean purge) {
        // dpkg's purge removes the configuration and debconf's answers
    }

    @Override
    public List<Command> upgradeCommands(String name) {
        List<String> only = new ArrayList<>(List.of("apt-get", "install", "-y", "--only-upgrade"));
        only.addAll(DPKG_OPTIONS);
        only.add(name);
        List<String> rest = new ArrayList<>(List.of("apt-get", "upgrade", "-y", "--with-new-pkgs"));
        rest.addAll(DPKG_OPTIONS);
        return List.of(noninteractive(only), noninteractive(rest));
    }

    @Override
    public Command downgradeCommand(String name, String version) {
        List<String> argv = new ArrayList<>(List.of("apt-get", "install", "-y", "--allow-downgrades"));
        argv.addAll(DPKG_OPTIONS);
        argv.add(name + "=" + version);
        return noninteractive(argv);
    }

    private static Command noninteractive(List<String> argv) {
        return Command.of(argv).withEnv("DEBIAN_FRONTEND", "noninteractive").withTimeout(INSTALL_TIMEOUT).streaming();
    }
}
