package org.vatools.repotools.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vatools.core.pkg.DigestAlgorithm;

/** Snapshots of a whole folder tree (every file's SHA-256, every link's target) to prove nothing changed. */
public final class RepoTrees {
    private RepoTrees() {
    }

    public static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(root)) {
            return tree;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    tree.put(rel, "link -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(rel + "/", "dir");
                } else {
                    tree.put(rel, HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest()
                            .digest(Files.readAllBytes(p))));
                }
            }
        }
        return tree;
    }
}
