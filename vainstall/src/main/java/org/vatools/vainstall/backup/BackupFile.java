package org.vatools.vainstall.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.DecryptionKey;
import org.vatools.core.pgp.MessageEncryption;

/**
 * A backup file on the machine vainstall runs on, plain or OpenPGP-encrypted. Each
 * {@link #open()} reads it from the start again (the reader makes two passes), decrypting as it
 * goes, so a decrypted copy never lands on disk.
 */
public final class BackupFile {
    private static final byte[] ZIP_HEAD = {'P', 'K', 3, 4};
    private static final byte[] END_OF_DIRECTORY = {'P', 'K', 5, 6};

    private final Path path;
    private final DecryptionKey key;
    private final boolean encrypted;
    private final long size;

    private BackupFile(Path path, DecryptionKey key, boolean encrypted, long size) {
        this.path = path;
        this.key = key;
        this.encrypted = encrypted;
        this.size = size;
    }

    /**
     * Looks at the file: a zip (its end-of-directory record must be there, or the file was cut
     * short) or an OpenPGP message, which needs {@code key}.
     *
     * @param key the secret key to decrypt with, or null
     */
    public static BackupFile open(Path path, DecryptionKey key) {
        long size;
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            size = Files.size(path);
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new ApplianceException(ExitCode.NOT_FOUND, path + ": no such backup file", e);
        } catch (AccessDeniedException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, path + ": cannot read the backup file: permission"
                    + " denied", e);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, path + ": cannot read the backup file: "
                    + (Files.isDirectory(path) ? "it is a folder" : e.getMessage()), e);
        }
        byte[] start = java.util.Arrays.copyOf(head, n);
        if (MessageEncryption.looksEncrypted(start)) {
            if (key == null) {
                throw new ApplianceException(ExitCode.USAGE, path + " is encrypted (OpenPGP); give the secret key it"
                        + " was encrypted to with --decrypt-key FILE (and its passphrase with --passphrase-env VAR or"
                        + " --passphrase-file FILE)");
            }
            return new BackupFile(path, key, true, size);
        }
        if (n < 4 || !startsWith(start, ZIP_HEAD)) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, path + " is not an appliance backup: it is neither"
                    + " a zip file nor an OpenPGP message" + (n == 0 ? " (it is empty)" : ""));
        }
        if (!hasEndOfDirectory(path, size)) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, path + " is truncated: the zip file's end (its"
                    + " central directory) is missing; the copy was probably cut short");
        }
        return new BackupFile(path, null, false, size);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The end-of-central-directory record lies in the last 22 + 65535 bytes. */
    private static boolean hasEndOfDirectory(Path path, long size) {
        int tail = (int) Math.min(size, 22 + 65535);
        byte[] b = new byte[tail];
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            f.seek(size - tail);
            f.readFully(b);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, path + ": cannot read the backup file: " + e.getMessage(),
                    e);
        }
        for (int i = tail - 22; i >= 0; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                int commentLength = (b[i + 20] & 0xff) | (b[i + 21] & 0xff) << 8;
                if (i + 22 + commentLength == tail) {
                    return true;
                }
            }
        }
        return false;
    }

    public Path path() {
        return path;
    }

    public boolean encrypted() {
        return encrypted;
    }

    public long size() {
        return size;
    }

    /** The file read from its start: decrypted when it is encrypted; {@link Reading#finish()} checks its end. */
    Reading open() throws IOException {
        InputStream raw = Files.newInputStream(path);
        DigestingStream digest = new DigestingStream(raw, "SHA-256");
        if (!encrypted) {
            return new Reading(digest, digest, null);
        }
        try {
            MessageEncryption.DecryptedStream d = MessageEncryption.decrypt(digest, key, path.toString());
            return new Reading(d, digest, d);
        } catch (RuntimeException | IOException e) {
            raw.close();
            throw e;
        }
    }

    /** One pass over the file. */
    static final class Reading implements AutoCloseable {
        private final InputStream content;
        private final DigestingStream file;
        private final MessageEncryption.DecryptedStream decrypted;

        Reading(InputStream content, DigestingStream file, MessageEncryption.DecryptedStream decrypted) {
            this.content = content;
            this.file = file;
            this.decrypted = decrypted;
        }

        /** The zip's bytes. */
        InputStream content() {
            return content;
        }

        /** Bytes of the file read so far (encrypted bytes for an encrypted file). */
        long fileBytesRead() {
            return file.count();
        }

        /**
         * Reads the rest and checks the end: the OpenPGP integrity check of an encrypted file.
         *
         * @return the SHA-256 of the whole file as it lies on disk
         */
        String finish() throws IOException {
            if (decrypted != null) {
                decrypted.finish();
            }
            file.transferTo(java.io.OutputStream.nullOutputStream());
            return file.hex();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
