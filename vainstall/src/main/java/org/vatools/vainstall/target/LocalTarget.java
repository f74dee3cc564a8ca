package org.vatools.vainstall.target;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The machine vainstall runs on. Commands start with {@link ProcessBuilder} from an explicit
 * base environment (the caller passes it in; nothing is read from the JVM's globals), stdout and
 * stderr are drained by two threads, stdin is written by a third, and a command that outlives its
 * timeout is killed together with its descendants.
 */
public final class LocalTarget implements Target {
    /** How long output may keep arriving after the process ended (a daemon may hold the pipe). */
    private static final long DRAIN_MILLIS = 5_000;

    private final Map<String, String> baseEnvironment;
    private final ProgressSink progress;

    public LocalTarget(Map<String, String> baseEnvironment, ProgressSink progress) {
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.progress = progress;
    }

    @Override
    public Result run(Command command) {
        progress.command(command);
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        pb.environment().clear();
        pb.environment().putAll(baseEnvironment);
        pb.environment().putAll(command.env());
        if (command.directory() != null) {
            pb.directory(new File(command.directory()));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("error=2,") || msg.contains("No such file")) {
                byte[] none = new byte[0];
                return new Result(command, Result.NOT_FOUND, none, command.program() + ": command not found");
            }
            throw new ApplianceException(ExitCode.ENVIRONMENT, "cannot run '" + command.display() + "': " + msg, e);
        }
        ProgressSink live = command.streamOutput() ? progress : null;
        OutputPump out = new OutputPump("vainstall-stdout", process.getInputStream(), true, live,
                command.redactions());
        OutputPump err = new OutputPump("vainstall-stderr", process.getErrorStream(), false, live,
                command.redactions());
        out.start();
        err.start();
        Thread feeder = feed(process.getOutputStream(), command.stdin());
        try {
            boolean finished = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                stop(process);
                out.finish(DRAIN_MILLIS);
                err.finish(DRAIN_MILLIS);
                throw new CommandTimeoutException(command, command.timeout(), err.redactedText(),
                        "it was stopped (with everything it started)");
            }
            out.finish(DRAIN_MILLIS);
            err.finish(DRAIN_MILLIS);
            feeder.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new ApplianceException(ExitCode.ENVIRONMENT, "interrupted while running '" + command.display() + "'", e);
        }
        if (out.overflowed()) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "'" + command.display() + "' printed more than "
                    + (OutputPump.STDOUT_LIMIT >> 20) + " MiB; refusing to keep it in memory");
        }
        return new Result(command, process.exitValue(), out.bytes(), err.redactedText());
    }

    /**
     * Streams: stdin comes from {@code source} and stdout goes to {@code sink} as the process
     * produces it, so neither side is ever held in memory whole.
     */
    @Override
    public Result stream(Command command, StdinSource source, StdoutSink sink) {
        requireNoStdin(command);
        progress.command(command);
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        pb.environment().clear();
        pb.environment().putAll(baseEnvironment);
        pb.environment().putAll(command.env());
        if (command.directory() != null) {
            pb.directory(new File(command.directory()));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("error=2,") || msg.contains("No such file")) {
                return new Result(command, Result.NOT_FOUND, new byte[0], command.program() + ": command not found");
            }
            throw new ApplianceException(ExitCode.ENVIRONMENT, "cannot run '" + command.display() + "': " + msg, e);
        }
        long deadline = System.nanoTime() + command.timeout().toNanos();
        StreamExchange x = StreamExchange.run(command, null, process.getOutputStream(), process.getInputStream(),
                process.getErrorStream(), source, sink, command.streamOutput() ? progress : null, deadline,
                () -> stop(process));
        try {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
                stop(process);
                x.finish();
                throw x.timeout("it was stopped (with everything it started)");
            }
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new ApplianceException(ExitCode.ENVIRONMENT, "interrupted while running '" + command.display() + "'", e);
        }
        return x.result(process.exitValue());
    }

    static void requireNoStdin(Command command) {
        if (command.stdin() != null) {
            throw new IllegalArgumentException("a streaming command takes its stdin from a StdinSource: " + command);
        }
    }

    /** Writes stdin on its own thread so a command that does not read it never blocks us. */
    private static Thread feed(OutputStream stdin, byte[] bytes) {
        Thread t = new Thread(() -> {
            try (stdin) {
                if (bytes != null) {
                    stdin.write(bytes);
                }
            } catch (IOException e) {
                // the command exited without reading all of its input: its exit status tells
            }
        }, "vainstall-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return "the local host";
    }

    @Override
    public boolean runsServices() {
        return true;
    }

    @Override
    public Optional<String> reachableHost() {
        return Optional.empty();
    }

    @Override
    public TargetConnection connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new TargetConnection() {
            @Override
            public InputStream input() {
                try {
                    return socket.getInputStream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public OutputStream output() {
                try {
                    return socket.getOutputStream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    @Override
    public void close() {
        // nothing was set up
    }

    @Override
    public String toString() {
        return describe();
    }
}
