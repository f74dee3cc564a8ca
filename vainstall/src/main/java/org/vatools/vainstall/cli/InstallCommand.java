package org.vatools.vainstall.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vatools.core.ExitCode;
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

/** {@code vainstall [install] NAME}: preseeds and installs an appliance. */
@Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Installs an appliance from the configured repositories: updates the package lists, reads the"
                + " appliance's seed and descriptor from its package, checks the host, merges the answers (seed <"
                + " --answers file < --answer), asks the appliance's questions on a terminal (or requires them), preseeds"
                + " debconf (apt) or writes the root-only answers file (dnf), installs, and runs the appliance's checks.",
                "'vainstall NAME' is the same as 'vainstall install NAME'."})
final class InstallCommand implements Callable<Integer>, EnvironmentAware {
    @Mixin
    GlobalOptions global;

    @Mixin
    TargetOptions targets;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The appliance, e.g. dokuwiki-appliance.")
    String name;

    @Mixin
    AnswerOptions answerOptions;

    @Option(names = "--replace", description = "Replace the appliance installed now (a host runs one appliance).")
    boolean replace;

    @Option(names = "--dry-run", description = "Print the plan, the answers (secrets masked) and what the package"
            + " manager would do; change nothing.")
    boolean dryRun;

    private Environment env;

    @Override
    public void environment(Environment e) {
        this.env = e;
    }

    @Override
    public Integer call() {
        List<GivenAnswer> given = answerOptions.given();
        boolean interactive = env.console() != null && !answerOptions.yes && !targets.many();
        Path file = answerOptions.file(env);
        InstallRequest request = new InstallRequest(name, given, file, replace, dryRun, interactive,
                answerOptions.noUpdate);
        return TargetRunner.run(env, global, targets, spec.commandLine().getOut(), spec.commandLine().getErr(), false,
                (target, io) -> {
                    CheckRunner checks = new CheckRunner(target, env.clock(), d -> Thread.sleep(d.toMillis()));
                    new Installer(target, io, interactive ? new ConsolePrompter(env.console()) : null, checks)
                            .install(request);
                    return ExitCode.OK.code();
                });
    }
}
