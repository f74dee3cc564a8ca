package org.vatools.repotools.cli;

import java.time.Duration;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/** Parses durations given on the command line: a number with s, m, h, d or w ({@code 30d}, {@code 90s}). */
final class Durations {
    private Durations() {
    }

    static Duration parse(String option, String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (!v.matches("[0-9]{1,9}[smhdw]")) {
            throw new ApplianceException(ExitCode.USAGE, option + " '" + value + "' is not a duration: write a"
                    + " number with s, m, h, d or w, such as 30d or 12h");
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
