package org.vatools.vainstall.target;

import java.util.List;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/** A command that exited with a non-zero status; the message names it and quotes its stderr tail. */
public class CommandFailedException extends ApplianceException {
    private static final long serialVersionUID = 1L;
    private static final int TAIL_LINES = 25;
    private final transient Result result;

    public CommandFailedException(ExitCode code, String what, Result result) {
        super(code, message(what, result));
        this.result = result;
    }

    public Result result() {
        return result;
    }

    static String message(String what, Result r) {
        String status = r.exitCode() == Result.NOT_FOUND ? "was not found or could not run (exit 127)"
                : "exited with " + r.exitCode();
        return what + ": '" + r.command().display() + "' " + status + tail(r.stderrTail());
    }

    static String tail(String stderr) {
        if (stderr.isBlank()) {
            return "";
        }
        List<String> lines = stderr.strip().lines().toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        StringBuilder sb = new StringBuilder("; it said:");
        for (String l : last) {
            sb.append("\n  ").append(l);
        }
        return sb.toString();
    }
}
