package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;

class BuildTimeTest {
    @TempDir
    Path tmp;

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheChangelog() {
        Appliance a = DescriptorReader.read(new TestAppliance().writeTo(tmp));
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1700000000");
        assertEquals(Instant.ofEpochSecond(1600000000),
                BuildTime.of(a, BuildTime.fromOptionOrEnvironment("1600000000", env)));
        assertEquals(Instant.ofEpochSecond(1700000000), BuildTime.of(a, BuildTime.fromOptionOrEnvironment(null, env)));
        assertEquals(Instant.parse("2026-10-02T12:30:00Z"),
                BuildTime.of(a, BuildTime.fromOptionOrEnvironment(null, Map.of())), "the newest changelog entry");
    }

    @Test
    void anInvalidValueIsAnErrorNotAFallback() {
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> BuildTime.fromOptionOrEnvironment(null, Map.of("SOURCE_DATE_EPOCH", "yesterday")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("SOURCE_DATE_EPOCH='yesterday'"), e.getMessage());
    }

    @Test
    void withoutChangelogAnExplicitTimeIsRequired() {
        Appliance a = DescriptorReader.read(new TestAppliance().changelog("").writeTo(tmp));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BuildTime.of(a, Optional.empty()));
        assertTrue(e.getMessage().contains("appliance.yaml: changelog: no entries"), e.getMessage());
        assertEquals(Instant.EPOCH, BuildTime.of(a, Optional.of(Instant.EPOCH)));
    }
}
