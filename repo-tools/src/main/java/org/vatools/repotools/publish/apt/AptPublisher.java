package org.vatools.repotools.publish.apt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.deb822.Deb822Paragraph;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.deb.DebPackage;
import org.vatools.repotools.publish.FormatPublisher;
import org.vatools.repotools.publish.PublishCheckpoints;
import org.vatools.repotools.publish.PublishOptions;
import org.vatools.repotools.publish.PublishRequest;
import org.vatools.repotools.publish.PublishSummary;

/**
 * Publishes .deb packages into the signed APT repository under {@code apt/}.
 *
 * <p>{@link #stage} reads the suite's state and the new packages, decides what changes, and writes
 * the new pool files, the new generation of {@code dists/<suite>} (indexes, Release, signatures)
 * and the new state under {@code .vatools/staging/}, where no client looks. {@link
 * FormatPublisher.StagedPublish#commit} then moves the pool files into {@code apt/pool}, the state
 * and the generation folder into place, and switches the suite's link to the new generation with
 * one rename: the one step at which clients see the new repository. docs/reference/repository.md
 * describes the protocol and what a publish killed at any step leaves.
 */
public final class AptPublisher implements FormatPublisher {
    /** xz preset of Packages.xz (see docs/performance.md for the measurements behind it). */
    public static final int DEFAULT_XZ_PRESET = 6;
    /** Up to this many new packages, each new file is forced to disk on its own (see FileSystemSync). */
    static final int PER_FILE_SYNC_LIMIT = 200;
    private static final List<String> DEFAULT_ARCHITECTURES = List.of("amd64", "arm64");
    private static final List<String> OWN_FIELDS = List.of("Filename", "Size", "MD5sum", "SHA1", "SHA256", "SHA512",
            PackageLayout.APT_SEED_FIELD, PackageLayout.APT_SEED_SHA256_FIELD);
    private final PublishCheckpoints checkpoints;
    private final int xzPreset;
    private final int threads;
    private final boolean durable;
    private final boolean hardlink;

    public AptPublisher(PublishCheckpoints checkpoints) {
        this(checkpoints, new Settings(DEFAULT_XZ_PRESET, defaultThreads(), true, false));
    }

    /**
     * @param xzPreset xz preset for Packages.xz (0 to 9)
     * @param threads  threads that read packages and compress
     * @param durable  force every written file to disk before the switch (off only for throwaway repositories)
     * @param hardlink link input files into the pool instead of copying them (same file system only;
     *                 the inputs must never be rewritten in place afterwards)
     */
    public record Settings(int xzPreset, int threads, boolean durable, boolean hardlink) {
        public Settings {
            if (xzPreset < 0 || xzPreset > 9) {
                throw new ApplianceException(ExitCode.USAGE, "the xz preset must be 0 to 9, not " + xzPreset);
            }
        }
    }

    public AptPublisher(PublishCheckpoints checkpoints, Settings settings) {
        this.checkpoints = checkpoints;
        this.xzPreset = settings.xzPreset();
        this.threads = settings.threads();
        this.durable = settings.durable();
        this.hardlink = settings.hardlink();
    }

