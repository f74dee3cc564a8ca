package org.vatools.vainstall.target;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Checks the server's host key against a known_hosts file (plain or hashed entries, as OpenSSH
 * writes them). An unknown key is refused, and remembered so the error can show its SHA256
 * fingerprint; with accept-new it is appended to the file instead (the OpenSSH
 * {@code StrictHostKeyChecking=accept-new} behaviour). A changed key is always refused.
 */
final class HostKeyCheck implements HostKeyRepository {
    private final HostKeyRepository known;
    private final Path file;
    private final boolean acceptNew;
    private Offered offered;
    private boolean recorded;

    /** What the server offered when it was not accepted as known. */
    record Offered(String host, String type, String fingerprint, int status) {
    }

    HostKeyCheck(Path file, boolean acceptNew) throws JSchException {
        this.file = file;
        this.acceptNew = acceptNew;
        JSch reader = new JSch();
        if (Files.isRegularFile(file)) {
            reader.setKnownHosts(file.toString());
        } else {
            reader.setKnownHosts(new ByteArrayInputStream(new byte[0]));
        }
        this.known = reader.getHostKeyRepository();
    }

    @Override
    public synchronized int check(String host, byte[] key) {
        int status = known.check(host, key);
        if (status == OK) {
            return OK;
        }
        offered = new Offered(host, keyType(key), fingerprint(key), status);
        if (status == NOT_INCLUDED && acceptNew) {
            try {
                append(host, key);
                recorded = true;
                return OK;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot record the host key in " + file, e);
            }
        }
        return status;
    }

    synchronized Offered offered() {
        return offered;
    }

    /** True when this connection added the host's key to the file. */
    synchronized boolean recorded() {
        return recorded;
    }

    Path file() {
        return file;
    }

    private void append(String host, byte[] key) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        byte[] existing = Files.readAllBytes(file);
        String prefix = existing.length > 0 && existing[existing.length - 1] != '\n' ? "\n" : "";
        String line = prefix + host + " " + keyType(key) + " " + Base64.getEncoder().encodeToString(key) + "\n";
        Files.write(file, line.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    }

    /** {@code SHA256:...} as ssh-keygen -l prints it. */
    static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The algorithm name at the start of an SSH public key blob, e.g. ssh-ed25519. */
    static String keyType(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key);
        if (key.length < 4) {
            return "unknown";
        }
        int len = b.getInt();
        if (len <= 0 || len > key.length - 4) {
            return "unknown";
        }
        return new String(key, 4, len, StandardCharsets.US_ASCII);
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // keys are only ever added through accept-new in check()
    }

    @Override
    public void remove(String host, String type) {
        // vainstall never removes known hosts
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // vainstall never removes known hosts
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return file.toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return known.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return known.getHostKey(host, type);
    }
}
