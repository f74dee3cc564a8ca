package org.vatools.vainstall.update;

import java.util.ArrayList;
import java.util.List;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Check;
import org.vatools.vainstall.backup.ApplianceOnTarget;
import org.vatools.vainstall.backup.BackupFile;
import org.vatools.vainstall.backup.BackupMaker;
import org.vatools.vainstall.backup.BackupRequest;
import org.vatools.vainstall.backup.BackupResult;
import org.vatools.vainstall.backup.Restorer;
import org.vatools.vainstall.install.CheckResult;
import org.vatools.vainstall.install.CheckRunner;
import org.vatools.vainstall.install.Reporter;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * {@code vainstall update}: backs the appliance up, upgrades it and then the target's other
 * packages through the package manager, and runs the appliance's checks. When the upgrade or a
 * check fails, it says how to roll back with the backup it just made, and with
 * {@code --rollback-on-failure} does so: installs the previous version again and restores the
 * backup onto it.
 */
public final class Updater {
    /** Reads the backup just written back, for a rollback. */
    @FunctionalInterface
    public interface BackupOpener {
        BackupFile open(java.nio.file.Path file);
    }

    private final Target target;
    private final PackageManager pm;
    private final Reporter reporter;
    private final BackupMaker backups;
    private final Restorer restorer;
    private final CheckRunner checks;
    private final BackupOpener opener;

    public Updater(Target target, PackageManager pm, Reporter reporter, BackupMaker backups, Restorer restorer,
                   CheckRunner checks, BackupOpener opener) {
        this.target = target;
        this.pm = pm;
        this.reporter = reporter;
        this.backups = backups;
        this.restorer = restorer;
        this.checks = checks;
        this.opener = opener;
    }

    public UpdateOutcome update(UpdateRequest request) {
        ApplianceOnTarget before = ApplianceOnTarget.find(target, pm, request.name());
        String name = before.name();
        BackupResult backup = backups.backup(before, new BackupRequest(name, request.backup(), null, false));
        reporter.detail("  backup: " + backup.file() + " (SHA-256 " + backup.sha256() + ")");
        if (!request.noUpdate()) {
            reporter.step("Updating the package lists (" + pm.updateCommand() + ")");
            pm.update();
        }
        reporter.step("Upgrading " + name + " " + before.version() + " and the packages of " + target.describe());
        for (Command c : pm.upgradeCommands(name)) {
            Result r = target.run(c);
            if (!r.succeeded()) {
                throw failed(request, before, backup, ExitCode.PACKAGE_MANAGER, "'" + c.display() + "' failed on "
                        + target.describe() + " (exit " + r.exitCode() + "): " + r.stderrTail().strip());
            }
        }
        ApplianceOnTarget after;
        try {
            after = ApplianceOnTarget.find(target, pm, name);
        } catch (ApplianceException e) {
            throw failed(request, before, backup, ExitCode.PACKAGE_MANAGER, e.getMessage());
        }
        if (after.version().equals(before.version())) {
            reporter.detail(name + " " + before.version() + " is the newest version the repositories offer");
        }
        List<CheckResult> results = List.of();
        List<Check> declared = after.descriptor().checks();
        if (!declared.isEmpty() && target.runsServices()) {
            reporter.step("Checking " + name + " " + after.version() + " (" + declared.size()
                    + (declared.size() == 1 ? " check)" : " checks)"));
            results = checks.run(declared);
            List<String> failedChecks = new ArrayList<>();
            for (CheckResult c : results) {
                String line = (c.passed() ? "  ok      " : "  FAILED  ") + c.check() + ": " + c.detail();
                reporter.detail(line);
                if (!c.passed()) {
                    failedChecks.add(line.strip());
                }
            }
            if (!failedChecks.isEmpty()) {
                throw failed(request, before, backup, ExitCode.CHECK_FAILED, name + " was upgraded to "
                        + after.version() + ", but " + failedChecks.size() + " of " + results.size()
                        + " checks failed:\n  " + String.join("\n  ", failedChecks));
            }
        } else if (!declared.isEmpty()) {
            reporter.detail("checks skipped: services do not run in a chroot");
        }
        return new UpdateOutcome(name, before.version(), after.version(), backup, results);
    }

    /** The failure, after a rollback when asked for one; its message says how to roll back otherwise. */
    private ApplianceException failed(UpdateRequest request, ApplianceOnTarget before, BackupResult backup,
                                      ExitCode code, String why) {
        String name = before.name();
        String downgrade = pm.downgradeCommand(name, before.version()).display();
        String restore = "vainstall restore " + backup.file();
        if (!request.rollbackOnFailure()) {
            return new ApplianceException(code, "the update of " + name + " failed: " + why
                    + "\nTo roll back to " + name + " " + before.version() + " and its data as they were:"
                    + "\n  " + downgrade + "    (on " + target.describe() + ", if the version changed)"
                    + "\n  " + restore + "    (with the same --root/--host)"
                    + "\nor run the update again with --rollback-on-failure.");
        }
        reporter.step("Rolling back to " + name + " " + before.version() + " (--rollback-on-failure)");
        try {
            rollback(before, backup);
        } catch (RuntimeException e) {
            return new ApplianceException(code, "the update of " + name + " failed: " + why
                    + "\nThe rollback failed too: " + e.getMessage()
                    + "\nThe backup taken before the update is " + backup.file() + "; to finish by hand:\n  "
                    + downgrade + "\n  " + restore, e);
        }
        return new ApplianceException(code, "the update of " + name + " failed: " + why + "\nRolled back: " + name
                + " " + before.version() + " is installed again and its data restored from " + backup.file());
    }

    private void rollback(ApplianceOnTarget before, BackupResult backup) {
        String name = before.name();
        String now = pm.installedAppliances().stream().filter(a -> a.name().equals(name)).map(a -> a.version())
                .findFirst().orElse(null);
        if (!before.version().equals(now) || !stateInstalled(name)) {
            Command c = pm.downgradeCommand(name, before.version());
            Result r = target.run(c);
            if (!r.succeeded()) {
                throw new ApplianceException(ExitCode.PACKAGE_MANAGER, "'" + c.display() + "' failed (exit "
                        + r.exitCode() + "): " + r.stderrTail().strip());
            }
        }
        restorer.restore(opener.open(backup.file()), null);
    }

    private boolean stateInstalled(String name) {
        return pm.installedAppliances().stream().anyMatch(a -> a.name().equals(name) && a.state().equals("installed"));
    }
}
