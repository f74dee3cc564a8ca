package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.vatools.repotools.publish.PublishOptions;
import org.vatools.repotools.publish.PublishRequest;

/**
 * Writes a complete new repodata generation into {@code .vatools/staging/yum/repodata/}: the four
 * data files (in parallel), repomd.xml and repomd.xml.asc, hard links to the data files of every
 * older generation still kept, and the state that describes it. Decides which generations and
 * retired files the commit may delete: the generation being replaced always stays; older ones
 * stay for the retention window after they were superseded.
 */
final class GenerationWriter {
    /** How long superseded repodata and package files stay when the options give no window. */
    static final Duration DEFAULT_KEEP = Duration.ofDays(1);

    private final YumLayout layout;
    private final PublishRequest request;
    private final PublishOptions options;
    private final long now;
    private final List<String> indexSigners;
    private final ExecutorService pool;

    GenerationWriter(YumLayout layout, PublishRequest request, long now, List<String> indexSigners,
                     ExecutorService pool) {
        this.layout = layout;
        this.request = request;
        this.options = request.options();
        this.now = now;
        this.indexSigners = indexSigners;
        this.pool = pool;
    }

    /** The staged generation: its folder name, and what committing it lets go. */
    record NextGeneration(String dir, List<String> droppedGenerations, List<String> deletedFiles) {
    }

    NextGeneration write(YumState state, List<YumPackage> packages) throws IOException {
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
        List<RepodataFile> files = new ArrayList<>(Parallel.runAll(pool, tasks, "writing repodata"));
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
        String id = PackageStager.sha256(repomd).substring(0, 16);
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
