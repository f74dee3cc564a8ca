package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.Fingerprint;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.FileDigests;
import org.vatools.core.pkg.rpm.RpmEvr;
import org.vatools.core.pkg.rpm.RpmPackage;
import org.vatools.repotools.publish.FormatPublisher;
import org.vatools.repotools.publish.PublishOptions;
import org.vatools.repotools.publish.PublishRequest;
import org.vatools.repotools.publish.rpm.RpmSigner;
import org.vatools.repotools.publish.rpm.SignedRpm;

/**
 * The signed YUM repository under {@code yum/} (docs/reference/repository-yum.md).
 *
 * <p>{@link #stage} reads and checks every input, decides what changes (added, replaced,
 * removed, re-signed after a change of signing key, dropped by --keep-versions), signs the new
 * packages and writes them, their seeds, a complete new repodata folder and the new state into
 * {@code .vatools/staging/yum/}. Nothing under {@code yum/} changes. Adding one package to a
 * repository of N reads and signs that package only: the others' entries come from the state.
 *
 * <p>{@link StagedPublish#commit} then moves the new package files into {@code yum/packages/}
 * (no index lists them yet), the new repodata folder to {@code yum/repodata.ID}, replaces the
 * state, and last swaps the {@code yum/repodata} symlink with one rename(2), so repomd.xml,
 * repomd.xml.asc and the data files change together. Killed at any instant, the repository still
 * verifies, and the next publish completes the switch. Superseded repodata folders and files no
 * index lists stay for {@code options.byHashKeep()}, and at least until the next publish, for
 * clients that fetched the previous repomd.xml.
 */
public final class YumPublisher implements FormatPublisher {
    /** How long superseded repodata and package files stay when the options give no window. */
    static final Duration DEFAULT_KEEP = Duration.ofDays(1);
    /** Order of packages in the repodata: name, then version (rpm order), then arch, then pkgid. */
    static final Comparator<YumPackage> PACKAGE_ORDER = Comparator.comparing(YumPackage::name)
            .thenComparing(YumPackage::evr).thenComparing(YumPackage::arch).thenComparing(YumPackage::pkgid);

    private final Consumer<String> checkpoints;

    public YumPublisher() {
        this(step -> { });
    }

    /**
     * @param checkpoints told each step of a commit as it is reached ({@code yum:packages},
     *                    {@code yum:repodata}, {@code yum:state}, {@code yum:switched},
     *                    {@code yum:cleaned}), so a crash test can kill the process there
     */
    public YumPublisher(Consumer<String> checkpoints) {
        this.checkpoints = Objects.requireNonNull(checkpoints);
    }

    @Override
    public String name() {
        return "yum";
    }

