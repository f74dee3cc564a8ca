package org.vatools.repotools.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.vatools.core.ExitCode;
import org.vatools.core.Failures;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code repo-tools}: build appliance packages, publish and verify signed repositories. */
@Command(name = "repo-tools", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Builds appliance packages (.deb, .rpm) from appliance.yaml and publishes signed APT and YUM"
                + " repositories.",
        subcommands = {ValidateCommand.class, BuildCommand.class, KeygenCommand.class},
        exitCodeListHeading = "%nExit codes (docs/reference/exit-codes.md):%n",
        exitCodeList = {
            " 0:success",
            " 1:internal error (a bug)",
            " 2:invalid command line",
            " 3:invalid input (descriptor, seed, package, key)",
            " 4:environment or I/O error",
            " 5:signature or checksum did not verify",
            " 6:conflict (same version with other content, lock held)",
            "11:not found"})
public final class RepoToolsMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /** Runs one command line with the given streams and environment; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cl = new CommandLine(new RepoToolsMain(), new Factory(env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> ExitCode.INTERNAL.code());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = commandLine.getCommand() instanceof GlobalOptions.Aware g && g.global().verbose;
            return Failures.report("repo-tools", ex, commandLine.getErr(), verbose);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("repo-tools: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ExitCode.USAGE.code();
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Creates commands with the process environment passed in, never read globally. */
    private record Factory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K instance = CommandLine.defaultFactory().create(cls);
            if (instance instanceof EnvironmentAware e) {
                e.environment(env);
            }
            return instance;
        }
    }
}
