package org.vatools.repotools.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.Passphrase;
import org.vatools.core.pgp.SigningKeys;
import org.vatools.core.time.SourceDateEpoch;
import org.vatools.repotools.publish.PublishCheckpoints;
import org.vatools.repotools.publish.PublishFormats;
import org.vatools.repotools.publish.PublishInputs;
import org.vatools.repotools.publish.PublishOptions;
import org.vatools.repotools.publish.PublishRequest;
import org.vatools.repotools.publish.PublishSummary;
import org.vatools.repotools.publish.RepositoryPublisher;
import org.vatools.repotools.publish.apt.AptPublisher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repo-tools publish --repo DIR --key KEY INPUT...}: adds packages to (and with --remove
 * takes them out of) a signed repository. docs/reference/repository.md describes the layout and
 * how a publish switches the repository atomically.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publishes .deb and .rpm packages into a signed APT and YUM repository that any static web"
                + " server can serve. Publishing adds to what the repository holds; --remove takes packages out.",
            "Packages are told apart by their content, not their names; a folder contributes every package below it.",
            "Nothing changes when anything fails before the switch; clients updating meanwhile see the old or the new"
                + " repository, never a mix."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:published", " 2:invalid command line", " 3:invalid package or key, wrong passphrase,"
                + " expired key", " 4:repository not writable, I/O error", " 6:same version with other content"
                + " (see --replace), or another publish holds the lock", "11:an INPUT does not exist"})
