package org.vatools.vainstall.cli;

import java.io.PrintWriter;
import org.vatools.vainstall.install.Reporter;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.ProgressSink;

/**
 * One run's output: results on {@code out}, progress on {@code out} unless --quiet, commands with
 * --verbose, warnings on {@code err}. As {@link Reporter} for the installer and as
 * {@link ProgressSink} for the target's live output.
 */
final class Io implements Reporter, ProgressSink {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;

    Io(PrintWriter out, PrintWriter err, boolean quiet, boolean verbose) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    boolean verbose() {
        return verbose;
    }

    @Override
    public void step(String message) {
        if (!quiet) {
            out.println("==> " + message);
            out.flush();
        }
    }

    @Override
    public void detail(String message) {
        if (verbose) {
            out.println(message.endsWith("\n") ? message.substring(0, message.length() - 1) : message);
            out.flush();
        }
    }

    @Override
    public void warn(String message) {
        err.println("vainstall: warning: " + message);
        err.flush();
    }

    @Override
    public void result(String text) {
        out.println(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        out.flush();
    }

    @Override
    public void command(Command command) {
        if (verbose) {
            out.println("$ " + command.display());
            out.flush();
        }
    }

    @Override
    public void output(String line) {
        if (!quiet) {
            out.println("    " + line);
            out.flush();
        }
    }
}
