package org.vatools.repotools.publish.apt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The durability barrier of a publish: everything written so far reaches the disk before the
 * step that makes it visible. One {@code syncfs(2)} of the repository's file system (coreutils
 * {@code sync --file-system}) replaces an fsync of each of thousands of new files and folders
 * (measured here: 0.09 s for 3000 new folders and files, against 0.3 ms per fsync). Where that
 * command is missing or fails, the publisher falls back to forcing each file and folder itself.
 */
final class FileSystemSync {
    private final boolean available;

    private FileSystemSync(boolean available) {
        this.available = available;
    }

    /** A barrier that uses {@code sync --file-system} when it works on {@code probe}'s file system. */
    static FileSystemSync probe(Path probe) {
        return new FileSystemSync(run(probe));
    }

    /** True when {@link #sync} covers everything, so single files need no fsync of their own. */
    boolean available() {
        return available;
    }

    /** Flushes the file system holding {@code path}; false when that could not be done. */
    boolean sync(Path path) {
        return available && run(path);
    }

    private static boolean run(Path path) {
        try {
            Process p = new ProcessBuilder(List.of("sync", "--file-system", path.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
