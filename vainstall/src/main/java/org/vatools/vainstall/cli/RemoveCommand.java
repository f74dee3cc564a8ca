package org.vatools.vainstall.cli;

import java.util.concurrent.Callable;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.install.Remover;
import org.vatools.vainstall.pm.PackageManagers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vainstall remove NAME [--purge]}. */
@Command(name = "remove", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Removes an installed appliance through the package manager. The packages it pulled in stay"
                + " (apt-get autoremove, dnf autoremove take them away). With --purge, its configuration and answers"
                + " go too (dpkg purge; on rpm hosts the answers file).")
final class RemoveCommand implements Callable<Integer>, EnvironmentAware {
    @Mixin
    GlobalOptions global;

    @Mixin
    TargetOptions targets;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--purge", description = "Also remove its configuration and stored answers.")
    boolean purge;

    @Option(names = "--dry-run", description = "Print what the package manager would do; change nothing.")
    boolean dryRun;

    private Environment env;

    @Override
    public void environment(Environment e) {
        this.env = e;
    }

    @Override
    public Integer call() {
        return TargetRunner.run(env, global, targets, spec.commandLine().getOut(), spec.commandLine().getErr(), false,
                (target, io) -> {
                    new Remover(target, PackageManagers.detect(target), io).remove(name, purge, dryRun);
                    return ExitCode.OK.code();
                });
    }
}
