package org.vatools.repotools.publish.apt;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What a publish killed earlier leaves behind, and its removal by the next publish (under the lock). */
final class Leftovers {
    private Leftovers() {
    }

    /**
     * Removes what a publish killed earlier left behind: its staging folder, generation folders and
     * state files that never became current, a half-made link, and pool files that no state names.
     * None of them is visible to clients or named by any index.
     */
    static void clean(AptPaths paths) throws IOException {
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
            PoolReferences.add(known, AptState.read(paths.stateFile(g)));
        }
        for (AptState s : PoolReferences.otherSuites(paths)) {
            PoolReferences.add(known, s);
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
}
