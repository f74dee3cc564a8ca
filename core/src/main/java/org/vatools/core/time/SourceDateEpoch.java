package org.vatools.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * Resolves the build time from {@code SOURCE_DATE_EPOCH} (reproducible-builds.org): an explicit
 * option wins over the environment; an unparsable value is an error, never a silent fallback.
 */
public final class SourceDateEpoch {
    public static final String VARIABLE = "SOURCE_DATE_EPOCH";

    private SourceDateEpoch() {
    }

    /**
     * @param option the command-line value, or null
     * @param env    the process environment (passed in, never read globally)
     * @return the instant, or empty when neither is set
     */
    public static Optional<Instant> resolve(String option, Map<String, String> env) {
        if (option != null) {
            return Optional.of(parse(option, "--source-date-epoch"));
        }
        String value = env.get(VARIABLE);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(parse(value, VARIABLE));
    }

    /** Parses seconds since 1970-01-01 UTC: decimal digits only, at most 2^53, as the spec asks. */
    public static Instant parse(String value, String what) {
        String v = value.strip();
        if (!v.matches("[0-9]{1,16}") || Long.parseLong(v) > 9_007_199_254_740_992L) {
            throw new ApplianceException(ExitCode.USAGE, what + "='" + value
                    + "' is not a valid SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01 UTC,"
                    + " such as the output of 'git log -1 --format=%ct'");
        }
        return Instant.ofEpochSecond(Long.parseLong(v));
    }

    /** A fixed clock at {@code instant}, in UTC. */
    public static Clock fixedClock(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
