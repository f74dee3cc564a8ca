package org.vatools.repotools.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code repo-tools validate PATH...}: checks descriptors and seeds without building. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks appliance descriptors and their seeds without building anything."
                + " Reports every problem with file:line:column.")
public final class ValidateCommand implements Callable<Integer>, GlobalOptions.Aware {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Appliance folder or appliance.yaml.")
    List<Path> paths;

    @Override
    public GlobalOptions global() {
        return global;
    }

    @Override
    public Integer call() {
        List<Problem> problems = new ArrayList<>();
        for (Path path : paths) {
            try {
                Appliance a = DescriptorReader.read(path);
                if (!global.quiet) {
                    spec.commandLine().getOut().printf("%s: %s %s is valid (%s)%n", a.descriptorFile(), a.name(),
                            a.version().debian(), String.join(", ", a.families().stream().map(f -> f.id()).toList()));
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return ExitCode.OK.code();
    }

}
