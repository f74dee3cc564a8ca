package org.vatools.repotools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;
import org.vatools.core.descriptor.Family;
import org.vatools.repotools.build.ApplianceSources;
import org.vatools.repotools.build.BuildTime;
import org.vatools.repotools.build.BuiltPackage;
import org.vatools.repotools.build.PackageBuilder;
import org.vatools.repotools.build.PlannedPackage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repo-tools build}: builds the .deb and .rpm of each appliance. Every descriptor is read
 * and validated, and every package planned in memory, before the first file is written; each
 * file appears only when complete.
 */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Builds appliance packages: NAME_VERSION-RELEASE_all.deb (jdeb) and NAME-VERSION-RELEASE.noarch.rpm"
                    + " (Eclipse Packager) from each appliance.yaml and its seed.",
            "All descriptors are validated first and every problem is reported before anything is written."
                    + " The packages are byte-for-byte reproducible: their time is --source-date-epoch, else"
                    + " SOURCE_DATE_EPOCH, else the date of the appliance's newest changelog entry.",
            "Prints one line per package written: path, size in bytes and SHA-256."},
        exitCodeListHeading = "%nExit codes (docs/reference/exit-codes.md):%n",
        exitCodeList = {
            " 0:every requested package was written",
            " 1:internal error (a bug)",
            " 2:invalid command line, or an invalid --source-date-epoch / SOURCE_DATE_EPOCH",
            " 3:invalid input: a descriptor or seed failed validation, a referenced file is missing,"
                    + " or no appliance supports the requested format; nothing was written",
            " 4:environment or I/O error: the output folder cannot be created or written",
            "11:a PATH is neither an appliance folder nor a descriptor; nothing was written"})
