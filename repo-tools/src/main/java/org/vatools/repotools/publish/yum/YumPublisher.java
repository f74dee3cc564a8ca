package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.Fingerprint;
import org.vatools.repotools.publish.FormatPublisher;
import org.vatools.repotools.publish.PublishRequest;
import org.vatools.repotools.publish.rpm.RpmSigner;

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
        YumLayout layout = new YumLayout(request.repoRoot());
        ExecutorService pool = Parallel.pool();
        boolean staged = false;
        try {
            StagedPublish result = stage(request, layout, pool);
            staged = true;
            return result;
        } finally {
            pool.shutdownNow();
            if (!staged) {
                StagedYumPublish.discard(layout);
            }
        }
    }

    private StagedPublish stage(PublishRequest request, YumLayout layout, ExecutorService pool) throws IOException {
        Timings timings = new Timings(request.progress());
        long now = request.clock().instant().getEpochSecond();
        RpmSigner signer = new RpmSigner(request.keys());
        List<String> indexSigners = request.keys().fingerprints().stream().map(Fingerprint::hex).toList();
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
        PublishPlan plan = PublishPlan.decide(state, inputs, request, signer.signerFingerprints());

        if (state.current().isEmpty() && plan.toSign.isEmpty()) {
            request.progress().println("yum: no rpm to publish and no YUM repository yet; nothing to do");
            return new StagedYumPublish(request, layout, plan.summary(0), List.of(), null, List.of(), List.of(),
                    timings, checkpoints, false);
        }
        if (plan.unchanged() && indexSigners.equals(state.indexSigners())) {
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
        List<StagedPackage> signed = new PackageStager(layout, signer, now, pool).sign(plan);
        if (!signed.isEmpty()) {
            timings.lap("signed " + signed.size() + " package(s) with " + signer.keys().get(0).describe());
        }
        List<YumPackage> packages = new ArrayList<>(plan.kept);
        for (StagedPackage s : signed) {
            packages.add(s.entry());
        }
        packages.sort(PACKAGE_ORDER);
        GenerationWriter.NextGeneration next = new GenerationWriter(layout, request, now, indexSigners, pool)
                .write(state, packages);
        timings.lap("wrote repodata for " + packages.size() + " package(s)");
        return new StagedYumPublish(request, layout, plan.summary(packages.size()), signed, next.dir(),
                next.droppedGenerations(), next.deletedFiles(), timings, checkpoints, true);
    }
}
