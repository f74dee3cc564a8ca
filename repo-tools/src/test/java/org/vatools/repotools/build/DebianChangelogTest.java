package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.vatools.core.descriptor.ChangelogEntry;

class DebianChangelogTest {
    private static final String MAINTAINER = "Test Maintainer <test@vatools.example.org>";

    @Test
    void stanzasFollowDebChangelogNewestFirst() {
        String text = DebianChangelog.text("example-appliance", MAINTAINER, List.of(
                new ChangelogEntry("1:2.0-1", Instant.parse("2026-11-01T00:00:00Z"),
                        List.of("New upstream release with a description of the change that is much too long for"
                                + " one line.", "Second change.")),
                new ChangelogEntry("1.0-1", Instant.parse("2025-02-03T04:05:06Z"), List.of("First release."))));
        assertEquals("""
                example-appliance (1:2.0-1) stable; urgency=medium

                  * New upstream release with a description of the change that is much too long
                    for one line.
                  * Second change.

                 -- Test Maintainer <test@vatools.example.org>  Sun, 01 Nov 2026 00:00:00 +0000

                example-appliance (1.0-1) stable; urgency=medium

                  * First release.

                 -- Test Maintainer <test@vatools.example.org>  Mon, 03 Feb 2025 04:05:06 +0000
                """, text);
    }

    @Test
    void anEmptyChangelogIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> DebianChangelog.text("x", MAINTAINER, List.of()));
    }

    @Test
    void gzipHeaderIsThatOfGzip9nAndTheContentRoundTrips() throws IOException {
        byte[] data = "hello hello hello hello\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        byte[] gz = GzipNoName.compress(data);
        // magic, deflate, no flags (no name), MTIME 0, XFL 2 (best compression), OS 3 (Unix)
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3}, Arrays.copyOf(gz, 10));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertArrayEquals(gz, GzipNoName.compress(data), "the same input gives the same bytes");
    }
}
