package org.vatools.core;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Turns whatever ended a command into the message a person reads and the exit code a script
 * reads. Both tools' entry points use it so they report failures the same way.
 */
public final class Failures {
    private Failures() {
    }

    /** Prints {@code tool: error: message} (and the stack trace with --verbose); returns the exit code. */
    public static int report(String tool, Throwable failure, PrintWriter err, boolean verbose) {
        Throwable t = failure;
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            t = u.getCause();
        }
        ExitCode code;
        String message;
        if (t instanceof ApplianceException a) {
            code = a.exitCode();
            message = a.getMessage();
        } else if (t instanceof AccessDeniedException e) {
            code = ExitCode.ENVIRONMENT;
            message = e.getFile() + ": permission denied; run as a user who may write there (root?)";
        } else if (t instanceof NoSuchFileException e) {
            code = ExitCode.NOT_FOUND;
            message = e.getFile() + ": no such file or folder";
        } else if (t instanceof IOException e) {
            code = ExitCode.ENVIRONMENT;
            message = "I/O error: " + e.getMessage();
        } else {
            code = ExitCode.INTERNAL;
            message = "internal error: " + t + " (this is a bug; rerun with --verbose and report the output)";
        }
        for (String line : message.split("\n")) {
            err.println(tool + ": error: " + line);
        }
        if (verbose || code == ExitCode.INTERNAL) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }
}
