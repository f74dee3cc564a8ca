package org.vatools.vainstall.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.DecryptionKey;
import org.vatools.vainstall.backup.BackupFile;
import org.vatools.vainstall.backup.RestoreOutcome;
import org.vatools.vainstall.backup.Restorer;
import org.vatools.vainstall.install.CheckRunner;
import org.vatools.vainstall.install.ConsolePrompter;
import org.vatools.vainstall.install.GivenAnswer;
import org.vatools.vainstall.install.InstallRequest;
import org.vatools.vainstall.install.Installer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vainstall restore FILE.abf [--install] [--decrypt-key KEY]}. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restores an Appliance Backup File onto the target. Every checksum and every entry is checked"
                + " before anything changes; the backup must be of the appliance installed there (or, with --install,"
                + " that appliance is installed first), no newer than it, with the same sets. Each set is extracted"
                + " into a staging folder beside it and swapped in; then the post-restore hook runs, and the migrate"
                + " hook (VA_FROM_VERSION) when the backup is older than the installed appliance. A failure puts every"
                + " set back. The log is written to /var/log/virtual-appliance/NAME/ on the target."})
final class RestoreCommand implements Callable<Integer>, EnvironmentAware {
    @Mixin
    GlobalOptions global;

    @Mixin
    TargetOptions targets;

    @Mixin
    DecryptOptions decrypt;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.abf")
    Path file;

    @Option(names = "--install", description = "When the backup's appliance is not installed, install it first from"
            + " the configured repositories (the answer options below apply, as for 'vainstall install').")
    boolean install;

    @Mixin
    AnswerOptions answerOptions;

    private Environment env;

    @Override
    public void environment(Environment e) {
        this.env = e;
    }

    @Override
    public Integer call() {
        if (targets.many()) {
            throw new ApplianceException(ExitCode.USAGE, "restore works on one target at a time; use --host, not --hosts");
        }
        if (!install && answerOptions.anyGiven()) {
            throw new ApplianceException(ExitCode.USAGE, "--answer, --answers, --yes and --no-update go with --install");
        }
        List<GivenAnswer> given = answerOptions.given();
        DecryptionKey key = decrypt.key(env);
        BackupFile backup = BackupFile.open(env.workingDir().resolve(file), key);
        boolean interactive = env.console() != null && !answerOptions.yes;
        Path answersPath = answerOptions.file(env);
        return TargetRunner.run(env, global, targets, spec.commandLine().getOut(), spec.commandLine().getErr(), false,
                (target, io) -> {
                    Restorer.Install installer = !install ? null : name -> {
                        CheckRunner checks = new CheckRunner(target, env.clock(), d -> Thread.sleep(d.toMillis()));
                        new Installer(target, io, interactive ? new ConsolePrompter(env.console()) : null, checks)
                                .install(new InstallRequest(name, given, answersPath, false, false, interactive,
                                        answerOptions.noUpdate));
                    };
                    RestoreOutcome o = new Restorer(target, io, io::output, env.clock()).restore(backup, installer);
                    io.result("Restored " + o.backup().info().appliance() + " " + o.backup().info().version() + " from "
                            + backup.path() + " onto " + target.describe() + " (" + o.appliance().name() + " "
                            + o.appliance().version() + (o.installed() ? ", installed first" : "") + ")"
                            + (o.migrated() ? "\n  migrated from " + o.backup().info().version() : "")
                            + "\n  sets: " + String.join(", ", o.restoredSets())
                            + (o.log() == null ? "" : "\n  log: " + o.log()));
                    return ExitCode.OK.code();
                });
    }
}
