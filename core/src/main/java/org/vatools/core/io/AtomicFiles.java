package org.vatools.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that appear only when complete: content is written to a temporary file in the same
 * folder, forced to disk, then renamed over the target in one step. A failure (or a kill) leaves
 * the previous file, or no file, and at most a {@code .tmp-*} file that {@link #cleanStale} removes.
 */
public final class AtomicFiles {
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    /** Writes through {@code writer} into a temporary file, then renames it to {@code target}. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        write(target, null, writer);
    }

    /** As {@link #write(Path, StreamWriter)} with POSIX permissions set before any byte is written. */
    public static void write(Path target, Set<PosixFilePermission> permissions, StreamWriter writer)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = createTemp(dir, target.getFileName().toString(), permissions);
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            move(tmp, target);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Writes a file that must not exist yet: content goes to a temporary file in the same folder
     * (with {@code permissions} set before any byte is written), is forced to disk, and is then
     * hard-linked to {@code target}, which fails with {@link FileAlreadyExistsException} when the
     * target exists, even if another process creates it in the meantime. Nothing is replaced.
     */
    public static void createNew(Path target, Set<PosixFilePermission> permissions, StreamWriter writer)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path tmp = createTemp(dir, target.getFileName().toString(), permissions);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            Files.createLink(target, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    private static Path createTemp(Path dir, String name, Set<PosixFilePermission> permissions) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(TEMP_PREFIX + name + "-" + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(System.nanoTime()) + attempt);
            try {
                if (permissions != null) {
                    return Files.createFile(tmp, PosixFilePermissions.asFileAttribute(permissions));
                }
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Renames atomically; the target is replaced in one step. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + source + " to " + target
                    + " atomically (different file systems?)", e);
        }
    }

    /** Removes temporary files that a killed writer left in {@code dir}. */
    public static void cleanStale(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().startsWith(TEMP_PREFIX) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Writes bytes into a stream; may throw. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }
}
