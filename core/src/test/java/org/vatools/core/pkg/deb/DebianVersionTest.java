package org.vatools.core.pkg.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DebianVersionTest {

    @Test
    void splitsEpochUpstreamAndRevision() {
        assertEquals(new DebianVersion(1, "2.0-rc1", "3+b1"), DebianVersion.parse("1:2.0-rc1-3+b1"));
        assertEquals(new DebianVersion(0, "2.0", ""), DebianVersion.parse("2.0"));
        assertEquals(new DebianVersion(0, "1.0~rc1", ""), DebianVersion.parse("0:1.0~rc1"));
        assertEquals("1:2.0-3", DebianVersion.parse("1:2.0-3").toString());
        assertEquals("2.0", DebianVersion.parse("0:2.0").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.0 beta", ":1.0", "a:1.0", "99999999999:1", "1:", "1.0-", "-1", "abc", "1.0_1",
            "1.0-1_2", "1.0/2"})
    void refusesInvalidVersionsWithTheProjectsRules(String version) {
        String problem = DebianVersion.problem(version).orElseThrow();
        assertTrue(problem.startsWith("'" + version + "' is not a valid Debian version"), problem);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DebianVersion.parse(version));
        assertEquals(problem, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "1.0, 1.0-0, 0",
            "1.0~rc1, 1.0, -1",
            "1.0, 1.0+b1, -1",
            "1.0, 1.0a, -1",
            "1.0a, 1.0.1, -1",
            "1.0.1, 1.0, 1",
            "1:0.1, 2.0, 1",
            "1.10, 1.9, 1",
            "1.0-1, 1.0-1~bpo1, 1",
            "1.0~~, 1.0~, -1",
            "001, 1, 0",
            "1.0-2, 1.0-10, -1",
            "2.0a, 2.0+, -1",
    })
    void ordersAsDpkgDoes(String a, String b, int expected) {
        assertEquals(expected, Integer.signum(DebianVersion.parse(a).compareTo(DebianVersion.parse(b))), a + " vs " + b);
        assertEquals(-expected, Integer.signum(DebianVersion.parse(b).compareTo(DebianVersion.parse(a))), b + " vs " + a);
    }
}