public final class PublishCommand implements Callable<Integer>, GlobalOptions.Aware, EnvironmentAware {
    /** Test hook: pause at this checkpoint (print it on stderr and wait to be killed). */
    static final String PAUSE_VARIABLE = "VATOOLS_TEST_PAUSE_AT";

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository folder (created when missing).")
    Path repo;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE",
            description = "Secret signing key (repo-tools keygen's signing-key.asc). Repeat to sign with several keys"
                    + " during a key rotation.")
    List<Path> keys;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PassphraseSource passphraseSource;

    /** Where the passphrase comes from: one of the two, never argv. */
    static final class PassphraseSource {
        @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Unlock the keys with the passphrase"
                + " in environment variable VAR.")
        String variable;

        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Unlock the keys with the first line"
                + " of FILE.")
        Path file;
    }

    @Option(names = "--suite", paramLabel = "SUITE", description = "APT suite (default: stable).")
    String suite;

    @Option(names = "--codename", paramLabel = "NAME", description = "APT Codename (default: as the suite has it).")
    String codename;

    @Option(names = "--component", paramLabel = "NAME", description = "APT component the packages go to (default: main).")
    String component;

    @Option(names = "--architectures", paramLabel = "ARCH,...", split = ",",
            description = "APT architectures (default: as the suite has them; amd64,arm64 for a new suite)."
                    + " Packages of architecture all appear in each.")
    List<String> architectures = new ArrayList<>();

    @Option(names = "--origin", paramLabel = "TEXT", description = "Release Origin (default: as the suite has it).")
    String origin;

    @Option(names = "--label", paramLabel = "TEXT", description = "Release Label (default: as the suite has it).")
    String label;

    @Option(names = "--valid-for", paramLabel = "DURATION",
            description = "Write Valid-Until = Date + DURATION (30d, 12h); clients refuse the index after it, so"
                    + " publish again before then. Default: no Valid-Until.")
    String validFor;

    @Option(names = "--keep-versions", paramLabel = "N", defaultValue = "0",
            description = "Keep only the newest N versions of each package (default: all).")
    int keepVersions;

    @Option(names = "--replace", description = "Allow a package with the same name, version and architecture as a"
            + " published one but other content to replace it (refused by default, as reprepro does).")
    boolean replace;

    @Option(names = "--remove", paramLabel = "NAME[=VERSION]",
            description = "Take NAME (every version, or only VERSION) out of the repository. Repeatable.")
    List<String> removals = new ArrayList<>();

    @Option(names = "--format", paramLabel = "apt|yum|all", defaultValue = "all",
            description = "Which formats to publish (default: ${DEFAULT-VALUE}). Package files of the other format"
                    + " inside INPUT folders are skipped.")
    String format;

    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "1d",
            description = "How long superseded indexes stay reachable under by-hash, and removed or replaced pool"
                    + " files stay in the pool, for clients still using an older index (default: ${DEFAULT-VALUE}).")
    String retention;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "120s",
            description = "How long to wait for another publish of the same repository (default: ${DEFAULT-VALUE}).")
    String lockTimeout;

    @Option(names = "--xz-preset", paramLabel = "0-9", defaultValue = "6",
            description = "xz preset of Packages.xz (default: ${DEFAULT-VALUE}, as xz; lower is faster and larger)."
                    + " Only the entries that changed are compressed again on later publishes.")
    int xzPreset;

    @Option(names = "--hardlink", description = "Link the input files into the pool instead of copying them, when"
            + " both are on one file system. Faster; the inputs must then never be rewritten in place"
            + " (a new file under the same name is fine), or the published packages change with them.")
    boolean hardlink;

    @Option(names = "--no-fsync", description = "Do not force files to disk before the switch: for throwaway"
            + " repositories (tests, previews) only; after a power failure the repository may be damaged.")
    boolean noFsync;

    @Option(names = "--source-date-epoch", paramLabel = "SECONDS",
            description = "Publish time (Release Date, signature time); default: SOURCE_DATE_EPOCH, else now.")
    String sourceDateEpoch;

    @Parameters(arity = "0..*", paramLabel = "INPUT", description = ".deb or .rpm files, or folders of them.")
    List<Path> inputs = new ArrayList<>();

    private Map<String, String> env = Map.of();
    Clock wallClock = Clock.systemUTC();

    @Override
    public void environment(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public GlobalOptions global() {
        return global;
    }

    @Override
    public Integer call() throws IOException {
        List<String> wanted = switch (format) {
            case "all" -> List.of("apt", "yum");
            case "apt", "yum" -> List.of(format);
            default -> throw new ApplianceException(ExitCode.USAGE, "--format '" + format
                    + "': use apt, yum or all");
        };
        List<PublishRequest.Removal> removalList = removals.stream().map(PublishCommand::removal).toList();
        if (keepVersions < 0) {
            throw new ApplianceException(ExitCode.USAGE, "--keep-versions must be 0 (all) or more");
        }
        Duration valid = Durations.parse("--valid-for", validFor);
        Duration keep = Durations.parse("--retention", retention);
        Duration lockWait = Durations.parse("--lock-timeout", lockTimeout);
        Optional<Instant> sde = SourceDateEpoch.resolve(sourceDateEpoch, env);
        Clock clock = sde.map(SourceDateEpoch::fixedClock).orElse(wallClock);
        java.util.Set<org.vatools.core.pkg.PackageFormat> formats = java.util.EnumSet.noneOf(
                org.vatools.core.pkg.PackageFormat.class);
        if (wanted.contains("apt")) {
            formats.add(org.vatools.core.pkg.PackageFormat.DEB);
        }
        if (wanted.contains("yum")) {
            formats.add(org.vatools.core.pkg.PackageFormat.RPM);
        }
        PublishInputs classified = PublishInputs.classify(inputs, formats);
        SigningKeys signingKeys = SigningKeys.load(keys, passphrase(), wallClock.instant());
        PublishOptions options = new PublishOptions(suite, codename, component, architectures, origin, label, valid,
                keepVersions, replace, keep);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = global.quiet ? new PrintWriter(OutputStream.nullOutputStream()) : out;
        if (global.verbose) {
            classified.skipped().forEach(p -> out.println("skipped (no package, or not of --format " + format + "): " + p));
        }
        AptPublisher.Settings apt = new AptPublisher.Settings(xzPreset, AptPublisher.defaultThreads(), !noFsync,
                hardlink);
        RepositoryPublisher publisher = new RepositoryPublisher(PublishFormats.publishers(checkpoints(), apt),
                lockWait);
        List<PublishSummary> summaries = publisher.publish(new RepositoryPublisher.Job(repo, classified, removalList,
                signingKeys, clock, wallClock, options, wanted), progress);
        if (!global.quiet) {
            for (PublishSummary s : summaries) {
                out.printf("%s: %d added, %d removed, %d package%s in the repository%n", s.format(), s.added().size(),
                        s.removed().size(), s.total(), s.total() == 1 ? "" : "s");
                if (global.verbose) {
                    s.added().forEach(a -> out.println("  added   " + a));
                    s.removed().forEach(r -> out.println("  removed " + r));
                }
            }
            out.printf("Published %s, signed by %s%n", repo, String.join(", ",
                    signingKeys.keys().stream().map(k -> k.primaryFingerprint().hex()).toList()));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private PublishCheckpoints checkpoints() {
        String pauseAt = env.get(PAUSE_VARIABLE);
        if (pauseAt == null || pauseAt.isEmpty()) {
            return PublishCheckpoints.NONE;
        }
        PrintWriter err = spec.commandLine().getErr();
        return step -> {
            if (step.equals(pauseAt)) {
                err.println("checkpoint " + step + " reached; pausing (test hook " + PAUSE_VARIABLE + ")");
                err.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private Passphrase passphrase() {
        if (passphraseSource == null) {
            return Passphrase.none();
        }
        if (passphraseSource.variable != null) {
            return Passphrase.fromEnvironment(passphraseSource.variable, env);
        }
        return Passphrase.fromFile(passphraseSource.file);
    }

    static PublishRequest.Removal removal(String value) {
        int eq = value.indexOf('=');
        String name = eq < 0 ? value : value.substring(0, eq);
        String version = eq < 0 ? null : value.substring(eq + 1);
        if (name.isEmpty() || (version != null && version.isEmpty())) {
            throw new ApplianceException(ExitCode.USAGE, "--remove '" + value + "': write NAME or NAME=VERSION");
        }
        return new PublishRequest.Removal(name, version);
    }
}
