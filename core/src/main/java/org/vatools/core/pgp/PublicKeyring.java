package org.vatools.core.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The public keys a {@link SignatureVerifier} trusts: one or several certificates read from
 * armored ({@code archive-keyring.asc}) or binary ({@code archive-keyring.gpg}) keyring files.
 * It also writes them back in both forms, for a repository's published keyring.
 */
public final class PublicKeyring {
    private final List<PGPPublicKeyRing> certificates;
    private final String source;

    PublicKeyring(List<PGPPublicKeyRing> certificates, String source) {
        this.certificates = List.copyOf(certificates);
        this.source = source;
    }

    /**
     * Reads one keyring file.
     *
     * @throws ApplianceException NOT_FOUND, ENVIRONMENT (unreadable), INVALID_INPUT (not a public keyring)
     */
    public static PublicKeyring read(Path file) {
        return parse(PgpFiles.read(file, "keyring"), file.toString());
    }

    /** Reads several keyring files into one; a key found in several files counts once. */
    public static PublicKeyring read(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no keyring files");
        }
        List<PublicKeyring> rings = files.stream().map(PublicKeyring::read).toList();
        return merge(rings);
    }

    /** Combines keyrings; a key in several of them counts once. */
    public static PublicKeyring merge(List<PublicKeyring> keyrings) {
        Map<Fingerprint, PGPPublicKeyRing> byFingerprint = new LinkedHashMap<>();
        for (PublicKeyring k : keyrings) {
            for (PGPPublicKeyRing ring : k.certificates) {
                byFingerprint.putIfAbsent(Fingerprint.of(ring.getPublicKey().getFingerprint()), ring);
            }
        }
        return new PublicKeyring(new ArrayList<>(byFingerprint.values()),
                keyrings.stream().map(PublicKeyring::source).collect(Collectors.joining(", ")));
    }

    /**
     * Parses keyring content, armored or binary.
     *
     * @param source what to call it in messages (usually the file name)
     * @throws ApplianceException INVALID_INPUT when it holds no public key, a secret key, or other data
     */
    public static PublicKeyring parse(byte[] content, String source) {
        List<Object> objects;
        try {
            objects = PgpFiles.objects(content);
        } catch (IOException e) {
            throw notAKeyring(source, e.getMessage());
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof PGPPublicKeyRing ring) {
                rings.add(requireVersion4(ring, source));
            } else if (o instanceof PGPPublicKeyRingCollection collection) {
                collection.forEach(r -> rings.add(requireVersion4(r, source)));
            } else if (o instanceof PGPSecretKeyRing || o instanceof PGPSecretKeyRingCollection) {
                throw new ApplianceException(ExitCode.INVALID_INPUT, source + ": holds a secret key, not a public"
                        + " keyring; give the public key (archive-keyring.gpg or archive-keyring.asc) instead,"
                        + " and keep the secret key private");
            } else {
                throw notAKeyring(source, "it holds " + o.getClass().getSimpleName().replace("PGP", "an OpenPGP "));
            }
        }
        if (rings.isEmpty()) {
            throw notAKeyring(source, "it holds no key");
        }
        return merge(List.of(new PublicKeyring(rings, source)));
    }

    /** apt (gpgv 2.2) and rpm know only version 4 keys; v3 and RFC 9580 v6 keys are refused by name. */
    static <R extends org.bouncycastle.openpgp.PGPKeyRing> R requireVersion4(R ring, String source) {
        for (java.util.Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
            PGPPublicKey key = keys.next();
            if (key.getVersion() != 4) {
                throw new ApplianceException(ExitCode.INVALID_INPUT, source + ": holds a version " + key.getVersion()
                        + " OpenPGP key (key id " + Fingerprint.formatKeyId(key.getKeyID()) + "); apt (gpgv 2.2)"
                        + " and rpm use version 4 keys only, as 'repo-tools keygen' makes");
            }
        }
        return ring;
    }

    private static ApplianceException notAKeyring(String source, String why) {
        return new ApplianceException(ExitCode.INVALID_INPUT, source + ": not an OpenPGP public keyring (" + why
                + "); expected an armored key (.asc) or a binary keyring (.gpg) as 'gpg --export' writes them");
    }

    /** Where the keys came from, for messages. */
    public String source() {
        return source;
    }

    /** The fingerprints of the primary keys, in file order. */
    public List<Fingerprint> fingerprints() {
        return certificates.stream().map(r -> Fingerprint.of(r.getPublicKey().getFingerprint())).toList();
    }

    /** All keys as one armored "PGP PUBLIC KEY BLOCK", as {@code gpg --export --armor} writes them. */
    public byte[] armored() {
        return Armor.armor(binary());
    }

    /** All keys as a binary keyring, as {@code gpg --export} writes it; apt's signed-by and gpgv read it. */
    public byte[] binary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (PGPPublicKeyRing ring : certificates) {
            out.writeBytes(Bc.encode(ring));
        }
        return out.toByteArray();
    }

    /** The certificates, in file order. */
    List<PGPPublicKeyRing> certificates() {
        return certificates;
    }

    /** The key with this key id and the certificate it belongs to (usually zero or one). */
    List<Candidate> find(long keyId) {
        List<Candidate> found = new ArrayList<>();
        for (PGPPublicKeyRing ring : certificates) {
            for (PGPPublicKey key : ring) {
                if (key.getKeyID() == keyId) {
                    found.add(new Candidate(ring, key));
                }
            }
        }
        return found;
    }

    /** A key and the certificate it belongs to. */
    record Candidate(PGPPublicKeyRing certificate, PGPPublicKey key) {
        Fingerprint primaryFingerprint() {
            return Fingerprint.of(certificate.getPublicKey().getFingerprint());
        }
    }

    @Override
    public String toString() {
        return "PublicKeyring[" + source + ": " + fingerprints() + "]";
    }
}