    @Override
    public StagedPublish stage(PublishRequest request) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "yum-publish");
            t.setDaemon(true);
            return t;
        });
        boolean staged = false;
        try {
            StagedPublish result = new Stager(request, pool, checkpoints).stage();
            staged = true;
            return result;
        } finally {
            pool.shutdownNow();
            if (!staged) {
                StagedYumPublish.discard(new YumLayout(request.repoRoot()));
            }
        }
    }

    /** A package signed into the staging folder, with its final entry. */
    record Signed(YumPackage entry, Path stagedRpm, Path stagedSeed) {
    }

    /** One staging run. */
    private static final class Stager {
        private final PublishRequest request;
        private final PublishOptions options;
        private final ExecutorService pool;
        private final YumLayout layout;
        private final long now;
        private final RpmSigner signer;
        private final List<String> packageSigners;
        private final List<String> indexSigners;
        private final Timings timings;
        private final Consumer<String> checkpoints;

        Stager(PublishRequest request, ExecutorService pool, Consumer<String> checkpoints) {
            this.checkpoints = checkpoints;
            this.request = request;
            this.options = request.options();
            this.pool = pool;
            this.layout = new YumLayout(request.repoRoot());
            this.now = request.clock().instant().getEpochSecond();
            this.signer = new RpmSigner(request.keys());
            this.packageSigners = signer.signerFingerprints();
            this.indexSigners = request.keys().fingerprints().stream().map(Fingerprint::hex).toList();
            this.timings = new Timings(request.progress());
        }

        StagedPublish stage() throws IOException {
            if (layout.repodataIsForeign()) {
                throw new ApplianceException(ExitCode.CONFLICT, layout.repodata + " is a folder, not the symlink"
                        + " 'repo-tools publish' keeps there: this yum/ was not made by repo-tools (by createrepo?)."
                        + " Move it away, or publish into another --repo");
            }
            YumState state = YumStateStore.read(layout.stateFile);
            String published = layout.currentGeneration().orElse("");
            if (!published.isEmpty() && state.generations().stream().noneMatch(g -> g.dir().equals(published))) {
                throw new ApplianceException(ExitCode.CONFLICT, layout.repodata + " points to " + published
                        + ", which " + layout.stateFile + " does not know: the state does not belong to this"
                        + " repository (restored from another backup?)");
            }
            boolean switchPending = !state.current().isEmpty() && !published.equals(state.current());
            timings.lap("read the state (" + state.packages().size() + " package(s))");

            List<RpmInput> inputs = RpmInput.readAll(request.packages(), pool);
            timings.lap("read " + inputs.size() + " package(s)");
            Plan plan = plan(state, inputs);

            if (state.current().isEmpty() && plan.toSign.isEmpty()) {
                request.progress().println("yum: no rpm to publish and no YUM repository yet; nothing to do");
                return new StagedYumPublish(request, layout, plan.summary(0), List.of(), null, List.of(), List.of(),
                        timings, checkpoints, false);
            }
            boolean sameSigners = indexSigners.equals(state.indexSigners());
            if (plan.unchanged() && sameSigners) {
                if (switchPending) {
                    request.progress().println("yum: completing the switch to " + state.current()
                            + " that an interrupted publish left undone");
                } else {
                    request.progress().println("yum: nothing changed (" + state.packages().size() + " package(s))");
                }
                return new StagedYumPublish(request, layout, plan.summary(state.packages().size()), List.of(),
                        switchPending ? state.current() : null, List.of(), List.of(), timings, checkpoints, true);
            }

            YumLayout.deleteTree(layout.staging);
            Files.createDirectories(layout.staging);
            List<Signed> signed = signAll(plan);
            if (!signed.isEmpty()) {
                timings.lap("signed " + signed.size() + " package(s) with " + request.keys().keys().get(0).describe());
            }
            List<YumPackage> packages = new ArrayList<>(plan.kept);
            for (Signed s : signed) {
                packages.add(s.entry());
            }
            packages.sort(PACKAGE_ORDER);
            NextGeneration next = writeRepodata(state, packages);
            timings.lap("wrote repodata for " + packages.size() + " package(s)");
            return new StagedYumPublish(request, layout, plan.summary(packages.size()), signed, next.dir,
                    next.droppedGenerations, next.deletedFiles, timings, checkpoints, true);
        }

        // ------------------------------------------------------------ deciding

        /** What this publish changes. */
        private final class Plan {
            final List<YumPackage> kept = new ArrayList<>();
            final List<RpmInput> toSign = new ArrayList<>();
            final List<YumPackage> resign = new ArrayList<>();
            final List<YumPackage> removed = new ArrayList<>();
            final List<String> added = new ArrayList<>();

            boolean unchanged() {
                return toSign.isEmpty() && resign.isEmpty() && removed.isEmpty();
            }

            org.vatools.repotools.publish.PublishSummary summary(int total) {
                return new org.vatools.repotools.publish.PublishSummary("yum", added,
                        removed.stream().map(p -> p.key().toString()).sorted().toList(), total);
            }
        }

        private Plan plan(YumState state, List<RpmInput> inputs) {
            Plan plan = new Plan();
            Map<YumPackage.Key, YumPackage> current = new LinkedHashMap<>();
            for (YumPackage p : state.packages()) {
                current.put(p.key(), p);
            }
            // removals apply to what was published before this run
            for (PublishRequest.Removal r : request.removals()) {
                List<YumPackage> matched = current.values().stream().filter(p -> matches(p, r)).toList();
                if (matched.isEmpty()) {
                    request.progress().println("yum: --remove " + r + ": no such package in the repository");
                }
                for (YumPackage p : matched) {
                    current.remove(p.key());
                    plan.removed.add(p);
                }
            }
            Map<YumPackage.Key, RpmInput> byKey = new LinkedHashMap<>();
            List<String> conflicts = new ArrayList<>();
            for (RpmInput in : inputs) {
                RpmInput twin = byKey.putIfAbsent(in.key(), in);
                if (twin != null && !twin.headerSha256().equals(in.headerSha256())) {
                    conflicts.add(in.file() + ": " + in.key() + " is given twice with different content (also "
                            + twin.file() + "); give one of them");
                }
            }
            for (RpmInput in : byKey.values()) {
                YumPackage existing = current.get(in.key());
                if (existing == null) {
                    plan.toSign.add(in);
                    plan.added.add(in.key().toString());
                } else if (existing.headerSha256().equals(in.headerSha256())) {
                    if (!existing.signers().equals(packageSigners)) {
                        current.remove(in.key());
                        plan.toSign.add(in);
                    }
                } else if (options.replace()) {
                    current.remove(in.key());
                    plan.toSign.add(in);
                    plan.added.add(in.key().toString());
                } else {
                    conflicts.add(in.file() + ": " + in.key() + " is published already with other content (pkgid "
                            + existing.pkgid() + "); a published version must not change under its users. Raise the"
                            + " release, or give --replace to overwrite it");
                }
            }
            if (!conflicts.isEmpty()) {
                throw new ApplianceException(ExitCode.CONFLICT, String.join("\n", conflicts));
            }
            for (YumPackage p : current.values()) {
                if (p.signers().equals(packageSigners)) {
                    plan.kept.add(p);
                } else {
                    plan.resign.add(p);
                }
            }
            keepVersions(plan);
            return plan;
        }

        /** {@code NAME}, {@code NAME=VERSION} (every release) or {@code NAME=[EPOCH:]VERSION-RELEASE}. */
        private static boolean matches(YumPackage p, PublishRequest.Removal r) {
            if (!p.name().equals(r.name())) {
                return false;
            }
            if (r.version() == null) {
                return true;
            }
            RpmEvr wanted = RpmEvr.parse(r.version());
            boolean epochMatches = wanted.epoch().isEmpty() || wanted.epochNumber() == p.evr().epochNumber();
            if (wanted.release().isEmpty()) {
                return epochMatches && p.version().equals(wanted.version());
            }
            return epochMatches && p.version().equals(wanted.version()) && p.release().equals(wanted.release());
        }

        /** --keep-versions N: per name and arch only the N highest versions stay. */
        private void keepVersions(Plan plan) {
            int keep = options.keepVersions();
            if (keep <= 0) {
                return;
            }
            record Candidate(RpmEvr evr, YumPackage published, RpmInput input) {
            }
            Map<String, List<Candidate>> groups = new HashMap<>();
            for (YumPackage p : plan.kept) {
                groups.computeIfAbsent(p.name() + "." + p.arch(), k -> new ArrayList<>()).add(new Candidate(p.evr(), p,
                        null));
            }
            for (YumPackage p : plan.resign) {
                groups.computeIfAbsent(p.name() + "." + p.arch(), k -> new ArrayList<>()).add(new Candidate(p.evr(), p,
                        null));
            }
            for (RpmInput in : plan.toSign) {
                groups.computeIfAbsent(in.key().name() + "." + in.key().arch(), k -> new ArrayList<>())
                        .add(new Candidate(in.evr(), null, in));
            }
            for (List<Candidate> group : groups.values()) {
                if (group.size() <= keep) {
                    continue;
                }
                group.sort(Comparator.comparing(Candidate::evr).reversed());
                for (Candidate c : group.subList(keep, group.size())) {
                    if (c.published() != null) {
                        plan.kept.remove(c.published());
                        plan.resign.remove(c.published());
                        plan.removed.add(c.published());
                    } else {
                        plan.toSign.remove(c.input());
                        plan.added.remove(c.input().key().toString());
                        request.progress().println("yum: " + c.input().key() + " is older than the " + keep
                                + " newest versions kept (--keep-versions " + keep + "); not published");
                    }
                }
            }
        }

        // ------------------------------------------------------------ signing

        private List<Signed> signAll(Plan plan) throws IOException {
            Path incoming = Files.createDirectories(layout.staging.resolve("incoming"));
            Set<String> contested = contestedNames(plan);
            List<Callable<Signed>> tasks = new ArrayList<>();
            int n = 0;
            for (RpmInput in : plan.toSign) {
                Path target = incoming.resolve(n++ + ".rpm");
                tasks.add(() -> signOne(in, target, contested));
            }
            for (YumPackage p : plan.resign) {
                Path target = incoming.resolve(n++ + ".rpm");
                tasks.add(() -> signOne(RpmInput.read(layout.underYum(p.href())).input(), target, contested));
            }
            return runAll(tasks, "signing packages");
        }

        /**
         * File names that several packages of the new repository would want ({@code packages/N-V-R.A.rpm}
         * for two epochs of one version, or {@code packages/N-V-R.seed} with different seeds): the new
         * packages among them go into a folder named by their checksum instead.
         */
        private static Set<String> contestedNames(Plan plan) {
            Map<String, Set<String>> claims = new HashMap<>();
            for (YumPackage p : plan.kept) {
                claims.computeIfAbsent(p.href(), k -> new HashSet<>()).add(p.pkgid());
                if (p.seed() != null) {
                    claims.computeIfAbsent(p.seed().href(), k -> new HashSet<>()).add(p.seed().sha256());
                }
            }
            for (RpmInput in : plan.toSign) {
                claims.computeIfAbsent(rpmName(in), k -> new HashSet<>()).add("new:" + in.headerSha256());
                if (in.isAppliance()) {
                    claims.computeIfAbsent(seedName("packages", in), k -> new HashSet<>()).add(sha256(in.seed()));
                }
            }
            for (YumPackage p : plan.resign) {
                claims.computeIfAbsent("packages/" + p.name() + "-" + p.version() + "-" + p.release() + "." + p.arch()
                        + ".rpm", k -> new HashSet<>()).add("new:" + p.headerSha256());
            }
            Set<String> contested = new HashSet<>();
            claims.forEach((name, claimants) -> {
                if (claimants.size() > 1) {
                    contested.add(name);
                }
            });
            return contested;
        }

        private static String rpmName(RpmInput in) {
            return "packages/" + in.nvra() + ".rpm";
        }

        private static String seedName(String dir, RpmInput in) {
            return dir + "/" + in.key().name() + "-" + in.key().version() + "-" + in.key().release() + ".seed";
        }

        private Signed signOne(RpmInput in, Path staged, Set<String> contested) throws IOException {
            RpmPackage rpm = RpmInput.read(in.file()).rpm();
            if (!RpmSigner.headerSha256(rpm).equals(in.headerSha256())) {
                throw new ApplianceException(ExitCode.INVALID_INPUT, in.file() + ": changed while it was being"
                        + " published; publish it again when it is complete");
            }
            SignedRpm result;
            try (OutputStream out = Files.newOutputStream(staged)) {
                result = signer.sign(rpm, in.file(), out);
            }
            FileTime time = FileTime.fromMillis(now * 1000);
            Files.setLastModifiedTime(staged, time);
            String subfolder = "packages/" + result.sha256().substring(0, 16);
            String href = rpmName(in);
            if (contested.contains(href) || occupied(href, result.sha256())) {
                href = subfolder + "/" + in.nvra() + ".rpm";
            }
            Path stagedSeed = null;
            YumPackage.Seed seed = null;
            if (in.isAppliance()) {
                String seedSha = sha256(in.seed());
                String dir = href.substring(0, href.lastIndexOf('/'));
                String seedHref = seedName(dir, in);
                if (contested.contains(seedHref) || occupied(seedHref, seedSha)) {
                    seedHref = seedName(subfolder, in);
                }
                stagedSeed = staged.resolveSibling(staged.getFileName() + ".seed");
                Files.write(stagedSeed, in.seed());
                Files.setLastModifiedTime(stagedSeed, time);
                seed = new YumPackage.Seed(seedHref, seedSha, in.seed().length);
            }
            RepodataXml.Location location = new RepodataXml.Location(result.sha256(), href, result.size(), now,
                    result.headerStart(), result.headerEnd());
            String epoch = rpm.epoch().isPresent() ? Long.toString(rpm.epoch().getAsLong()) : "";
            YumPackage entry = new YumPackage(result.sha256(), rpm.name(), rpm.arch(), epoch, rpm.version(),
                    rpm.release(), href, result.size(), result.headerSha256(), result.signers(), now, seed,
                    RepodataXml.primary(rpm, location), RepodataXml.filelists(rpm, result.sha256()),
                    RepodataXml.other(rpm, result.sha256()));
            return new Signed(entry, staged, stagedSeed);
        }

        /** True when a file other than one with {@code sha256} lies at {@code href} (a published or kept one). */
        private boolean occupied(String href, String sha256) throws IOException {
            Path path = layout.underYum(href);
            if (!Files.exists(path)) {
                return false;
            }
            return !FileDigests.of(path, Set.of(DigestAlgorithm.SHA256)).sha256().equals(sha256);
        }

        private static String sha256(byte[] bytes) {
            return java.util.HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest().digest(bytes));
        }

        private <T> List<T> runAll(List<Callable<T>> tasks, String what) throws IOException {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(t));
            }
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while " + what, e);
                }
            }
            return results;
        }

        // ------------------------------------------------------------ repodata

        /** The staged generation: its folder name, and what committing it lets go. */
        private record NextGeneration(String dir, List<String> droppedGenerations, List<String> deletedFiles) {
        }

        private NextGeneration writeRepodata(YumState state, List<YumPackage> packages) throws IOException {
            Path staged = Files.createDirectories(layout.staging.resolve("repodata"));
            int count = packages.size();
            List<Callable<RepodataFile>> tasks = List.of(
                () -> RepodataWriter.write(staged, "primary", String.format(RepodataXml.PRIMARY_START, count),
                        () -> packages.stream().map(YumPackage::primary).iterator(), RepodataXml.PRIMARY_END, now),
                () -> RepodataWriter.write(staged, "filelists", String.format(RepodataXml.FILELISTS_START, count),
                        () -> packages.stream().map(YumPackage::filelists).iterator(), RepodataXml.FILELISTS_END, now),
                () -> RepodataWriter.write(staged, "other", String.format(RepodataXml.OTHER_START, count),
                        () -> packages.stream().map(YumPackage::other).iterator(), RepodataXml.OTHER_END, now),
                () -> {
                    List<String> seeds = ApplianceSeedsXml.entries(packages);
                    return RepodataWriter.write(staged, ApplianceSeedsXml.TYPE, ApplianceSeedsXml.start(seeds.size()),
                            seeds, ApplianceSeedsXml.end(), now);
                });
            List<RepodataFile> files = new ArrayList<>(runAll(tasks, "writing repodata"));
            // content published before keeps its timestamp, so an unchanged file keeps its repomd entry
            Map<String, RepodataFile> before = new HashMap<>();
            for (YumState.Generation g : state.generations()) {
                for (RepodataFile f : g.files()) {
                    before.putIfAbsent(f.fileName(), f);
                }
            }
            for (int i = 0; i < files.size(); i++) {
                RepodataFile earlier = before.get(files.get(i).fileName());
                if (earlier != null) {
                    files.set(i, files.get(i).withTimestamp(earlier.timestamp()));
                }
            }
            byte[] repomd = RepomdXml.write(now, files);
            byte[] asc = request.signer().detachedSignature(repomd);
            Files.write(staged.resolve(YumLayout.REPOMD), repomd);
            Files.write(staged.resolve(YumLayout.REPOMD_ASC), asc);

            // generations: the one being replaced always stays (a client may hold its repomd.xml);
            // older ones stay within the retention window
            long keepSeconds = (options.byHashKeep() == null ? DEFAULT_KEEP : options.byHashKeep()).toSeconds();
            List<YumState.Generation> generations = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            for (YumState.Generation g : state.generations()) {
                if (g.dir().equals(state.current())) {
                    generations.add(new YumState.Generation(g.dir(), g.publishedAt(), now, g.files()));
                } else if (g.supersededAt() >= 0 && now < g.supersededAt() + keepSeconds) {
                    generations.add(g);
                } else {
                    dropped.add(g.dir());
                }
            }
            String id = sha256(repomd).substring(0, 16);
            String dir = "repodata." + id;
            for (int n = 2; isTaken(dir, state); n++) {
                dir = "repodata." + id + "-" + n;
            }
            // clients holding a kept generation's repomd.xml find its data files in the new folder too
            for (YumState.Generation g : generations) {
                for (RepodataFile f : g.files()) {
                    Path link = staged.resolve(f.fileName());
                    if (!Files.exists(link)) {
                        Files.createLink(link, layout.generation(g.dir()).resolve(f.fileName()));
                    }
                }
            }
            generations.add(new YumState.Generation(dir, now, -1, files));

            Set<String> used = new HashSet<>();
            for (YumPackage p : packages) {
                used.add(p.href());
                if (p.seed() != null) {
                    used.add(p.seed().href());
                }
            }
            Set<String> keptGenerations = new HashSet<>();
            generations.forEach(g -> keptGenerations.add(g.dir()));
            List<YumState.Retired> retired = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            for (YumState.Retired r : state.retired()) {
                if (used.contains(r.path())) {
                    continue;
                }
                if (keptGenerations.contains(r.lastGeneration())) {
                    retired.add(r);
                } else {
                    deleted.add(r.path());
                }
            }
            Set<String> alreadyRetired = new HashSet<>();
            retired.forEach(r -> alreadyRetired.add(r.path()));
            for (YumPackage p : state.packages()) {
                for (String path : p.seed() == null ? List.of(p.href()) : List.of(p.href(), p.seed().href())) {
                    if (!used.contains(path) && alreadyRetired.add(path)) {
                        retired.add(new YumState.Retired(path, state.current()));
                    }
                }
            }
            YumState next = new YumState(dir, packages, generations, retired, indexSigners);
            YumStateStore.write(layout.staging.resolve("state"), next);
            return new NextGeneration(dir, dropped, deleted);
        }

        private boolean isTaken(String dir, YumState state) {
            return Files.exists(layout.generation(dir), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || state.generations().stream().anyMatch(g -> g.dir().equals(dir));
        }
    }
}
