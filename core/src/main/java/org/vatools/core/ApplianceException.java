package org.vatools.core;

import java.util.Objects;

/**
 * A failure a user can act on: it carries the exit code the command ends with and a message
 * that says what failed, where, and what to do next. Anything else that escapes a command is
 * a bug and ends with {@link ExitCode#INTERNAL}.
 */
public class ApplianceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public ApplianceException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = Objects.requireNonNull(exitCode);
    }

    public ApplianceException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
