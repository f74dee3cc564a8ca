package org.vatools.vainstall.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.backup.ApplianceOnTarget;
import org.vatools.vainstall.backup.BackupFile;
import org.vatools.vainstall.backup.BackupMaker;
import org.vatools.vainstall.backup.Restorer;
import org.vatools.vainstall.install.CheckRunner;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.pm.PackageManagers;
import org.vatools.vainstall.update.UpdateOutcome;
import org.vatools.vainstall.update.UpdateRequest;
import org.vatools.vainstall.update.Updater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vainstall update [NAME] [--rollback-on-failure]}. */
@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Updates the installed appliance safely: backs it up first (as 'vainstall backup' does), updates"
                + " the package lists, upgrades the appliance and then the target's other packages through apt-get or"
                + " dnf, and runs the appliance's checks. When the upgrade or a check fails it prints how to roll back"
                + " with the backup it just made; with --rollback-on-failure it reinstalls the previous version and"
                + " restores that backup itself."})
final class UpdateCommand implements Callable<Integer>, EnvironmentAware {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Mixin
    GlobalOptions global;

    @Mixin
    TargetOptions targets;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The appliance (default: the one"
            + " installed).")
    String name;

    @Option(names = "--backup-out", paramLabel = "FILE.abf", description = "Where the backup taken first is written,"
            + " on this machine (default: NAME-VERSION-YYYYMMDDTHHMMSSZ.abf in the current folder).")
    Path backupOut;

    @Option(names = "--rollback-on-failure", description = "When the upgrade or a check fails, install the previous"
            + " version again and restore the backup taken before the upgrade.")
    boolean rollback;

    @Option(names = "--no-update", description = "Do not update the package lists first.")
    boolean noUpdate;

    private Environment env;

    @Override
    public void environment(Environment e) {
        this.env = e;
    }

    @Override
    public Integer call() {
        if (targets.many()) {
            throw new ApplianceException(ExitCode.USAGE, "update works on one target at a time; use --host, not --hosts");
        }
        return TargetRunner.run(env, global, targets, spec.commandLine().getOut(), spec.commandLine().getErr(), false,
                (target, io) -> {
                    PackageManager pm = PackageManagers.detect(target);
                    ApplianceOnTarget installed = ApplianceOnTarget.find(target, pm, name);
                    Path out = backupOut != null ? env.workingDir().resolve(backupOut)
                            : env.workingDir().resolve(installed.name() + "-" + installed.version().replace(':', '_')
                            + "-" + STAMP.format(env.clock().instant()) + ".abf");
                    BackupMaker maker = new BackupMaker(target, pm, io, io::output, env.clock(),
                            new Version().getVersion()[0], new SecureRandom());
                    Restorer restorer = new Restorer(target, io, io::output, env.clock());
                    CheckRunner checks = new CheckRunner(target, env.clock(), d -> Thread.sleep(d.toMillis()));
                    UpdateOutcome o = new Updater(target, pm, io, maker, restorer, checks,
                            file -> BackupFile.open(file, null))
                            .update(new UpdateRequest(installed.name(), out, rollback, noUpdate));
                    io.result((o.upgraded() ? "Updated " + o.name() + " " + o.fromVersion() + " to " + o.toVersion()
                            : o.name() + " " + o.fromVersion() + " is up to date; its dependencies were upgraded")
                            + " on " + target.describe() + "\n  backup taken first: " + o.backup().file()
                            + "\n  checks: " + (o.checks().isEmpty() ? "none run"
                            : o.checks().stream().filter(c -> c.passed()).count() + " of " + o.checks().size()
                            + " passed"));
                    return ExitCode.OK.code();
                });
    }
}
