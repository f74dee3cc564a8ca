package org.vatools.repotools.publish;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The exclusive lock one publish holds on a repository: an OS lock ({@code fcntl}, released by the
 * kernel when the process ends, even by {@code kill -9}) on {@code .vatools/lock}. The holder
 * writes its PID into the file so a waiting publish can name it; the file is emptied again on
 * release, so an idle repository's files stay byte for byte the same.
 */
public final class RepositoryLock implements AutoCloseable {
    public static final String FILE = ".vatools/lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RepositoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, waiting up to {@code timeout} (saying once on {@code progress} whom it waits for).
     *
     * @throws ApplianceException CONFLICT naming the holder's PID after the timeout
     */
    public static RepositoryLock acquire(Path repoRoot, Duration timeout, PrintWriter progress) throws IOException {
        Path file = repoRoot.resolve(FILE);
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        boolean ok = false;
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                            .getBytes(StandardCharsets.US_ASCII)), 0);
                    ok = true;
                    return new RepositoryLock(channel, lock);
                }
                String holder = holder(file);
                if (System.nanoTime() - deadline >= 0) {
                    throw new ApplianceException(ExitCode.CONFLICT, file + ": another publish" + holder
                            + " holds the repository lock; waited " + timeout.toSeconds() + " s. Wait for it to"
                            + " finish (or stop it), then publish again");
                }
                if (!told) {
                    progress.println("waiting for the repository lock " + file + ", held by another publish" + holder);
                    progress.flush();
                    told = true;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + file, e);
                }
            }
        } finally {
            if (!ok) {
                channel.close();
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]+") ? " (PID " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
