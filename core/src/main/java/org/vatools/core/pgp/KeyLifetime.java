package org.vatools.core.pgp;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * How long a new key stays valid, in whole seconds after its creation; 0 means it never expires
 * (as in the OpenPGP key expiration subpacket). Written as gpg writes it: {@code never}, or a
 * number with a unit {@code d} (days), {@code w} (7 days), {@code m} (30 days), {@code y} (365 days).
 */
public record KeyLifetime(long seconds) {
    /** The limit of the 32-bit expiration field, minus a margin: about 130 years. */
    private static final long MAX_SECONDS = 0xF0000000L;
    public static final KeyLifetime NEVER = new KeyLifetime(0);

    public KeyLifetime {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("key lifetime out of range: " + seconds + " s");
        }
    }

    /**
     * Parses {@code never}, {@code 180d}, {@code 26w}, {@code 6m}, {@code 2y}.
     *
     * @throws ApplianceException USAGE on anything else
     */
    public static KeyLifetime parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("never") || t.equals("0")) {
            return NEVER;
        }
        if (t.matches("[1-9][0-9]{0,5}[dwmy]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            long days = switch (t.charAt(t.length() - 1)) {
                case 'd' -> n;
                case 'w' -> n * 7;
                case 'm' -> n * 30;
                default -> n * 365;
            };
            long seconds = days * 86_400L;
            if (days <= 36_500) {
                return new KeyLifetime(seconds);
            }
        }
        throw new ApplianceException(ExitCode.USAGE, "key lifetime '" + text + "' is not valid: write 'never' or a"
                + " number with a unit d (days), w (weeks), m (30 days) or y (365 days), such as 2y or 180d,"
                + " up to 100y");
    }

    public boolean isNever() {
        return seconds == 0;
    }

    /** When a key created at {@code created} expires, or empty when it never does. */
    public Optional<Instant> expiryFor(Instant created) {
        return isNever() ? Optional.empty() : Optional.of(created.plusSeconds(seconds));
    }

    /** {@code never} or the number of days, such as {@code 730d}. */
    @Override
    public String toString() {
        if (isNever()) {
            return "never";
        }
        return seconds % 86_400 == 0 ? seconds / 86_400 + "d" : seconds + "s";
    }
}