    /** Two threads per core, at most 4: reading is half I/O. */
    public static int defaultThreads() {
        return Math.max(2, Math.min(4, 2 * Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public String name() {
        return "apt";
    }

    @Override
    public StagedPublish stage(PublishRequest request) throws IOException {
        PublishOptions o = request.options();
        String suite = AptPaths.checkName("suite", o.suite() == null ? "stable" : o.suite());
        AptPaths paths = new AptPaths(request.repoRoot(), suite);
        long loading = System.nanoTime();
        Leftovers.clean(paths);
        long generation = paths.currentGeneration();
        AptState state = loadState(paths, generation);
        long stateMillis = (System.nanoTime() - loading) / 1_000_000;
        if (generation == 0 && request.packages().isEmpty()) {
            for (PublishRequest.Removal r : request.removals()) {
                request.progress().println("apt: nothing to remove for " + r + ": suite " + suite + " is empty");
            }
            return new Nothing();
        }
        String component = AptPaths.checkName("component", o.component() == null ? "main" : o.component());
        List<String> architectures = !o.architectures().isEmpty() ? o.architectures()
                : !state.architectures().isEmpty() ? state.architectures() : DEFAULT_ARCHITECTURES;
        for (String a : architectures) {
            AptPaths.checkName("architecture", a);
            if (a.equals("all")) {
                throw new ApplianceException(ExitCode.USAGE, "--architectures lists 'all'; list real architectures"
                        + " (amd64, arm64): packages of architecture all appear in each of them");
            }
        }
        String codename = o.codename() != null ? AptPaths.checkName("codename", o.codename()) : state.codename();
        String origin = o.origin() != null ? oneLine("origin", o.origin()) : state.origin();
        String label = o.label() != null ? oneLine("label", o.label()) : state.label();
        Set<String> components = new LinkedHashSet<>(state.components());
        if (!request.packages().isEmpty() || components.isEmpty()) {
            components.add(component);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "apt-publish-read");
            t.setDaemon(true);
            return t;
        });
        // compression is CPU-bound and each xz encoder holds about 12 MiB: one per core
        ExecutorService cpuPool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads,
                Runtime.getRuntime().availableProcessors())), r -> {
                    Thread t = new Thread(r, "apt-publish-compress");
                    t.setDaemon(true);
                    return t;
                });
        Path staging = paths.staging();
        boolean done = false;
        try {
            Files.createDirectories(staging);
            // few new files: fsync each (cheap, and syncfs would also flush whatever else is dirty on the
            // file system); many: one syncfs before the switch instead of thousands of fsyncs
            FileSystemSync sync = durable && request.packages().size() > PER_FILE_SYNC_LIMIT
                    ? FileSystemSync.probe(staging) : null;
            boolean perFile = durable && (sync == null || !sync.available());
            long started = System.nanoTime();
            List<DebInputs.Read> reads = DebInputs.read(request.packages(), staging.resolve("in"), pool,
                    new DebInputs.Staging(perFile, hardlink, staging, component));
            request.progress().printf("apt: read %d package%s (%d ms)%n", reads.size(), reads.size() == 1 ? "" : "s",
                    (System.nanoTime() - started) / 1_000_000);
            List<SuiteChanges.Candidate> candidates = candidates(reads, component, architectures);
            SuiteChanges.Result changes = SuiteChanges.apply(state.entries(), candidates, request.removals(),
                    o.keepVersions(), o.replace());
            for (String r : changes.unmatched()) {
                request.progress().println("apt: nothing to remove for " + r + " in suite " + suite);
            }
            long now = request.wallClock().instant().getEpochSecond();
            long retention = o.byHashKeep() == null ? 86400 : o.byHashKeep().toSeconds();

            PoolPlacement placement = new PoolPlacement(paths.apt(), PoolReferences.known(paths, state));
            List<AptCommit.Move> moves = new ArrayList<>();
            List<AptEntry> entries = new ArrayList<>(changes.kept());
            List<String> added = new ArrayList<>();
            for (SuiteChanges.Candidate c : changes.added()) {
                DebInputs.Read r = reads.get(c.input());
                AptEntry e = place(paths, r, c, placement, moves, perFile);
                entries.add(e);
                added.add(e.describe());
            }
            entries.sort(ORDER);
            reads.clear();
            List<AptState.Retained> retainedPool = new ArrayList<>();
            List<String> deletable = new ArrayList<>();
            PoolRetention.split(state, changes.removed(), entries, now, retention, retainedPool, deletable);

            long indexing = System.nanoTime();
            long next = generation + 1;
            IndexCompressor compressor = new IndexCompressor(paths.cacheDir(), staging.resolve("cache"), cpuPool,
                    xzPreset);
            Instant date = request.clock().instant();
            Instant validUntil = o.validFor() == null ? null : date.plus(o.validFor());
            GenerationWriter.Suite s = new GenerationWriter.Suite(suite, codename, origin, label, architectures,
                    List.copyOf(components), date, validUntil);
            Map<String, Long> retainedByHash = new HashMap<>();
            for (AptState.Retained r : state.retained()) {
                if (r.path().startsWith("dists/")) {
                    retainedByHash.put(r.path().substring("dists/".length()), r.supersededAt());
                }
            }
            Path previous = generation == 0 ? null : paths.generation(generation);
            GenerationWriter writer = new GenerationWriter(perFile);
            long writing = System.nanoTime();
            List<AptState.Retained> retained = new ArrayList<>(writer.write(
                    staging.resolve("generation"), s, entries, compressor, request.signer(), previous,
                    retainedByHash, now, retention));
            long writeMillis = (System.nanoTime() - writing) / 1_000_000;
            retained.addAll(retainedPool);
            compressor.writeStaged();
            AptState newState = new AptState(suite, codename, origin, label, architectures, List.copyOf(components),
                    next, entries, retained);
            Path stateFile = staging.resolve("state");
            long stateWriting = System.nanoTime();
            newState.write(stateFile);
            if (perFile) {
                FileOps.force(stateFile);
            }
            List<String> removed = changes.removed().stream().map(AptEntry::describe).toList();
            long stateWriteMillis = (System.nanoTime() - stateWriting) / 1_000_000;
            request.progress().printf("apt: suite %s: %d package%s (%d added, %d removed, %d unchanged);"
                    + " staged in %d ms (state read %d ms, indexes %d ms of which signing %d ms, state written %d ms)%n",
                    suite, entries.size(), entries.size() == 1 ? "" : "s", added.size(), removed.size(),
                    changes.unchanged().size(), (System.nanoTime() - indexing) / 1_000_000, stateMillis,
                    writeMillis - writer.signingMillis(), writer.signingMillis(), stateWriteMillis);
            AptCommit staged = new AptCommit(checkpoints, durable, paths, next, moves, deletable, compressor.usedFiles(),
                    new PublishSummary(name(), added, removed, entries.size()), request.progress(), sync, perFile,
                    codename != null && !codename.equals(suite) ? codename : null);
            checkpoints.reached("apt:staged");
            done = true;
            return staged;
        } finally {
            pool.shutdownNow();
            cpuPool.shutdownNow();
            if (!done) {
                AptCommit.discard(paths);
            }
        }
    }

    private static final Comparator<AptEntry> ORDER = Comparator.comparing(AptEntry::component)
            .thenComparing(AptEntry::name)
            .thenComparing(AptEntry::debianVersion)
            .thenComparing(AptEntry::architecture);

    private static String oneLine(String what, String value) {
        if (value.isBlank() || value.contains("\n") || value.contains("\r")) {
            throw new ApplianceException(ExitCode.USAGE, "--" + what + " must be one non-empty line");
        }
        return value.strip();
    }

    private static AptState loadState(AptPaths paths, long generation) throws IOException {
        if (generation == 0) {
            return AptState.empty(paths.suiteLink().getFileName().toString());
        }
        Path file = paths.stateFile(generation);
        if (!Files.isRegularFile(file)) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, file + " is missing: the repository's state for"
                    + " generation " + generation + " of " + paths.suiteLink() + " is gone. Restore .vatools/ from a"
                    + " backup, or publish every package again into a new repository");
        }
        return AptState.read(file);
    }

    private static List<SuiteChanges.Candidate> candidates(List<DebInputs.Read> reads, String component,
                                                          List<String> architectures) {
        List<SuiteChanges.Candidate> candidates = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            DebPackage deb = reads.get(i).deb();
            String arch = deb.architecture();
            if (!arch.equals("all") && !architectures.contains(arch)) {
                problems.add(Problem.inFile(reads.get(i).input().toString(), "architecture " + arch + " is not one"
                        + " of the repository's architectures (" + String.join(", ", architectures)
                        + "); add it with --architectures"));
                continue;
            }
            candidates.add(new SuiteChanges.Candidate(i, component, deb.name(), deb.version(), arch,
                    deb.digests().sha256(), reads.get(i).input().toString()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return candidates;
    }

    private static AptEntry place(AptPaths paths, DebInputs.Read r, SuiteChanges.Candidate c,
                                  PoolPlacement placement, List<AptCommit.Move> moves, boolean perFile) throws IOException {
        DebPackage deb = r.deb();
        String source = PoolLayout.sourceName(deb.control().get("Source").orElse(null), deb.name());
        String dir = PoolLayout.directory(c.component(), source);
        PoolPlacement.Place debPlace = placement.place(dir + "/" + PoolLayout.debFileName(deb.name(), deb.version(),
                deb.architecture()), c.sha256());
        if (debPlace.write()) {
            Path target = paths.staging().resolve(debPlace.path());
            Files.createDirectories(target.getParent());
            Files.move(r.staged(), target);
            moves.add(new AptCommit.Move(target, debPlace.path()));
        }
        String seedPath = null;
        String seedSha = null;
        if (r.isAppliance()) {
            seedSha = HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest().digest(r.seed()));
            PoolPlacement.Place seedPlace = placement.place(dir + "/" + PoolLayout.seedFileName(deb.name(),
                    deb.version()), seedSha);
            seedPath = seedPlace.path();
            if (seedPlace.write()) {
                Path staged = paths.staging().resolve(seedPlace.path());
                Files.createDirectories(staged.getParent());
                FileOps.write(staged, r.seed(), perFile);
                moves.add(new AptCommit.Move(staged, seedPlace.path()));
            }
        }
        String paragraph = paragraph(deb, debPlace.path(), seedPath, seedSha);
        return new AptEntry(c.component(), deb.name(), deb.version(), deb.architecture(), deb.digests().size(),
                c.sha256(), debPlace.path(), seedPath, seedSha, paragraph);
    }

    /** The Packages entry: the control paragraph as the package has it, then Filename, Size, hashes, seed. */
    static String paragraph(DebPackage deb, String filename, String seedPath, String seedSha) {
        Deb822Paragraph control = deb.control();
        for (String f : OWN_FIELDS) {
            control = control.without(f);
        }
        StringBuilder sb = new StringBuilder(control.text());
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
        sb.append("Filename: ").append(filename).append('\n');
        sb.append("Size: ").append(deb.digests().size()).append('\n');
        sb.append("MD5sum: ").append(deb.digests().md5()).append('\n');
        sb.append("SHA256: ").append(deb.digests().sha256()).append('\n');
        if (seedPath != null) {
            sb.append(PackageLayout.APT_SEED_FIELD).append(": ").append(seedPath).append('\n');
            sb.append(PackageLayout.APT_SEED_SHA256_FIELD).append(": ").append(seedSha).append('\n');
        }
        return sb.toString();
    }

    /** Nothing to publish: an empty suite and no packages. */
    private final class Nothing implements StagedPublish {
        @Override
        public PublishSummary commit() {
            return new PublishSummary(name(), List.of(), List.of(), 0);
        }

        @Override
        public void close() {
        }
    }
}
