package org.vatools.vainstall.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The part of {@link Target#stream} that is the same for a local process and an SSH channel:
 * stderr drained by a pump thread (its tail kept), stdin written by a feeder thread (an optional
 * prefix, such as sudo's password line, then the {@link StdinSource}), stdout handed to the
 * {@link StdoutSink} on the calling thread, and a watchdog that stops the command at its deadline
 * so a sink blocked in a read returns. Memory stays bounded whatever the amount of data.
 */
final class StreamExchange {
    /** How long output may keep arriving after the command ended. */
    static final long DRAIN_MILLIS = 5_000;

    private final Command command;
    private final OutputPump err;
    private final Thread feeder;
    private final Thread watchdog;
    private volatile Throwable feederFailure;
    private volatile boolean timedOut;

    /** What a target does to stop the command (kill the process tree, signal and close the channel). */
    interface Stopper {
        void stop();
    }

    private StreamExchange(Command command, OutputPump err, Thread feeder, Thread watchdog) {
        this.command = command;
        this.err = err;
        this.feeder = feeder;
        this.watchdog = watchdog;
    }

    /**
     * Starts the stderr pump, the feeder and the watchdog, then runs the sink on this thread and
     * drains what it left. A sink failure stops the command and is rethrown (IOException wrapped as
     * {@link UncheckedIOException}); the caller then waits for the exit status with {@link #awaitEnd}.
     */
    static StreamExchange run(Command command, byte[] stdinPrefix, OutputStream stdin, InputStream stdout,
                              InputStream stderr, StdinSource source, StdoutSink sink, ProgressSink live,
                              long deadlineNanos, Stopper stopper) {
        OutputPump err = new OutputPump("vainstall-stream-stderr", stderr, false, live, command.redactions());
        err.start();
        StreamExchange[] self = new StreamExchange[1];
        Thread feeder = new Thread(() -> {
            try (OutputStream in = stdin) {
                if (stdinPrefix != null && stdinPrefix.length > 0) {
                    in.write(stdinPrefix);
                }
                if (source != null) {
                    source.writeTo(in);
                }
                in.flush();
            } catch (IOException e) {
                // the command stopped reading; its exit status tells why
                self[0].feederFailure = e;
            } catch (RuntimeException | Error e) {
                self[0].feederFailure = e;
                stopper.stop();
            }
        }, "vainstall-stream-stdin");
        feeder.setDaemon(true);
        Thread watchdog = new Thread(() -> {
            try {
                long left;
                while ((left = deadlineNanos - System.nanoTime()) > 0) {
                    Thread.sleep(Math.max(1, left / 1_000_000));
                }
                self[0].timedOut = true;
                stopper.stop();
            } catch (InterruptedException e) {
                // the command ended in time
            }
        }, "vainstall-stream-watchdog");
        watchdog.setDaemon(true);
        StreamExchange x = new StreamExchange(command, err, feeder, watchdog);
        self[0] = x;
        feeder.start();
        watchdog.start();
        try {
            if (sink != null) {
                sink.readFrom(stdout);
            }
            stdout.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            stopper.stop();
            x.finish();
            if (x.timedOut) {
                throw x.timeout("it was stopped");
            }
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stopper.stop();
            x.finish();
            throw e;
        }
        return x;
    }

    /** Waits for the feeder and stderr to finish after the command's exit status is known. */
    void finish() {
        try {
            feeder.join(DRAIN_MILLIS);
            err.finish(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdog.interrupt();
        }
    }

    boolean timedOut() {
        return timedOut;
    }

    CommandTimeoutException timeout(String note) {
        return new CommandTimeoutException(command, command.timeout(), err.redactedText(), note);
    }

    String stderrTail() {
        return err.redactedText();
    }

    /**
     * The result once the exit status is known: a source that refused its data wins over the
     * exit status (the command only saw its input end early); a timeout is an exception.
     */
    Result result(int exitStatus) {
        finish();
        if (timedOut) {
            throw timeout("it was stopped");
        }
        Throwable f = feederFailure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f instanceof IOException && exitStatus == 0) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "'" + command.display() + "' ended without"
                    + " reading all of its input: " + f.getMessage(), f);
        }
        return new Result(command, exitStatus, new byte[0], err.redactedText());
    }
}
