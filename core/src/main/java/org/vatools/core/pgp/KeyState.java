package org.vatools.core.pgp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReason;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;

/**
 * What a key's own signatures say about it, each one verified: whether it is bound to its
 * certificate by a valid self-signature (SHA-256 or stronger), whether it may sign, when it
 * expires, whether it is revoked. The same rules apply when loading a signing key and when
 * checking the key behind a signature, so both agree on which keys count.
 */
final class KeyState {
    private final PGPPublicKey key;
    private final String userId;
    private final Instant created;
    private final Optional<Instant> expires;
    private final boolean canSign;
    private final boolean canEncrypt;
    private final String defect;
    private final String revocation;
    private final KeyState primaryState;

    private KeyState(PGPPublicKey key, String userId, Optional<Instant> expires, boolean canSign, boolean canEncrypt,
                     String defect, String revocation, KeyState primaryState) {
        this.key = key;
        this.userId = userId;
        this.created = key.getCreationTime().toInstant();
        this.expires = expires;
        this.canSign = canSign;
        this.canEncrypt = canEncrypt;
        this.defect = defect;
        this.revocation = revocation;
        this.primaryState = primaryState;
    }

    /**
     * Evaluates {@code key}, the primary key of {@code ring} or one of its subkeys. Verifying a
     * BouncyCastle signature object changes it, so evaluations of one ring are serialized: a
     * keyring may be shared by verifiers on several threads.
     */
    static KeyState of(PGPKeyRing ring, PGPPublicKey key) {
        synchronized (ring) {
            PGPPublicKey primary = ring.getPublicKey();
            KeyState primaryState = ofPrimary(primary);
            if (key.getKeyID() == primary.getKeyID()) {
                return primaryState;
            }
            return ofSubkey(primary, key, primaryState);
        }
    }

    private static KeyState ofPrimary(PGPPublicKey primary) {
        PGPSignature latest = null;
        String userId = "";
        for (Iterator<byte[]> ids = primary.getRawUserIDs(); ids.hasNext(); ) {
            byte[] id = ids.next();
            for (Iterator<PGPSignature> sigs = primary.getSignaturesForID(id); sigs != null && sigs.hasNext(); ) {
                PGPSignature sig = sigs.next();
                if (isSelfCertification(sig, primary) && verifies(sig, primary, s -> s.verifyCertification(id, primary))) {
                    if (userId.isEmpty() || sig.getHashedSubPackets().isPrimaryUserID()) {
                        userId = new String(id, StandardCharsets.UTF_8);
                    }
                    latest = newer(latest, sig);
                }
            }
        }
        for (Iterator<PGPSignature> sigs = primary.getSignaturesOfType(PGPSignature.DIRECT_KEY); sigs.hasNext(); ) {
            PGPSignature sig = sigs.next();
            if (issuedBy(sig, primary) && verifies(sig, primary, s -> s.verifyCertification(primary))) {
                latest = newer(latest, sig);
            }
        }
        String revocation = null;
        for (Iterator<PGPSignature> sigs = primary.getSignaturesOfType(PGPSignature.KEY_REVOCATION); sigs.hasNext(); ) {
            PGPSignature sig = sigs.next();
            if (issuedBy(sig, primary) && verifiesAnyHash(sig, primary, s -> s.verifyCertification(primary))) {
                revocation = reason(sig);
            }
        }
        if (latest == null) {
            return new KeyState(primary, userId, Optional.empty(), false, false,
                    "has no valid self-signature made with SHA-256 or stronger", revocation, null);
        }
        return new KeyState(primary, userId, expiry(primary, latest), maySign(latest), mayEncrypt(latest, primary),
                null, revocation, null);
    }

