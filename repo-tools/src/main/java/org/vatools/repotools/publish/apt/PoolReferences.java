package org.vatools.repotools.publish.apt;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pool files the repository's suites name: every entry's .deb and seed, and the files kept
 * for their retention time. Suites share the pool, so a file stays while any suite names it.
 */
final class PoolReferences {
    private PoolReferences() {
    }

    /** SHA-256 by pool path of every pool file any suite's state names (entries and retained files). */
    static Map<String, String> known(AptPaths paths, AptState state) throws IOException {
        Map<String, String> known = new HashMap<>();
        for (AptState s : otherSuites(paths)) {
            add(known, s);
        }
        add(known, state);
        return known;
    }

    static void add(Map<String, String> known, AptState s) {
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
    static List<AptState> otherSuites(AptPaths paths) throws IOException {
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
}
