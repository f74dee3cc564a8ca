package org.vatools.core.pgp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;

/**
 * A secret key file ({@code gpg --export-secret-keys [--armor] KEYID}) that decrypts messages
 * encrypted to it. The passphrase is used only when a message needs one of its keys, so a wrong
 * passphrase is reported together with the key it did not unlock.
 */
public final class DecryptionKey {
    private final Path source;
    private final PGPSecretKeyRing ring;
    private final Passphrase passphrase;

    private DecryptionKey(Path source, PGPSecretKeyRing ring, Passphrase passphrase) {
        this.source = source;
        this.ring = ring;
        this.passphrase = passphrase;
    }

    /**
     * @throws org.vatools.core.ApplianceException NOT_FOUND, ENVIRONMENT (unreadable) or INVALID_INPUT
     *         (not one OpenPGP secret key)
     */
    public static DecryptionKey load(Path file, Passphrase passphrase) {
        PGPSecretKeyRing ring = SecretKeyFile.singleSecretRing(file, PgpFiles.read(file, "secret key file"));
        return new DecryptionKey(file, ring, passphrase);
    }

    public Path source() {
        return source;
    }

    public Fingerprint primaryFingerprint() {
        return Fingerprint.of(ring.getPublicKey().getFingerprint());
    }

    /** The secret key with this key id that has its secret part in the file. */
    Optional<PGPSecretKey> find(long keyId) {
        PGPSecretKey k = ring.getSecretKey(keyId);
        return k == null || k.isPrivateKeyEmpty() ? Optional.empty() : Optional.of(k);
    }

    /** Every key with a secret part that may decrypt (for messages that hide their recipient). */
    List<PGPSecretKey> decryptionCandidates() {
        List<PGPSecretKey> out = new ArrayList<>();
        for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
            PGPSecretKey k = it.next();
            if (!k.isPrivateKeyEmpty() && k.getPublicKey().isEncryptionKey()) {
                out.add(k);
            }
        }
        return out;
    }

    /** Key ids of every key in the file, for messages. */
    List<String> keyIds() {
        List<String> out = new ArrayList<>();
        for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
            out.add(Fingerprint.formatKeyId(it.next().getKeyID()));
        }
        return out;
    }

    PGPPrivateKey unlock(PGPSecretKey key) {
        return SecretKeyFile.unlock(source, key, passphrase);
    }

    @Override
    public String toString() {
        return "DecryptionKey[" + primaryFingerprint() + " from " + source + "]";
    }
}
