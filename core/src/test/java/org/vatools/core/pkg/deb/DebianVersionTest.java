package org.vatools.core.pkg.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebianVersionTest {

    @Test
    void splitsEpochUpstreamAndRevision() {
        assertEquals(new DebianVersion(1, "2.0-rc1", "3+b1"), DebianVersion.parse("1:2.0-rc1-3+b1"));
        assertEquals(new DebianVersion(0, "2.0", ""), DebianVersion.parse("2.0"));
        assertEquals(new DebianVersion(0, "1:2", "1"), DebianVersion.parse("0:1:2-1"));
        assertEquals("1:2.0-3", DebianVersion.parse("1:2.0-3").toString());
        assertEquals("2.0", DebianVersion.parse("0:2.0").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|empty",
            "1.0 beta|embedded spaces",
            ":1.0|epoch before ':' is empty",
            "a:1.0|'a' is not a number",
            "99999999999:1|too big",
            "1:|nothing after the ':'",
            "1.0-|revision after the last '-' is empty",
            "-1|upstream version is empty",
            "abc|must start with a digit",
            "1.0_1|invalid character '_' in the upstream",
            "1.0-1_2|invalid character '_' in the revision",
            "1.0/2|invalid character '/' in the upstream",
    })
    void refusesWhatDpkgRefuses(String version, String reason) {
        String problem = DebianVersion.problem(version).orElseThrow();
        assertTrue(problem.contains(reason), problem);
        assertThrows(IllegalArgumentException.class, () -> DebianVersion.parse(version));
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
