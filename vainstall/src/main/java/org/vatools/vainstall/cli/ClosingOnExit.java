package org.vatools.vainstall.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.vatools.vainstall.target.ChrootTarget;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.StdinSource;
import org.vatools.vainstall.target.StdoutSink;
import org.vatools.vainstall.target.Target;
import org.vatools.vainstall.target.TargetConnection;

/**
 * A chroot whose undo also runs from a JVM shutdown hook (Ctrl-C, SIGTERM), and the host target
 * beneath it, closed after it.
 */
final class ClosingOnExit implements Target {
    private final ChrootTarget chroot;
    private final Target host;
    private final Thread hook;
    private boolean closed;

    ClosingOnExit(ChrootTarget chroot, Target host) {
        this.chroot = chroot;
        this.host = host;
        this.hook = new Thread(this::closeQuietly, "vainstall-chroot-undo");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public Result run(Command command) {
        return chroot.run(command);
    }

    @Override
    public Result stream(Command command, StdinSource stdin, StdoutSink stdout) {
        return chroot.stream(command, stdin, stdout);
    }

    @Override
    public String describe() {
        return chroot.describe();
    }

    @Override
    public boolean runsServices() {
        return chroot.runsServices();
    }

    @Override
    public Optional<String> reachableHost() {
        return chroot.reachableHost();
    }

    @Override
    public TargetConnection connect(String h, int port, Duration timeout) throws IOException {
        return chroot.connect(h, port, timeout);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("vainstall: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            chroot.close();
        } finally {
            host.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: this is the hook running
            }
        }
    }
}
