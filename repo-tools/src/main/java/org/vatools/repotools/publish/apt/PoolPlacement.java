package org.vatools.repotools.publish.apt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.FileDigests;

/**
 * Decides where a new pool file goes. A file is never overwritten with other content, since a
 * client holding an older index may be downloading it: when the usual place holds other bytes (a
 * package given with --replace, a retained file), the file goes to
 * {@link PoolLayout#alternative}. A place that already holds the same bytes is used as it is.
 */
public final class PoolPlacement {
    private final Path aptDir;
    private final Map<String, String> known;
    private final Map<String, String> claimed = new HashMap<>();

    /**
     * @param aptDir the apt/ folder
     * @param known  SHA-256 by path (relative to apt/) of every pool file the repository's states name
     */
    public PoolPlacement(Path aptDir, Map<String, String> known) {
        this.aptDir = aptDir;
        this.known = known;
    }

    /** Where a file goes, and whether it must be written there (false: the same bytes are there already). */
    public record Place(String path, boolean write) {
    }

    public Place place(String path, String sha256) throws IOException {
        String p = path;
        for (int attempt = 0; attempt < 3; attempt++) {
            String other = claimed.get(p);
            if (other == null) {
                other = known.get(p);
            }
            if (other == null) {
                Path onDisk = aptDir.resolve(p);
                if (Files.exists(onDisk, LinkOption.NOFOLLOW_LINKS)) {
                    other = Files.isRegularFile(onDisk, LinkOption.NOFOLLOW_LINKS)
                            ? FileDigests.of(onDisk, Set.of(DigestAlgorithm.SHA256)).sha256() : "not-a-file";
                }
            }
            if (other == null) {
                claimed.put(p, sha256);
                return new Place(p, true);
            }
            if (other.equals(sha256)) {
                boolean write = claimed.containsKey(p) ? false : !Files.isRegularFile(aptDir.resolve(p));
                claimed.put(p, sha256);
                return new Place(p, write);
            }
            p = PoolLayout.alternative(path, attempt == 0 ? sha256 : sha256.substring(attempt) + "x");
        }
        throw new IOException(aptDir.resolve(path) + ": no free place in the pool for content " + sha256);
    }
}