    private static KeyState ofSubkey(PGPPublicKey primary, PGPPublicKey subkey, KeyState primaryState) {
        PGPSignature latest = null;
        for (Iterator<PGPSignature> sigs = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); sigs.hasNext(); ) {
            PGPSignature sig = sigs.next();
            if (issuedBy(sig, primary) && verifies(sig, primary, s -> s.verifyCertification(primary, subkey))) {
                latest = newer(latest, sig);
            }
        }
        String revocation = null;
        for (Iterator<PGPSignature> sigs = subkey.getSignaturesOfType(PGPSignature.SUBKEY_REVOCATION); sigs.hasNext(); ) {
            PGPSignature sig = sigs.next();
            if (issuedBy(sig, primary) && verifiesAnyHash(sig, primary, s -> s.verifyCertification(primary, subkey))) {
                revocation = reason(sig);
            }
        }
        if (latest == null) {
            return new KeyState(subkey, primaryState.userId, Optional.empty(), false, false,
                    "is a subkey without a valid binding signature made with SHA-256 or stronger", revocation,
                    primaryState);
        }
        boolean canSign = maySign(latest) && hasBackSignature(latest, primary, subkey);
        Optional<Instant> expires = expiry(subkey, latest);
        if (primaryState.expires.isPresent()
                && (expires.isEmpty() || primaryState.expires.get().isBefore(expires.get()))) {
            expires = primaryState.expires;
        }
        return new KeyState(subkey, primaryState.userId, expires, canSign, mayEncrypt(latest, subkey), null,
                revocation, primaryState);
    }

    /** A signing subkey must certify its primary key back (gpg refuses it otherwise: "not cross-certified"). */
    private static boolean hasBackSignature(PGPSignature binding, PGPPublicKey primary, PGPPublicKey subkey) {
        for (PGPSignatureSubpacketVector area : new PGPSignatureSubpacketVector[] {
            binding.getHashedSubPackets(), binding.getUnhashedSubPackets()}) {
            if (area == null) {
                continue;
            }
            PGPSignatureList embedded;
            try {
                embedded = area.getEmbeddedSignatures();
            } catch (PGPException e) {
                continue;
            }
            for (PGPSignature back : embedded) {
                if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
                        && verifies(back, subkey, s -> s.verifyCertification(primary, subkey))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSelfCertification(PGPSignature sig, PGPPublicKey primary) {
        int type = sig.getSignatureType();
        return (type == PGPSignature.DEFAULT_CERTIFICATION || type == PGPSignature.NO_CERTIFICATION
                || type == PGPSignature.CASUAL_CERTIFICATION || type == PGPSignature.POSITIVE_CERTIFICATION)
                && issuedBy(sig, primary);
    }

    private static boolean issuedBy(PGPSignature sig, PGPPublicKey key) {
        return sig.getKeyID() == key.getKeyID();
    }

    private interface Check {
        boolean verify(PGPSignature sig) throws PGPException;
    }

    private static boolean verifies(PGPSignature sig, PGPPublicKey signer, Check check) {
        if (!HashPolicy.accepts(sig.getHashAlgorithm())) {
            return false;
        }
        return verifiesAnyHash(sig, signer, check);
    }

    /** For revocations: a revocation counts whatever hash it uses (failing closed). */
    private static boolean verifiesAnyHash(PGPSignature sig, PGPPublicKey signer, Check check) {
        try {
            sig.init(Bc.VERIFIERS, signer);
            return check.verify(sig);
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private static PGPSignature newer(PGPSignature current, PGPSignature candidate) {
        return current == null || candidate.getCreationTime().after(current.getCreationTime()) ? candidate : current;
    }

    private static boolean maySign(PGPSignature selfSignature) {
        PGPSignatureSubpacketVector hashed = selfSignature.getHashedSubPackets();
        if (hashed == null || !hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
            return true;
        }
        return (hashed.getKeyFlags() & KeyFlags.SIGN_DATA) != 0;
    }

    /**
     * Whether the self-signature lets the key encrypt: its key flags say "encrypt communications"
     * or "encrypt storage"; a key without key flags (old keys) may when its algorithm can.
     */
    private static boolean mayEncrypt(PGPSignature selfSignature, PGPPublicKey key) {
        PGPSignatureSubpacketVector hashed = selfSignature.getHashedSubPackets();
        if (hashed == null || !hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
            return key.isEncryptionKey();
        }
        return (hashed.getKeyFlags() & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
    }

    private static Optional<Instant> expiry(PGPPublicKey key, PGPSignature selfSignature) {
        PGPSignatureSubpacketVector hashed = selfSignature.getHashedSubPackets();
        long seconds = hashed == null ? 0 : hashed.getKeyExpirationTime();
        return seconds == 0 ? Optional.empty() : Optional.of(key.getCreationTime().toInstant().plusSeconds(seconds));
    }

    private static String reason(PGPSignature revocation) {
        PGPSignatureSubpacketVector hashed = revocation.getHashedSubPackets();
        RevocationReason reason = hashed == null ? null : hashed.getRevocationReason();
        String when = " on " + revocation.getCreationTime().toInstant();
        if (reason == null || reason.getRevocationDescription().isBlank()) {
            return "revoked" + when;
        }
        return "revoked" + when + " (" + reason.getRevocationDescription() + ")";
    }

    PGPPublicKey key() {
        return key;
    }

    String userId() {
        return userId;
    }

    Instant created() {
        return created;
    }

    Optional<Instant> expires() {
        return expires;
    }

    boolean canSign() {
        return canSign && defect == null;
    }

    boolean canEncrypt() {
        return canEncrypt && defect == null;
    }

    /**
     * Why this key cannot encrypt a message at {@code now} (invalid, revoked, expired, or not
     * allowed to encrypt), or null when it can.
     */
    String encryptionProblem(Instant now) {
        if (primaryState != null && primaryState.invalid() != null) {
            return "belongs to a primary key that " + primaryState.invalid();
        }
        if (invalid() != null) {
            return invalid();
        }
        if (!canEncrypt) {
            return "is not allowed to encrypt (its key flags lack \"encrypt\")";
        }
        if (now.isBefore(created)) {
            return "was created on " + created + ", in the future";
        }
        if (expires.isPresent() && !now.isBefore(expires.get())) {
            return "expired on " + expires.get();
        }
        return null;
    }

    /** Why the key is not valid at all (no valid self-signature, revoked), or null; says nothing of signing. */
    private String invalid() {
        if (defect != null) {
            return defect;
        }
        if (revocation != null) {
            return "is " + revocation;
        }
        return null;
    }

    /** Why the key cannot be used at all (no valid self-signature, revoked, not for signing), or null. */
    String unusable() {
        if (primaryState != null && primaryState.invalid() != null) {
            return "belongs to a primary key that " + primaryState.invalid();
        }
        if (invalid() != null) {
            return invalid();
        }
        if (!canSign) {
            return "is not allowed to sign (its key flags lack \"sign\")";
        }
        return null;
    }

    /**
     * Why a signature made at {@code signatureTime} by this key does not count when checked at
     * {@code now}, or null when it does.
     */
    String problem(Instant signatureTime, Instant now) {
        String unusable = unusable();
        if (unusable != null) {
            return unusable;
        }
        if (signatureTime.isBefore(created)) {
            return "was created on " + created + ", after the signature time " + signatureTime;
        }
        if (expires.isPresent() && !now.isBefore(expires.get())) {
            return "expired on " + expires.get();
        }
        if (expires.isPresent() && !signatureTime.isBefore(expires.get())) {
            return "had expired on " + expires.get() + ", before the signature time " + signatureTime;
        }
        return null;
    }
}
