package org.vatools.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vatools.core.InvalidInputException;

/** The descriptor a package carries: validated as in the source tree, without its files beside it. */
class PackagedDescriptorTest {
    private static final String SOURCE = "test-appliance_1.0-1_all.deb:/usr/share/virtual-appliance/test-appliance/appliance.yaml";

    @Test
    void itIsReadWithoutTheFilesItNames() {
        Appliance a = DescriptorReader.parsePackaged(ApplianceFixture.DESCRIPTOR, SOURCE);
        assertEquals("test-appliance", a.name());
        assertEquals("1.0-1", a.version().debian());
        assertEquals(2, a.questions().size());
        assertNull(a.seed(), "a package's seed is PackageLayout.seedPath, not the descriptor's");
        assertEquals(Path.of("files/site.conf"), a.files().get(0).source(), "kept as written, not resolved");
        assertEquals(Path.of(SOURCE), a.descriptorFile());
    }

    @Test
    void everythingElseIsStillValidated() {
        String bad = ApplianceFixture.DESCRIPTOR.replace("memory: 256MiB", "memory: lots");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DescriptorReader.parsePackaged(bad,
                SOURCE));
        assertTrue(e.getMessage().startsWith(SOURCE + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("requires.memory"), e.getMessage());
    }
}