public final class BuildCommand implements Callable<Integer>, GlobalOptions.Aware, EnvironmentAware {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "dist/packages",
            description = "Folder the packages are written to; created if missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--format", paramLabel = "deb|rpm|all", defaultValue = "all",
            converter = FormatConverter.class,
            description = "Package formats to build (default: ${DEFAULT-VALUE}). Appliances that do not support"
                    + " a requested format are skipped with a notice.")
    Format format;

    @Option(names = "--source-date-epoch", paramLabel = "SECONDS",
            description = "Time written into the packages, in seconds since 1970-01-01 UTC; overrides"
                    + " SOURCE_DATE_EPOCH.")
    String sourceDateEpoch;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Appliance folder or appliance.yaml.")
    List<Path> paths;

    private Map<String, String> env = Map.of();

    @Override
    public GlobalOptions global() {
        return global;
    }

    @Override
    public void environment(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Optional<Instant> explicitTime = BuildTime.fromOptionOrEnvironment(sourceDateEpoch, env);

        long started = System.nanoTime();
        List<Appliance> appliances = readAll();
        Map<Appliance, Instant> times = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Appliance a : appliances) {
            try {
                times.put(a, BuildTime.of(a, explicitTime));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }

        long read = System.nanoTime();
        List<PlannedPackage> planned = new ArrayList<>();
        for (Appliance a : appliances) {
            EnumSet<Family> wanted = EnumSet.copyOf(format.families());
            for (Family family : wanted) {
                if (!a.supports(family)) {
                    notice(stderr, "skipping " + family.id() + " for " + a.name() + ": " + a.descriptorFile()
                            + " has no 'depends." + family.id() + "' list, so the appliance does not support "
                            + family.id() + " hosts");
                }
            }
            wanted.retainAll(a.families());
            if (wanted.isEmpty()) {
                continue;
            }
            verbose(stderr, "planning " + a.name() + " " + a.version() + " (" + a.descriptorFile() + ") at "
                    + times.get(a));
            ApplianceSources sources = ApplianceSources.read(a);
            for (Family family : wanted) {
                planned.add(PlannedPackage.plan(a, sources, family, times.get(a)));
            }
        }
        if (planned.isEmpty()) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, "nothing to build: no appliance among "
                    + paths + " supports " + String.join(" or ", format.families().stream().map(Family::id).toList())
                    + "; choose another --format or add a 'depends' list for it");
        }

        createOutputFolder();
        long plannedAt = System.nanoTime();
        Map<Family, Long> writing = new EnumMap<>(Family.class);
        Path scratch = Files.createTempDirectory("repo-tools-build-");
        try {
            PackageBuilder builder = new PackageBuilder(scratch);
            for (PlannedPackage p : planned) {
                verbose(stderr, "writing " + out.resolve(p.fileName()));
                BuiltPackage built;
                long t = System.nanoTime();
                try {
                    built = p.writeInto(builder, out);
                    writing.merge(p.family(), System.nanoTime() - t, Long::sum);
                } catch (IOException e) {
                    throw new ApplianceException(ExitCode.ENVIRONMENT, out.resolve(p.fileName())
                            + ": cannot write: " + e.getMessage() + "; choose another --out or fix its permissions", e);
                }
                if (!global.quiet) {
                    stdout.printf("%s  %d bytes  sha256:%s%n", built.file(), built.size(), built.sha256());
                }
            }
        } finally {
            deleteTree(scratch);
        }
        verbose(stderr, String.format(Locale.ROOT, "%d packages of %d appliances: reading and validating %d ms,"
                        + " planning %d ms, writing .deb %d ms, writing .rpm %d ms", planned.size(), appliances.size(),
                ms(read - started), ms(plannedAt - read), ms(writing.getOrDefault(Family.DEB, 0L)),
                ms(writing.getOrDefault(Family.RPM, 0L))));
        stdout.flush();
        return ExitCode.OK.code();
    }

    /** Reads and validates every PATH; reports all problems of all descriptors at once. */
    private List<Appliance> readAll() {
        List<Problem> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Appliance> appliances = new ArrayList<>();
        Map<String, Path> byName = new HashMap<>();
        for (Path path : paths) {
            try {
                Appliance a = DescriptorReader.read(path);
                Path other = byName.putIfAbsent(a.name(), a.descriptorFile());
                if (other != null) {
                    problems.add(Problem.inFile(a.descriptorFile().toString(), "name: '" + a.name()
                            + "' is also the name of " + other + "; both would write the same package files"));
                } else {
                    appliances.add(a);
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
            List<Problem> all = new ArrayList<>(problems);
            missing.forEach(m -> all.add(Problem.inFile("build", m)));
            throw new InvalidInputException(all);
        }
        if (!missing.isEmpty()) {
            throw new ApplianceException(ExitCode.NOT_FOUND, String.join("\n", missing));
        }
        return appliances;
    }

    private void createOutputFolder() {
        try {
            Files.createDirectories(out);
        } catch (FileAlreadyExistsException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, out + ": exists and is not a folder; choose another --out", e);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, out + ": cannot create the output folder ("
                    + e.getMessage() + "); choose another --out or fix its permissions", e);
        }
        if (!Files.isWritable(out)) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, out + ": the output folder is not writable;"
                    + " choose another --out or fix its permissions");
        }
    }

    private void notice(PrintWriter stderr, String message) {
        if (!global.quiet) {
            stderr.println("repo-tools: notice: " + message);
            stderr.flush();
        }
    }

    private void verbose(PrintWriter stderr, String message) {
        if (global.verbose) {
            stderr.println("repo-tools: " + message);
            stderr.flush();
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The value of --format: the package families to build. */
    record Format(Set<Family> families) {
    }

    /** {@code deb}, {@code rpm} or {@code all}. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.equals("all")) {
                return new Format(EnumSet.allOf(Family.class));
            }
            return Family.fromId(v).map(f -> new Format(EnumSet.of(f))).orElseThrow(() ->
                    new CommandLine.TypeConversionException("'" + value + "' is not a format; use deb, rpm or all"));
        }
    }
}
