package org.vatools.repotools.publish.apt;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vatools.repotools.publish.FormatPublisher;
import org.vatools.repotools.publish.PublishCheckpoints;
import org.vatools.repotools.publish.PublishSummary;

/**
 * A staged APT publish and its commit (steps 6 to 9 of the protocol in docs/reference/repository.md):
 * move the new pool files, cache chunks, state and generation folder into place, switch the
 * suite's link with one rename, then clean up. A failure before the switch takes out what it had
 * moved, so the repository is as it was.
 */
final class AptCommit implements FormatPublisher.StagedPublish {
    /** A staged file and where it goes, relative to apt/. */
    record Move(Path staged, String path) {
    }

    /** Removes this format's staging folder (and the staging parent when no other format uses it). */
    static void discard(AptPaths paths) throws IOException {
        FileOps.deleteTree(paths.staging());
        Path parent = paths.staging().getParent();
        try {
            Files.deleteIfExists(parent);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another format's staging is still there
        }
    }

    private final PublishCheckpoints checkpoints;
    private final boolean durable;
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

    AptCommit(PublishCheckpoints checkpoints, boolean durable, AptPaths paths, long generation, List<Move> moves, List<String> deletable, Set<String> usedCache,
           PublishSummary summary, java.io.PrintWriter progress, FileSystemSync sync, boolean perFile,
           String codenameLink) {
        this.checkpoints = checkpoints;
        this.durable = durable;
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
        Path link = paths.tempLink();
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
        for (AptState s : PoolReferences.otherSuites(paths)) {
            Map<String, String> k = new HashMap<>();
            PoolReferences.add(k, s);
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
        discard(paths);
    }
}
