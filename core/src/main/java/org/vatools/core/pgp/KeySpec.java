package org.vatools.core.pgp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link KeyGenerator} makes: a primary key of {@code algorithm} that certifies and signs,
 * for {@code userId}, created at {@code creationTime} (whole seconds; the caller's clock),
 * valid for {@code lifetime}.
 */
public record KeySpec(UserId userId, KeyAlgorithm algorithm, Instant creationTime, KeyLifetime lifetime) {
    public KeySpec {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(lifetime, "lifetime");
        creationTime = Objects.requireNonNull(creationTime, "creationTime").truncatedTo(ChronoUnit.SECONDS);
        if (creationTime.getEpochSecond() <= 0 || creationTime.getEpochSecond() > 0xFFFFFFFFL - lifetime.seconds()) {
            throw new IllegalArgumentException("key creation time out of the OpenPGP range: " + creationTime);
        }
    }

    /** When the key expires, or empty when it never does. */
    public Optional<Instant> expirationTime() {
        return lifetime.expiryFor(creationTime);
    }
}
