package org.vatools.vainstall.target;

import java.nio.charset.StandardCharsets;
import org.vatools.core.ExitCode;

/**
 * How a command ended: its exit status, everything it wrote to stdout, and the tail of what it
 * wrote to stderr (secrets already masked).
 */
public record Result(Command command, int exitCode, byte[] stdout, String stderrTail) {
    /** The exit status a shell reports when the program does not exist. */
    public static final int NOT_FOUND = 127;

    public Result {
        stdout = stdout == null ? new byte[0] : stdout;
        stderrTail = stderrTail == null ? "" : stderrTail;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    /** Returns this result when the command exited 0; otherwise throws with the command and its stderr. */
    public Result requireSuccess(ExitCode code, String what) {
        if (!succeeded()) {
            throw new CommandFailedException(code, what, this);
        }
        return this;
    }

    @Override
    public String toString() {
        return "Result[" + command.display() + " -> " + exitCode + "]";
    }
}
