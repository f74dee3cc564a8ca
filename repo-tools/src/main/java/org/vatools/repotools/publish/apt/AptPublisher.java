package org.vatools.repotools.publish.apt;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
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
        cleanLeftovers(paths);
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

            PoolPlacement placement = new PoolPlacement(paths.apt(), knownPoolFiles(paths, state));
            List<Move> moves = new ArrayList<>();
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
            retainPool(state, changes.removed(), entries, now, retention, retainedPool, deletable);

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
            Staged staged = new Staged(paths, next, moves, deletable, compressor.usedFiles(),
                    new PublishSummary(name(), added, removed, entries.size()), request.progress(), sync, perFile,
                    codename != null && !codename.equals(suite) ? codename : null);
            checkpoints.reached("apt:staged");
            done = true;
            return staged;
        } finally {
            pool.shutdownNow();
            cpuPool.shutdownNow();
            if (!done) {
                discardStaging(paths);
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
                                  PoolPlacement placement, List<Move> moves, boolean perFile) throws IOException {
        DebPackage deb = r.deb();
        String source = PoolLayout.sourceName(deb.control().get("Source").orElse(null), deb.name());
        String dir = PoolLayout.directory(c.component(), source);
        PoolPlacement.Place debPlace = placement.place(dir + "/" + PoolLayout.debFileName(deb.name(), deb.version(),
                deb.architecture()), c.sha256());
        if (debPlace.write()) {
            Path target = paths.staging().resolve(debPlace.path());
            Files.createDirectories(target.getParent());
            Files.move(r.staged(), target);
            moves.add(new Move(target, debPlace.path()));
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
                moves.add(new Move(staged, seedPlace.path()));
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

    /** SHA-256 by pool path of every pool file any suite's state names (entries and retained files). */
    private static Map<String, String> knownPoolFiles(AptPaths paths, AptState state) throws IOException {
        Map<String, String> known = new HashMap<>();
        for (AptState s : otherSuites(paths)) {
            addKnown(known, s);
        }
        addKnown(known, state);
        return known;
    }

    private static void addKnown(Map<String, String> known, AptState s) {
        for (AptState.Retained r : s.retained()) {
            if (r.path().startsWith("pool/")) {
                known.put(r.path(), r.sha256());
            }
        }
        for (AptEntry e : s.entries()) {
            known.put(e.filename(), e.sha256());
            if (e.seedPath() != null) {
                known.put(e.seedPath(), e.seedSha256());
            }
        }
    }

    /** The current states of the repository's other suites (they share the pool). */
    private static List<AptState> otherSuites(AptPaths paths) throws IOException {
        List<AptState> states = new ArrayList<>();
        Path stateRoot = paths.stateDir().getParent();
        if (!Files.isDirectory(stateRoot)) {
            return states;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(stateRoot)) {
            for (Path d : dirs) {
                String suite = d.getFileName().toString();
                if (d.equals(paths.stateDir())) {
                    continue;
                }
                AptPaths other = new AptPaths(paths.root(), suite);
                long g = other.currentGeneration();
                if (g > 0 && Files.isRegularFile(other.stateFile(g))) {
                    states.add(AptState.read(other.stateFile(g)));
                }
            }
        }
        return states;
    }

    private static void retainPool(AptState state, List<AptEntry> removed, List<AptEntry> entries, long now,
                                   long retention, List<AptState.Retained> retained, List<String> deletable) {
        Set<String> referenced = new HashSet<>();
        for (AptEntry e : entries) {
            referenced.add(e.filename());
            if (e.seedPath() != null) {
                referenced.add(e.seedPath());
            }
        }
        Map<String, AptState.Retained> all = new java.util.LinkedHashMap<>();
        for (AptState.Retained r : state.retained()) {
            if (r.path().startsWith("pool/")) {
                all.put(r.path(), r);
            }
        }
        for (AptEntry e : removed) {
            all.putIfAbsent(e.filename(), new AptState.Retained(now, e.sha256(), e.filename()));
            if (e.seedPath() != null) {
                all.putIfAbsent(e.seedPath(), new AptState.Retained(now, e.seedSha256(), e.seedPath()));
            }
        }
        for (AptState.Retained r : all.values()) {
            if (referenced.contains(r.path())) {
                continue;
            }
            if (now - r.supersededAt() >= retention) {
                deletable.add(r.path());
            } else {
                retained.add(r);
            }
        }
    }

    /**
     * Removes what a publish killed earlier left behind: its staging folder, generation folders and
     * state files that never became current, a half-made link, and pool files that no state names.
     * None of them is visible to clients or named by any index.
     */
    static void cleanLeftovers(AptPaths paths) throws IOException {
        boolean leftovers = Files.exists(paths.staging(), LinkOption.NOFOLLOW_LINKS);
        FileOps.deleteTree(paths.staging());
        long current = paths.currentGeneration();
        if (Files.isDirectory(paths.generations())) {
            try (DirectoryStream<Path> gens = Files.newDirectoryStream(paths.generations())) {
                for (Path g : gens) {
                    if (!g.getFileName().toString().equals(Long.toString(current))) {
                        FileOps.deleteTree(g);
                        leftovers = true;
                    }
                }
            }
        }
        if (Files.isDirectory(paths.stateDir())) {
            try (DirectoryStream<Path> states = Files.newDirectoryStream(paths.stateDir())) {
                for (Path s : states) {
                    if (!s.getFileName().toString().equals(current + ".state")) {
                        Files.deleteIfExists(s);
                    }
                }
            }
        }
        if (Files.isDirectory(paths.dists())) {
            try (DirectoryStream<Path> links = Files.newDirectoryStream(paths.dists(), ".tmp-link-*")) {
                for (Path l : links) {
                    Files.deleteIfExists(l);
                }
            }
        }
        if (leftovers && Files.isDirectory(paths.apt().resolve("pool"))) {
            removeOrphans(paths);
        }
    }

    private static void removeOrphans(AptPaths paths) throws IOException {
        Map<String, String> known = new HashMap<>();
        long g = paths.currentGeneration();
        if (g > 0 && Files.isRegularFile(paths.stateFile(g))) {
            addKnown(known, AptState.read(paths.stateFile(g)));
        }
        for (AptState s : otherSuites(paths)) {
            addKnown(known, s);
        }
        Path pool = paths.apt().resolve("pool");
        List<Path> orphans;
        try (Stream<Path> files = Files.walk(pool)) {
            orphans = files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !known.containsKey(paths.apt().relativize(p).toString())).toList();
        }
        for (Path p : orphans) {
            Files.deleteIfExists(p);
            FileOps.deleteEmptyParents(p.getParent(), pool);
        }
    }

    private static Path tempLink(AptPaths paths) {
        return paths.dists().resolve(".tmp-link-" + paths.suiteLink().getFileName());
    }

    private static void discardStaging(AptPaths paths) throws IOException {
        FileOps.deleteTree(paths.staging());
        Path parent = paths.staging().getParent();
        try {
            Files.deleteIfExists(parent);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another format's staging is still there
        }
    }

    /** A staged file and where it goes, relative to apt/. */
    private record Move(Path staged, String path) {
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

    private final class Staged implements StagedPublish {
        private final AptPaths paths;
        private final long generation;
        private final List<Move> moves;
        private final List<String> deletable;
        private final Set<String> usedCache;
        private final PublishSummary summary;
        private final java.io.PrintWriter progress;
        private final FileSystemSync sync;
        private final boolean perFile;
        private final String codenameLink;

        Staged(AptPaths paths, long generation, List<Move> moves, List<String> deletable, Set<String> usedCache,
               PublishSummary summary, java.io.PrintWriter progress, FileSystemSync sync, boolean perFile,
               String codenameLink) {
            this.codenameLink = codenameLink;
            this.progress = progress;
            this.sync = sync;
            this.perFile = perFile;
            this.paths = paths;
            this.generation = generation;
            this.moves = moves;
            this.deletable = deletable;
            this.usedCache = usedCache;
            this.summary = summary;
        }

        @Override
        public PublishSummary commit() throws IOException {
            long started = System.nanoTime();
            List<Path> created = new ArrayList<>();
            Path link = tempLink(paths);
            try {
                placeFiles(created);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, Path.of(paths.linkTarget(generation)));
                created.add(link);
                // the switch: the one step clients see
                Files.move(link, paths.suiteLink(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                // nothing names these files yet: take them out again, so the repository is as it was
                for (int i = created.size() - 1; i >= 0; i--) {
                    try {
                        FileOps.deleteTree(created.get(i));
                    } catch (IOException ignored) {
                        // best effort; the next publish removes pool files no state names
                    }
                }
                throw e;
            }
            if (codenameLink != null) {
                linkCodename();
            }
            if (durable) {
                FileOps.syncDir(paths.dists());
            }
            checkpoints.reached("apt:switched");
            long switched = System.nanoTime();
            cleanUp();
            checkpoints.reached("apt:cleaned");
            progress.printf("apt: switched to generation %d after %d ms, cleaned up in %d ms%n", generation,
                    (switched - started) / 1_000_000, (System.nanoTime() - switched) / 1_000_000);
            return summary;
        }

        /**
         * {@code apt/dists/<codename>} as a link to {@code <suite>}, as Debian has bookworm and stable, so
         * sources may name either. An existing folder of that name is left alone (with a warning).
         */
        private void linkCodename() throws IOException {
            Path target = paths.dists().resolve(codenameLink);
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(target)) {
                progress.println("apt: warning: " + target + " exists and is not a link; not linking the codename");
                return;
            }
            String suite = paths.suiteLink().getFileName().toString();
            if (Files.isSymbolicLink(target) && Files.readSymbolicLink(target).toString().equals(suite)) {
                return;
            }
            Path tmp = paths.dists().resolve(".tmp-link-" + codenameLink);
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, Path.of(suite));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }

        /** Steps 6 and 7 of the protocol: everything but the switch; records what it creates. */
        private void placeFiles(List<Path> created) throws IOException {
            Path apt = paths.apt();
            Set<Path> touched = new LinkedHashSet<>();
            Set<String> movedFolders = new HashSet<>();
            for (Move m : moves) {
                Path target = apt.resolve(m.path());
                String folder = m.path().substring(0, m.path().lastIndexOf('/'));
                if (movedFolders.contains(folder)) {
                    continue;
                }
                if (!Files.exists(target.getParent())) {
                    // a folder the pool lacks: move the staged folder with all its files in one rename
                    createDirectories(target.getParent().getParent(), created);
                    Files.move(m.staged().getParent(), target.getParent());
                    created.add(target.getParent());
                    movedFolders.add(folder);
                    touched.add(target.getParent());
                    touched.add(target.getParent().getParent());
                } else {
                    Files.move(m.staged(), target);
                    created.add(target);
                    touched.add(target.getParent());
                }
            }
            if (perFile) {
                for (Path d : touched) {
                    FileOps.syncDir(d);
                }
            }
            checkpoints.reached("apt:pool");
            Path stagedCache = paths.staging().resolve("cache");
            if (Files.isDirectory(stagedCache)) {
                createDirectories(paths.cacheDir(), created);
                try (DirectoryStream<Path> files = Files.newDirectoryStream(stagedCache)) {
                    for (Path f : files) {
                        Path target = paths.cacheDir().resolve(f.getFileName());
                        if (!Files.exists(target)) {
                            Files.move(f, target);
                            created.add(target);
                        }
                    }
                }
            }
            createDirectories(paths.stateDir(), created);
            Files.move(paths.staging().resolve("state"), paths.stateFile(generation),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            created.add(paths.stateFile(generation));
            createDirectories(paths.generations(), created);
            FileOps.deleteTree(paths.generation(generation));
            Files.move(paths.staging().resolve("generation"), paths.generation(generation));
            created.add(paths.generation(generation));
            if (perFile) {
                FileOps.syncDir(paths.stateDir());
                FileOps.syncDir(paths.generations());
            } else if (sync != null && !sync.sync(paths.root())) {
                throw new IOException(paths.root() + ": could not flush the file system (sync --file-system) before"
                        + " switching; nothing was switched");
            }
            checkpoints.reached("apt:generation");
        }

        /** Creates a folder and its missing parents, recording the topmost one it created. */
        private void createDirectories(Path dir, List<Path> created) throws IOException {
            Path top = null;
            for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
                top = d;
            }
            Files.createDirectories(dir);
            if (top != null) {
                created.add(top);
            }
        }

        private void cleanUp() throws IOException {
            try (DirectoryStream<Path> gens = Files.newDirectoryStream(paths.generations())) {
                for (Path g : gens) {
                    if (!g.getFileName().toString().equals(Long.toString(generation))) {
                        FileOps.deleteTree(g);
                    }
                }
            }
            try (DirectoryStream<Path> states = Files.newDirectoryStream(paths.stateDir())) {
                for (Path s : states) {
                    if (!s.getFileName().toString().equals(generation + ".state")) {
                        Files.deleteIfExists(s);
                    }
                }
            }
            Set<String> stillNamed = new HashSet<>();
            for (AptState s : otherSuites(paths)) {
                Map<String, String> k = new HashMap<>();
                addKnown(k, s);
                stillNamed.addAll(k.keySet());
            }
            Path pool = paths.apt().resolve("pool");
            for (String d : deletable) {
                if (!stillNamed.contains(d)) {
                    Path file = paths.apt().resolve(d);
                    Files.deleteIfExists(file);
                    FileOps.deleteEmptyParents(file.getParent(), pool);
                }
            }
            if (Files.isDirectory(paths.cacheDir())) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(paths.cacheDir())) {
                    for (Path f : files) {
                        if (!usedCache.contains(f.getFileName().toString())) {
                            Files.deleteIfExists(f);
                        }
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            discardStaging(paths);
        }
    }
}
