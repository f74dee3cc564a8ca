package org.vatools.vainstall.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * File operations on a target, each a plain command (cat, mktemp, dd, chmod, chown, mv, rm, ls,
 * mkdir, test) run through {@link Target#run}, so they behave the same on the local host, in a
 * chroot (where paths are inside the root and symlinks resolve inside it) and over SSH (with
 * sudo). File content travels on stdin and stdout only, never on a command line.
 */
public final class TargetFiles {
    private final Target target;

    public TargetFiles(Target target) {
        this.target = target;
    }

    /** The file's bytes, or empty when there is no such file. */
    public Optional<byte[]> read(String path) {
        requireAbsolute(path);
        Result r = target.run(Command.of("cat", "--", path));
        if (r.succeeded()) {
            return Optional.of(r.stdout());
        }
        if (r.stderrTail().contains("No such file or directory")) {
            return Optional.empty();
        }
        throw new CommandFailedException(ExitCode.ENVIRONMENT, "cannot read " + path + " on " + target.describe(), r);
    }

    /** The file's bytes; NOT_FOUND when it does not exist. */
    public byte[] readRequired(String path) {
        return read(path).orElseThrow(() -> new ApplianceException(ExitCode.NOT_FOUND,
                path + ": no such file on " + target.describe()));
    }

    public boolean exists(String path) {
        requireAbsolute(path);
        return target.run(Command.of("test", "-e", path, "-o", "-L", path)).succeeded();
    }

    /**
     * Writes a file atomically: the content goes into a fresh temporary file beside it (created
     * 0600 by mktemp, so a secret is never readable by others, not even for a moment), which gets
     * its owner and mode and then replaces the target in one rename.
     */
    public void write(String path, byte[] content, FileMode mode) {
        requireAbsolute(path);
        int slash = path.lastIndexOf('/');
        String dir = slash == 0 ? "" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        String where = "cannot write " + path + " on " + target.describe();
        String tmp = target.run(Command.of("mktemp", dir + "/." + name + ".vainstall.XXXXXXXX"))
                .requireSuccess(ExitCode.ENVIRONMENT, where).stdoutText().strip();
        boolean done = false;
        try {
            target.run(Command.of("dd", "of=" + tmp, "bs=65536", "conv=fsync", "status=none").withStdin(content))
                    .requireSuccess(ExitCode.ENVIRONMENT, where);
            target.run(Command.of("chown", mode.owner() + ":" + mode.group(), "--", tmp))
                    .requireSuccess(ExitCode.ENVIRONMENT, where);
            target.run(Command.of("chmod", mode.octal(), "--", tmp)).requireSuccess(ExitCode.ENVIRONMENT, where);
            target.run(Command.of("mv", "-f", "-T", "--", tmp, path)).requireSuccess(ExitCode.ENVIRONMENT, where);
            done = true;
        } finally {
            if (!done) {
                target.run(Command.of("rm", "-f", "--", tmp));
            }
        }
    }

    /** Creates a private (0700) temporary folder and returns its path. */
    public String makeTempDir() {
        String dir = target.run(Command.of("mktemp", "-d", "-t", "vainstall.XXXXXXXXXX"))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot create a temporary folder on " + target.describe())
                .stdoutText().strip();
        requireAbsolute(dir);
        return dir;
    }

    /** Removes a file or a folder with everything in it; nothing happens when it does not exist. */
    public void remove(String path) {
        requireAbsolute(path);
        target.run(Command.of("rm", "-rf", "--", path))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot remove " + path + " on " + target.describe());
    }

    /** Names in a folder (not paths), without . and .. */
    public List<String> list(String dir) {
        requireAbsolute(dir);
        Result r = target.run(Command.of("ls", "-1A", "--", dir))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot list " + dir + " on " + target.describe());
        List<String> out = new ArrayList<>();
        r.stdoutText().lines().filter(l -> !l.isEmpty()).forEach(out::add);
        return out;
    }

    /** Creates a folder and its parents; {@code mode} applies to the last one when it is created. */
    public void makeDirectories(String path, int mode) {
        requireAbsolute(path);
        target.run(Command.of("mkdir", "-p", "-m", String.format("%04o", mode), "--", path))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot create " + path + " on " + target.describe());
    }

    /** Renames in one step, replacing {@code to}. */
    public void rename(String from, String to) {
        requireAbsolute(from);
        requireAbsolute(to);
        target.run(Command.of("mv", "-f", "-T", "--", from, to))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot rename " + from + " to " + to + " on " + target.describe());
    }

    /** Refuses relative paths, '.' and '..' segments, line breaks and '/' itself. */
    public static String requireAbsolute(String path) {
        if (path == null || !path.startsWith("/") || path.equals("/") || path.contains("\n") || path.contains("\0")
                || path.matches(".*(^|/)\\.\\.?(/|$).*") || path.contains("//")) {
            throw new IllegalArgumentException("not a clean absolute path: " + path);
        }
        return path;
    }
}
