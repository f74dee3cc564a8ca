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
import org.vatools.vainstall.target.FileMode;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * dnf and rpm. rpm has no debconf, so answers go to a root-only file the appliance's scripts read
 * ({@link PackageLayout#answersPath}, debconf-set-selections format, mode 0600), written before
 * {@code dnf install} and removed again if the install fails. {@code --allowerasing} (which lets
 * dnf remove the installed appliance that conflicts) is passed only with {@code --replace}.
 */
public final class DnfPackageManager implements PackageManager {
    static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(30);
    static final Duration INSTALL_TIMEOUT = Duration.ofHours(2);

    private final Target target;

    public DnfPackageManager(Target target) {
        this.target = target;
    }

    @Override
    public Family family() {
        return Family.RPM;
    }

    @Override
    public String updateCommand() {
        return "dnf -y makecache --refresh --setopt=skip_if_unavailable=False";
    }

    @Override
    public void update() {
        Result r = target.run(Command.of("dnf", "-y", "makecache", "--refresh", "--setopt=skip_if_unavailable=False")
                .streaming().withTimeout(UPDATE_TIMEOUT));
        if (!r.succeeded()) {
            throw Failures.of(r, "refreshing dnf's metadata on " + target.describe() + " failed");
        }
    }

    @Override
    public Optional<AvailablePackage> candidate(String name) {
        Optional<AvailablePackage> appliance = availableAppliances().stream().filter(p -> p.name().equals(name))
                .findFirst();
        if (appliance.isPresent()) {
            return appliance;
        }
        Result r = target.run(Command.of(RpmQueries.candidateArgv(name)));
        if (!r.succeeded()) {
            return Optional.empty();
        }
        return RpmQueries.available(r.stdoutText(), false).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public List<AvailablePackage> availableAppliances() {
        Result r = target.run(Command.of(RpmQueries.availableAppliancesArgv()).withTimeout(UPDATE_TIMEOUT))
                .requireSuccess(ExitCode.PACKAGE_MANAGER, "cannot list the appliances the repositories offer");
        return RpmQueries.available(r.stdoutText(), true);
    }

    @Override
    public List<InstalledAppliance> installedAppliances() {
        Result r = target.run(Command.of(RpmQueries.installedAppliancesArgv()));
        if (r.exitCode() == 1 && r.stdoutText().contains("no package provides")) {
            return List.of();
        }
        r.requireSuccess(ExitCode.PACKAGE_MANAGER, "cannot read rpm's database");
        return RpmQueries.installed(r.stdoutText());
    }

    @Override
    public String download(AvailablePackage pkg, String dir) {
        Result r = target.run(Command.of("dnf", "-q", "download", "--destdir", dir, spec(pkg))
                .withTimeout(UPDATE_TIMEOUT));
        if (!r.succeeded()) {
            throw Failures.of(r, "downloading " + pkg.name() + " " + pkg.version() + " failed");
        }
        List<String> rpms = target.files().list(dir).stream().filter(f -> f.endsWith(".rpm")).toList();
        if (rpms.size() != 1) {
            throw new ApplianceException(ExitCode.PACKAGE_MANAGER, "dnf download left " + rpms.size()
                    + " .rpm files in " + dir + " instead of one: " + rpms);
        }
        return dir + "/" + rpms.get(0);
    }

    /** {@code name-[epoch:]version-release}, as dnf accepts a package spec. */
    static String spec(AvailablePackage pkg) {
        return pkg.name() + "-" + pkg.version();
    }

    @Override
    public PackageFiles packageFiles() {
        return new CorePackageFiles(target);
    }

    @Override
    public PublishedSeeds publishedSeeds() {
        return PublishedSeeds.none();
    }

    @Override
    public String answerDelivery(String appliance) {
        return "write " + PackageLayout.answersPath(appliance) + " (root only, 0600)";
    }

    @Override
    public void checkAnswers(List<Selection> answers) {
        // nothing reads the file before the package scripts; the answers were validated when merged
    }

    @Override
    public void deliverAnswers(String appliance, List<Selection> answers) {
        StringBuilder sb = new StringBuilder("# answers for " + appliance + " written by vainstall"
                + " (debconf-set-selections format; read by the appliance's package scripts)\n");
        for (Selection s : answers) {
            sb.append(s.line()).append('\n');
        }
        String path = PackageLayout.answersPath(appliance);
        target.files().makeDirectories(path.substring(0, path.lastIndexOf('/')), 0755);
        target.files().write(path, sb.toString().getBytes(StandardCharsets.UTF_8), FileMode.rootOnly());
    }

    @Override
    public void withdrawAnswers(String appliance) {
        target.files().remove(PackageLayout.answersPath(appliance));
    }

    @Override
    public Command installCommand(AvailablePackage pkg, boolean replace) {
        List<String> argv = new ArrayList<>(List.of("dnf", "-y", "install"));
        if (replace) {
            argv.add("--allowerasing");
        }
        argv.add(spec(pkg));
        return Command.of(argv).streaming().withTimeout(INSTALL_TIMEOUT);
    }

    @Override
    public Result simulateInstall(AvailablePackage pkg, boolean replace) {
        List<String> argv = new ArrayList<>(List.of("dnf", "install", "--assumeno"));
        if (replace) {
            argv.add("--allowerasing");
        }
        argv.add(spec(pkg));
        return assumeNo(target.run(Command.of(argv).withTimeout(INSTALL_TIMEOUT)), "dnf cannot install " + spec(pkg));
    }

    /** dnf --assumeno exits 1 after printing the transaction it would run ("Operation aborted"). */
    private static Result assumeNo(Result r, String what) {
        if (r.succeeded() || (r.exitCode() == 1 && (r.stdoutText() + r.stderrTail()).contains("Operation aborted"))) {
            return r;
        }
        throw Failures.of(r, what);
    }

    @Override
    public Command removeCommand(String name, boolean purge) {
        return Command.of("dnf", "-y", "remove", name).streaming().withTimeout(INSTALL_TIMEOUT);
    }

    @Override
    public Result simulateRemove(String name, boolean purge) {
        return assumeNo(target.run(Command.of("dnf", "remove", "--assumeno", name)), "dnf cannot remove " + name);
    }

    @Override
    public void afterRemove(String name, boolean purge) {
        if (purge) {
            target.files().remove(PackageLayout.ETC_ROOT + "/" + name);
        }
    }

    @Override
    public List<Command> upgradeCommands(String name) {
        return List.of(Command.of("dnf", "-y", "upgrade", name).streaming().withTimeout(INSTALL_TIMEOUT),
                Command.of("dnf", "-y", "upgrade").streaming().withTimeout(INSTALL_TIMEOUT));
    }

    @Override
    public Command downgradeCommand(String name, String version) {
        return Command.of("dnf", "-y", "downgrade", name + "-" + version).streaming().withTimeout(INSTALL_TIMEOUT);
    }
}
