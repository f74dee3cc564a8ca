package org.vatools.repotools.cli;

import java.util.concurrent.Callable;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import picocli.CommandLine.Command;

/** Placeholder until the package writers land; refuses to pretend it built anything. */
@Command(name = "build", mixinStandardHelpOptions = true, description = "Builds appliance packages.")
public final class BuildCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new ApplianceException(ExitCode.INTERNAL, "build is not implemented yet");
    }
}
