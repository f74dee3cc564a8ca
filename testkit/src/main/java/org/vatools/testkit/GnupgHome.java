package org.vatools.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throwaway GnuPG home for one test: gpg and gpgv run with {@code GNUPGHOME} set to it (never
 * the user's ~/.gnupg), and {@link #close()} stops the gpg-agent that gpg started there and
 * deletes the folder.
 */
public final class GnupgHome implements AutoCloseable {
    private final Path dir;
    private final Map<String, String> env;

    private GnupgHome(Path dir) {
        this.dir = dir;
        this.env = Map.of("GNUPGHOME", dir.toString(), "LC_ALL", "C");
    }

    /** Creates a home (mode 0700, as gpg wants) in a new folder under /tmp (short: socket paths). */
    public static GnupgHome create() {
        requireTools("gpg", "gpgv", "gpgconf");
        try {
            return new GnupgHome(Files.createTempDirectory(Path.of("/tmp"), "gnupg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails (never skips) when a tool is missing, saying how to install it. */
    public static void requireTools(String... names) {
        for (String name : names) {
            if (!Tool.available(name)) {
                throw new AssertionError(name + " is not installed; run 'sh scripts/install-deps.sh test' as root");
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** Runs {@code gpg --batch ARGS} in this home. */
    public Tool.Result gpg(String... args) {
        List<String> argv = new ArrayList<>(List.of("gpg", "--batch", "--no-tty"));
        argv.addAll(Arrays.asList(args));
        return Tool.run(argv, dir, env, null, 120);
    }

    /** Runs {@code gpgv ARGS} in this home (gpgv starts no agent). */
    public Tool.Result gpgv(String... args) {
        List<String> argv = new ArrayList<>(List.of("gpgv"));
        argv.addAll(Arrays.asList(args));
        return Tool.run(argv, dir, env, null, 120);
    }

    @Override
    public void close() {
        Tool.run(List.of("gpgconf", "--homedir", dir.toString(), "--kill", "all"), dir, env, null, 60);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // sockets vanish while the agent stops; what is left is under /tmp
        }
    }
}
