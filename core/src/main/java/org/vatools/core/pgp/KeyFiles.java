package org.vatools.core.pgp;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.io.AtomicFiles;

/**
 * The files {@code repo-tools keygen} writes into a key folder: the secret key
 * ({@value #SECRET_KEY}, mode 0600, set before any byte is written), the public key armored
 * ({@value #ARMORED_KEYRING}) and as a binary keyring ({@value #BINARY_KEYRING}). Existing files
 * are never replaced; on any failure nothing is left behind.
 */
public final class KeyFiles {
    public static final String SECRET_KEY = "signing-key.asc";
    public static final String ARMORED_KEYRING = "archive-keyring.asc";
    public static final String BINARY_KEYRING = "archive-keyring.gpg";
    private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private KeyFiles() {
    }

    /** The three files, where they were written. */
    public record Written(Path secretKey, Path armoredKeyring, Path binaryKeyring) {
    }

    /**
     * Fails early, before a slow key generation, when any of the three files exists.
     *
     * @throws ApplianceException CONFLICT naming the file
     */
    public static void refuseExisting(Path dir) {
        for (String name : List.of(SECRET_KEY, ARMORED_KEYRING, BINARY_KEYRING)) {
            Path file = dir.resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw exists(file);
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, dir + ": exists and is not a folder");
        }
    }

    /**
     * Writes the key's three files into {@code dir}, creating it (mode 0700) when missing.
     *
     * @throws ApplianceException CONFLICT when a file exists, ENVIRONMENT when writing fails;
     *                            either way no file (and no folder this call created) remains
     */
    public static Written writeNew(Path dir, GeneratedKey key) {
        refuseExisting(dir);
        Written written = new Written(dir.resolve(SECRET_KEY), dir.resolve(ARMORED_KEYRING), dir.resolve(BINARY_KEYRING));
        List<Path> created = new ArrayList<>();
        Path createdDir = null;
        boolean done = false;
        Path current = dir;
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                current = parent;
                Files.createDirectories(parent);
                current = dir;
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
                createdDir = dir;
            }
            current = written.secretKey();
            AtomicFiles.createNew(current, SECRET, out -> out.write(key.armoredSecretKey()));
            created.add(current);
            current = written.armoredKeyring();
            AtomicFiles.createNew(current, PUBLIC, out -> out.write(key.armoredPublicKey()));
            created.add(current);
            current = written.binaryKeyring();
            AtomicFiles.createNew(current, PUBLIC, out -> out.write(key.binaryPublicKey()));
            created.add(current);
            done = true;
            return written;
        } catch (FileAlreadyExistsException e) {
            if (!current.equals(dir) && dir.equals(current.getParent())) {
                throw exists(current);
            }
            throw new ApplianceException(ExitCode.ENVIRONMENT, e.getFile() + ": exists and is not a folder", e);
        } catch (AccessDeniedException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, current + ": permission denied; choose a folder"
                    + " you may write to", e);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, current + ": cannot write the key file: "
                    + e.getMessage(), e);
        } finally {
            if (!done) {
                undo(created, createdDir);
            }
        }
    }

    private static void undo(List<Path> created, Path createdDir) {
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort: the original failure is what the user needs to see
            }
        }
        if (createdDir != null) {
            try {
                Files.deleteIfExists(createdDir);
            } catch (IOException e) {
                // not empty or gone: leave it
            }
        }
    }

    private static ApplianceException exists(Path file) {
        return new ApplianceException(ExitCode.CONFLICT, file + ": already exists; a key is never overwritten."
                + " Choose another --out folder, or move the old key away first (and keep it while clients"
                + " still trust it)");
    }
}
