package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

class PassphraseTest {
    @TempDir
    Path tmp;

    @Test
    void fromTheEnvironmentPassedIn() {
        Passphrase p = Passphrase.fromEnvironment("KEY_PASS", Map.of("KEY_PASS", "s3cret"));
        assertArrayEquals("s3cret".toCharArray(), p.chars());
        assertEquals("environment variable KEY_PASS", p.source());
        assertFalse(p.toString().contains("s3cret"));
    }

    @Test
    void aMissingOrEmptyVariableIsAnError() {
        ApplianceException missing = assertThrows(ApplianceException.class,
                () -> Passphrase.fromEnvironment("KEY_PASS", Map.of()));
        assertEquals(ExitCode.ENVIRONMENT, missing.exitCode());
        assertTrue(missing.getMessage().contains("KEY_PASS is not set"), missing.getMessage());
        ApplianceException empty = assertThrows(ApplianceException.class,
                () -> Passphrase.fromEnvironment("KEY_PASS", Map.of("KEY_PASS", "")));
        assertEquals(ExitCode.INVALID_INPUT, empty.exitCode());
    }

    @Test
    void fromTheFirstLineOfAFile() throws Exception {
        Path file = Files.write(tmp.resolve("pass"), "pässwörd with spaces \r\nsecond line\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("pässwörd with spaces ".toCharArray(), Passphrase.fromFile(file).chars());
    }

    @Test
    void fileErrorsSayWhatIsWrong() throws Exception {
        ApplianceException missing = assertThrows(ApplianceException.class, () -> Passphrase.fromFile(tmp.resolve("none")));
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode());
        assertTrue(missing.getMessage().contains("none: passphrase file not found"), missing.getMessage());
        Path empty = Files.write(tmp.resolve("empty"), "\nnext".getBytes(StandardCharsets.UTF_8));
        assertEquals(ExitCode.INVALID_INPUT,
                assertThrows(ApplianceException.class, () -> Passphrase.fromFile(empty)).exitCode());
        assertEquals(ExitCode.ENVIRONMENT,
                assertThrows(ApplianceException.class, () -> Passphrase.fromFile(tmp)).exitCode());
    }

    @Test
    void noneIsAbsent() {
        assertFalse(Passphrase.none().isPresent());
        assertThrows(IllegalStateException.class, () -> Passphrase.none().chars());
    }
}
