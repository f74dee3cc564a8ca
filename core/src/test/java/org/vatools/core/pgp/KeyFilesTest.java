package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

class KeyFilesTest {
    @TempDir
    Path tmp;

    private static List<String> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesThreeFilesWithTheSecretKeyPrivate() throws Exception {
        GeneratedKey key = TestKeys.otherEd25519();
        Path dir = tmp.resolve("keys/new");
        KeyFiles.Written w = KeyFiles.writeNew(dir, key);
        assertEquals(List.of("archive-keyring.asc", "archive-keyring.gpg", "signing-key.asc"), list(dir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(w.secretKey())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertTrue(PosixFilePermissions.toString(Files.getPosixFilePermissions(w.binaryKeyring())).startsWith("rw-r--"));
        assertArrayEquals(key.armoredSecretKey(), Files.readAllBytes(w.secretKey()));
        assertArrayEquals(key.armoredPublicKey(), Files.readAllBytes(w.armoredKeyring()));
        assertArrayEquals(key.binaryPublicKey(), Files.readAllBytes(w.binaryKeyring()));
    }

    @Test
    void neverOverwritesAndTouchesNothingWhenAFileExists() throws Exception {
        for (String existing : List.of(KeyFiles.SECRET_KEY, KeyFiles.ARMORED_KEYRING, KeyFiles.BINARY_KEYRING)) {
            Path dir = Files.createDirectories(tmp.resolve(existing + "-dir"));
            Files.writeString(dir.resolve(existing), "old key");
            ApplianceException e = assertThrows(ApplianceException.class,
                    () -> KeyFiles.writeNew(dir, TestKeys.otherEd25519()));
            assertEquals(ExitCode.CONFLICT, e.exitCode());
            assertTrue(e.getMessage().contains(existing + ": already exists"), e.getMessage());
            assertEquals(List.of(existing), list(dir));
            assertEquals("old key", Files.readString(dir.resolve(existing)));
        }
    }

    @Test
    void aFolderThatCannotBeCreatedLeavesNothing() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> KeyFiles.writeNew(file.resolve("keys"), TestKeys.otherEd25519()));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode(), e.getMessage());
        assertEquals(List.of("plain-file"), list(tmp));
        ApplianceException notDir = assertThrows(ApplianceException.class, () -> KeyFiles.writeNew(file, TestKeys.otherEd25519()));
        assertEquals(ExitCode.ENVIRONMENT, notDir.exitCode(), notDir.getMessage());
        assertFalse(Files.exists(tmp.resolve("signing-key.asc")));
    }
}
