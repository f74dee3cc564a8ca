package org.vatools.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A throwaway Debian 12 root for tests: {@code mmdebstrap --variant=minbase bookworm} once, cached
 * as a .tar.zst (about 50 MB, built in 20-55 s when missing), then extracted into a fresh folder
 * for each test (about a second). Needs root, mmdebstrap, tar and zstd; a missing tool fails the
 * test with the command that installs them.
 * <p>
 * The cache lives in {@value #DEFAULT_CACHE} (a fresh CI machine builds it on first use), or in
 * the folder named by the environment variable {@value #CACHE_VARIABLE}. Concurrent test JVMs
 * build it once: the build holds a file lock and renames the finished tarball into place.
 * <p>
 * {@link #close()} refuses to delete a root that still has anything mounted under it (deleting
 * through a bind of /dev would delete the host's device nodes) and deletes with
 * {@code rm --one-file-system}.
 */
public final class DebianRoot implements AutoCloseable {
    public static final String DEFAULT_CACHE = "/var/cache/vatools-test";
    public static final String CACHE_VARIABLE = "VATOOLS_TEST_CACHE";
    public static final String SUITE = "bookworm";
    static final String TARBALL = "debian-" + SUITE + "-minbase.tar.zst";

    private final Path path;

    private DebianRoot(Path path) {
        this.path = path;
    }

    /**
     * Extracts a fresh root into a new folder on tmpfs ({@code /dev/shm/vatools-roots}: about 0.4 s
     * instead of 3 s on disk), or under java.io.tmpdir when /dev/shm is missing or mounted noexec.
     */
    public static DebianRoot create() {
        return create(defaultParent());
    }

    /**
     * As {@link #create()}, from a root that also has {@code packages} installed (cached as its own
     * tarball, built with {@code mmdebstrap --include}; building it needs the Debian mirror).
     */
    public static DebianRoot withPackages(String... packages) {
        return create(defaultParent(), List.of(packages));
    }

    /** Extracts a fresh root into a new folder under {@code parent}. */
    public static DebianRoot create(Path parent) {
        return create(parent, List.of());
    }

    private static DebianRoot create(Path parent, List<String> packages) {
        Path tarball = cachedTarball(packages);
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent.toAbsolutePath(), "debian-root-");
            Tool.run(List.of("tar", "--zstd", "-xpf", tarball.toString(), "-C", dir.toString()), null, Map.of(),
                    null, 300).assertSuccess();
            Path hosts = dir.resolve("etc/hosts");
            if (!Files.exists(hosts)) {
                Files.writeString(hosts, "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
            }
            return new DebianRoot(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + tarball, e);
        }
    }

    /** The cached tarball, built first when it is missing. */
    public static Path cachedTarball() {
        return cachedTarball(List.of());
    }

    static Path cachedTarball(List<String> packages) {
        Tool.require("mmdebstrap", "tar", "zstd");
        Path cache = Path.of(System.getenv().getOrDefault(CACHE_VARIABLE, DEFAULT_CACHE));
        List<String> sorted = packages.stream().sorted().toList();
        for (String p : sorted) {
            if (!p.matches("[a-z0-9][a-z0-9+.-]+")) {
                throw new IllegalArgumentException("not a Debian package name: " + p);
            }
        }
        String name = sorted.isEmpty() ? TARBALL
                : "debian-" + SUITE + "-minbase+" + String.join("+", sorted) + ".tar.zst";
        Path tarball = cache.resolve(name);
        if (Files.isRegularFile(tarball)) {
            return tarball;
        }
        try {
            Files.createDirectories(cache);
            try (FileChannel lockFile = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                if (Files.isRegularFile(tarball)) {
                    return tarball; // another JVM built it while we waited
                }
                Path partial = cache.resolve(name + ".partial.tar.zst");
                Files.deleteIfExists(partial);
                List<String> argv = new java.util.ArrayList<>(List.of("mmdebstrap", "--variant=minbase", "--quiet"));
                if (!sorted.isEmpty()) {
                    argv.add("--include=" + String.join(",", sorted));
                }
                argv.addAll(List.of(SUITE, partial.toString()));
                Tool.run(argv, null, Map.of(), null, 900).assertSuccess();
                Files.move(partial, tarball, StandardCopyOption.ATOMIC_MOVE);
                return tarball;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the cached Debian root in " + cache
                    + " (set " + CACHE_VARIABLE + " to a writable folder)", e);
        }
    }

    static Path defaultParent() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length > 5 && f[4].equals("/dev/shm") && !f[5].contains("noexec")
                        && Files.isWritable(Path.of("/dev/shm"))) {
                    return Path.of("/dev/shm/vatools-roots");
                }
            }
        } catch (IOException e) {
            // fall back below
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "vatools-roots");
    }

    public Path path() {
        return path;
    }

    /** Lines of /proc/self/mountinfo whose mount point is at or below this root. */
    public List<String> mountsUnder() {
        try {
            String prefix = path.toString() + "/";
            return Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> {
                        String[] f = l.split(" ");
                        return f.length > 4 && (f[4].equals(path.toString()) || f[4].startsWith(prefix));
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        List<String> mounts = mountsUnder();
        if (!mounts.isEmpty()) {
            throw new AssertionError("not deleting " + path + ": still mounted under it:\n" + String.join("\n", mounts));
        }
        Tool.run(List.of("rm", "-rf", "--one-file-system", "--", path.toString()), null, Map.of(), null, 300)
                .assertSuccess();
    }
}
