package org.vatools.vainstall.target;

import java.time.Duration;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/** A command that did not finish in time; it was stopped. */
public class CommandTimeoutException extends ApplianceException {
    private static final long serialVersionUID = 1L;

    public CommandTimeoutException(Command command, Duration timeout, String stderrTail, String note) {
        super(ExitCode.ENVIRONMENT, "'" + command.display() + "' did not finish within " + human(timeout)
                + "; " + note + CommandFailedException.tail(stderrTail));
    }

    static String human(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + " min";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
