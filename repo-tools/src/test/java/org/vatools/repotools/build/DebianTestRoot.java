package org.vatools.repotools.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.vatools.testkit.Tool;

/**
 * A throwaway Debian 12 root with a shell, dpkg and debconf, for running maintainer scripts the
 * way dpkg runs them: chrooted. The root is made once with {@code mmdebstrap --variant=minbase
 * bookworm} (about 45 s, needs the Debian mirror) and cached as a .tar.zst under
 * {@value #CACHE_DIR}; each test extracts a fresh copy (about a second).
 */
final class DebianTestRoot {
    static final String CACHE_DIR = "/var/cache/vatools-test/repo-tools";
    private static final Path CACHE = Path.of(CACHE_DIR, "bookworm-minbase.tar.zst");

    private DebianTestRoot() {
    }

    /** The cached root archive, made first if missing (one maker at a time, others wait). */
    static Path archive() {
        RequiredTools.require("mmdebstrap", "zstd", "tar");
        try {
            Files.createDirectories(CACHE.getParent());
            try (FileChannel channel = FileChannel.open(CACHE.resolveSibling("bookworm-minbase.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    makeIfMissing();
                } finally {
                    lock.release();
                }
            }
            return CACHE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + CACHE, e);
        }
    }

    private static void makeIfMissing() throws IOException {
        if (Files.isRegularFile(CACHE)) {
            return;
        }
        Path partial = CACHE.resolveSibling("bookworm-minbase.partial-" + ProcessHandle.current().pid() + ".tar.zst");
        Tool.Result r = Tool.run(List.of("mmdebstrap", "--variant=minbase", "--quiet", "bookworm", partial.toString()),
                null, Map.of(), null, 900);
        if (r.exitCode() != 0) {
            Files.deleteIfExists(partial);
            throw new AssertionError(r.describe("mmdebstrap could not make the test root (it needs the Debian"
                    + " mirror in /etc/apt/sources.list)"));
        }
        Files.move(partial, CACHE, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Extracts a fresh root into {@code dir} (which must not exist yet) and returns it. */
    static Path extract(Path dir) {
        Path archive = archive();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tool.run(List.of("tar", "--zstd", "-xf", archive.toString(), "-C", dir.toString()), null, Map.of(), null, 300)
                .assertSuccess();
        return dir;
    }

    /**
     * A folder for a root named {@code name}: on tmpfs (/dev/shm) when there is one, where
     * extracting takes under a second and rpm's database needs no disk syncs; else under target/.
     */
    static Path placeFor(String name) {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm)
                ? shm.resolve("vatools-test-roots-" + ProcessHandle.current().pid())
                : BuildItSupport.moduleDir().resolve("target/it-work/roots");
        return base.resolve(name);
    }

    /** Removes the per-process folder of {@link #placeFor} once its roots are gone. */
    static void deleteEmptyBase(List<Path> roots) {
        for (Path root : roots) {
            try {
                Files.deleteIfExists(root.getParent());
            } catch (IOException e) {
                // not empty: another root of this process is still in use
            }
        }
    }

    /** Removes an extracted root (plain recursive delete; nothing is mounted in it). */
    static void delete(Path dir) {
        if (Files.exists(dir)) {
            Tool.run("rm", "-rf", "--one-file-system", dir.toString()).assertSuccess();
        }
    }
}
