package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

class KeyLifetimeTest {
    @Test
    void readsTheUnitsGpgUses() {
        assertEquals(2 * 365 * 86_400L, KeyLifetime.parse("2y").seconds());
        assertEquals(180 * 86_400L, KeyLifetime.parse("180d").seconds());
        assertEquals(3 * 7 * 86_400L, KeyLifetime.parse("3w").seconds());
        assertEquals(6 * 30 * 86_400L, KeyLifetime.parse("6M").seconds());
        assertTrue(KeyLifetime.parse("never").isNever());
        assertEquals("730d", KeyLifetime.parse("2y").toString());
        assertEquals("never", KeyLifetime.NEVER.toString());
    }

    @Test
    void expiryIsCountedFromCreation() {
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals(Optional.of(Instant.parse("2025-01-11T00:00:00Z")), KeyLifetime.parse("10d").expiryFor(created));
        assertEquals(Optional.empty(), KeyLifetime.NEVER.expiryFor(created));
    }

    @Test
    void refusesOtherSpellings() {
        for (String bad : new String[] {"", "2", "2h", "-1d", "0d", "1.5y", "2 y", "101y", "forever"}) {
            ApplianceException e = assertThrows(ApplianceException.class, () -> KeyLifetime.parse(bad), bad);
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("2y or 180d"), e.getMessage());
        }
    }
}
