package org.vatools.core.pkg.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmEvrTest {

    @Test
    void splitsLikeRpm() {
        assertEquals(new RpmEvr("2", "1.0", "3.el9"), RpmEvr.parse("2:1.0-3.el9"));
        assertEquals(new RpmEvr("", "1.0", ""), RpmEvr.parse("1.0"));
        assertEquals(new RpmEvr("", "1.0-rc1", "2"), RpmEvr.parse("1.0-rc1-2"));
        assertEquals(new RpmEvr("", "x:1.0", ""), RpmEvr.parse("x:1.0"));
        assertEquals("2:1.0-3.el9", RpmEvr.parse("2:1.0-3.el9").toString());
    }

    @ParameterizedTest
    @CsvSource({
            "1.0, 1.0, 0",
            "1.0, 1.0.1, -1",
            "1.10, 1.9, 1",
            "1.0~rc1, 1.0, -1",
            "1.0^git1, 1.0, 1",
            "1.0^git1, 1.0.1, -1",
            "1.0a, 1.0, 1",
            "1.a, 1.0, -1",
            "1_0, 1.0, 0",
            "001, 1, 0",
            "2.0, 10, -1",
            "1.0~~, 1.0~, -1",
            "a, b, -1",
            "1.0^, 1.0, 1",
    })
    void comparesVersionsAsRpmvercmp(String a, String b, int expected) {
        assertEquals(expected, RpmEvr.parse(a).compareTo(RpmEvr.parse(b)), a + " vs " + b);
        assertEquals(-expected, RpmEvr.parse(b).compareTo(RpmEvr.parse(a)), b + " vs " + a);
    }

    @Test
    void epochWinsThenVersionThenRelease() {
        assertEquals(1, Integer.signum(RpmEvr.parse("1:1.0-1").compareTo(RpmEvr.parse("2.0-1"))));
        assertEquals(-1, Integer.signum(RpmEvr.parse("1.0-1").compareTo(RpmEvr.parse("1.0-2"))));
        assertEquals(0, RpmEvr.parse("0:1.0-1").compareTo(RpmEvr.parse("1.0-1")));
    }
}
