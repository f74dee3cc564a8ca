package org.vatools.vainstall.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vatools.core.ExitCode;
import org.vatools.core.Failures;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vainstall}: install appliances through the distribution's package manager. */
@Command(name = "vainstall", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Installs appliances from repositories published by repo-tools, through apt or dnf, on this"
                + " host, into a chroot (--root) or over SSH (--host, --hosts).",
                "'vainstall NAME' installs NAME (the same as 'vainstall install NAME')."},
        exitCodeListHeading = "%nExit codes (docs/reference/exit-codes.md):%n",
        exitCodeList = {
            " 0:success",
            " 1:internal error (a bug)",
            " 2:invalid command line, or required answers missing",
            " 3:invalid input (answers file, package, key)",
            " 4:environment or I/O error (SSH, mounts, missing tool)",
            " 5:a signature, checksum or host key did not verify",
            " 6:another appliance is installed (see --replace), or a conflict",
            " 7:the host does not meet the appliance's requirements",
            " 8:apt, dpkg, dnf or rpm reported a failure",
            " 9:installed, but a post-install check failed",
            "10:--hosts: some hosts succeeded and some failed",
            "11:no such appliance, package or file"})
public final class VainstallMain implements Runnable {
    /** The subcommands, in the order --help lists them. */
    static final Map<String, Class<?>> COMMANDS = commands();
    static final Set<String> SUBCOMMANDS = Set.of("install", "list", "show", "remove", "add-repo", "backup",
            "restore", "backups", "update", "help");

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("install", InstallCommand.class);
        m.put("list", ListCommand.class);
        m.put("show", ShowCommand.class);
        m.put("remove", RemoveCommand.class);
        m.put("add-repo", AddRepoCommand.class);
        m.put("backup", BackupCommand.class);
        m.put("restore", RestoreCommand.class);
        m.put("backups", BackupsCommand.class);
        m.put("update", UpdateCommand.class);
        return m;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err, Environment.ofProcess());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given streams and environment; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Environment env) {
        String[] line = withInstall(args);
        CommandLine cl = new CommandLine(new VainstallMain(), new Factory(env));
        // Building picocli's model of a command costs start-up time: when the command line names one,
        // only that one is built (valist starts faster); --help and errors get them all.
        String named = line.length > 0 && COMMANDS.containsKey(line[0]) ? line[0] : null;
        for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
            if (named == null || named.equals(c.getKey())) {
                cl.addSubcommand(c.getKey(), c.getValue());
            }
        }
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> ExitCode.INTERNAL.code());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
            return Failures.report("vainstall", ex, commandLine.getErr(), verbose);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("vainstall: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ExitCode.USAGE.code();
        });
        return cl.execute(line);
    }

    /** The bare form {@code vainstall [OPTIONS] NAME} means {@code vainstall install [OPTIONS] NAME}. */
    static String[] withInstall(String[] args) {
        if (args.length == 0 || SUBCOMMANDS.contains(args[0]) || Set.of("-h", "--help", "-V", "--version")
                .contains(args[0])) {
            return args;
        }
        List<String> out = new ArrayList<>();
        out.add("install");
        out.addAll(List.of(args));
        return out.toArray(new String[0]);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
        throw new CommandLine.ParameterException(spec.commandLine(), "name an appliance or a command");
    }

    /** Creates commands with the environment handed in, never read globally. */
    private record Factory(Environment env) implements CommandLine.IFactory {
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
