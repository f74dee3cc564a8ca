package org.vatools.repotools.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.vatools.core.io.AtomicFiles;
import org.vatools.core.pgp.KeyFiles;
import org.vatools.core.pgp.PublicKeyring;

/**
 * The repository's public keys at its root: {@code archive-keyring.asc} (armored, for dnf's gpgkey=
 * and rpm --import) and {@code archive-keyring.gpg} (binary, for apt's signed-by= and gpgv), holding
 * every key the repository is signed with. Rewritten only when they change.
 */
public final class KeyringFiles {
    private KeyringFiles() {
    }

    public static void write(Path repoRoot, PublicKeyring keyring) throws IOException {
        writeIfChanged(repoRoot.resolve(KeyFiles.ARMORED_KEYRING), keyring.armored());
        writeIfChanged(repoRoot.resolve(KeyFiles.BINARY_KEYRING), keyring.binary());
    }

    private static void writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        AtomicFiles.write(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"),
                out -> out.write(content));
    }
}
