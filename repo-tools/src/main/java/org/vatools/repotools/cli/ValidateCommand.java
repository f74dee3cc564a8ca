package org.vatools.repotools.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vatools.core.ApplianceException;
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
                + " Reports every problem with file:line:column.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:every descriptor and seed is valid", " 2:invalid command line",
            " 3:a descriptor or seed is invalid (every problem is printed)",
            "11:a PATH has no appliance.yaml (and nothing else was invalid)"})
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
        List<String> missing = new ArrayList<>();
        for (Path path : paths) {
            try {
                Appliance a = DescriptorReader.read(path);
                if (!global.quiet) {
                    spec.commandLine().getOut().printf("%s: %s %s is valid (%s)%n", a.descriptorFile(), a.name(),
                            a.version().debian(), String.join(", ", a.families().stream().map(f -> f.id()).toList()));
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            } catch (ApplianceException e) {
                if (e.exitCode() != ExitCode.NOT_FOUND) {
                    throw e;
                }
                missing.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            missing.forEach(m -> err.println("repo-tools: error: " + m));
            throw new InvalidInputException(problems);
        }
        if (!missing.isEmpty()) {
            throw new ApplianceException(ExitCode.NOT_FOUND, String.join("\n", missing));
        }
        return ExitCode.OK.code();
    }
}
