package org.vatools.core.pgp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * Checks signatures against a {@link PublicKeyring}, as apt would, at the clock's time.
 *
 * <p>A document is accepted when at least one signature verifies with a valid key of the
 * keyring. It is refused (ApplianceException VERIFICATION_FAILED, naming the file and the key)
 * when any signature by a key of the keyring is BAD (the content changed), when a signature
 * uses MD5, SHA-1 or RIPEMD-160, when a signature has the wrong type, or when no signature
 * counts. A signature does not count, and is listed in {@link VerifiedSignatures#ignored()},
 * when its key is not in the keyring, or is expired, revoked, not allowed to sign, or created
 * after the signature; a signature whose own expiry has passed does not count either.
 */
public final class SignatureVerifier {
    private final PublicKeyring keyring;
    private final Clock clock;

    public SignatureVerifier(PublicKeyring keyring, Clock clock) {
        this.keyring = Objects.requireNonNull(keyring);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Verifies a clear-signed file such as {@code InRelease}. */
    public ClearSignedText verifyClearSigned(Path file) {
        return verifyClearSigned(PgpFiles.read(file, "signed file"), file.toString());
    }

    /**
     * Verifies a clear-signed document and returns its text.
     *
     * @param source the file name, for messages
     */
    public ClearSignedText verifyClearSigned(byte[] document, String source) {
        ClearText.Parsed parsed = ClearText.parse(document, source);
        List<PGPSignature> signatures = signatures(parsed.signatureBlock(), source);
        for (PGPSignature sig : signatures) {
            String hash = HashPolicy.name(sig.getHashAlgorithm());
            if (!parsed.hashNames().isEmpty() && !parsed.hashNames().contains(hash)) {
                throw new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ": the signature by key "
                        + issuer(sig) + " uses " + hash + " but the header says 'Hash: "
                        + String.join(",", parsed.hashNames()) + "'");
            }
        }
        VerifiedSignatures verified = check(signatures, PGPSignature.CANONICAL_TEXT_DOCUMENT,
                ClearText.signedBytes(parsed.lines()), source);
        return new ClearSignedText(parsed.text(), verified);
    }

    /** Verifies a detached signature file ({@code Release.gpg}, {@code repomd.xml.asc}) over a data file. */
    public VerifiedSignatures verifyDetached(Path data, Path signature) {
        return verifyDetached(PgpFiles.read(data, "signed file"), PgpFiles.read(signature, "signature file"),
                signature + " (over " + data + ")");
    }

    /**
     * Verifies a detached signature over {@code data} as binary; the signature may be armored or
     * a bare packet (as in an rpm header).
     *
     * @param source the signature's file name (and the data's), for messages
     */
    public VerifiedSignatures verifyDetached(byte[] data, byte[] signature, String source) {
        return check(signatures(signature, source), PGPSignature.BINARY_DOCUMENT, data, source);
    }

    private List<PGPSignature> signatures(byte[] block, String source) {
        List<Object> objects;
        try {
            objects = PgpFiles.objects(block);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ": the signature cannot be read ("
                    + e.getMessage() + ")", e);
        }
        List<PGPSignature> signatures = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof PGPSignatureList list) {
                list.forEach(signatures::add);
            } else {
                throw new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ": the signature block holds "
                        + o.getClass().getSimpleName().replace("PGP", "an OpenPGP ") + ", not only signatures");
            }
        }
        if (signatures.isEmpty()) {
            throw new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ": holds no signature");
        }
        return signatures;
    }

    private VerifiedSignatures check(List<PGPSignature> signatures, int expectedType, byte[] signed, String source) {
        Instant now = clock.instant();
        Set<Fingerprint> good = new LinkedHashSet<>();
        List<String> ignored = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (PGPSignature sig : signatures) {
            String issuer = issuer(sig);
            if (sig.getSignatureType() != expectedType) {
                refused.add("the signature by key " + issuer + " is of type " + typeName(sig.getSignatureType())
                        + ", expected " + typeName(expectedType));
                continue;
            }
            if (!HashPolicy.accepts(sig.getHashAlgorithm())) {
                refused.add("the signature by key " + issuer + " uses " + HashPolicy.name(sig.getHashAlgorithm())
                        + ", which is refused as weak; sign with SHA-256 or stronger");
                continue;
            }
            List<PublicKeyring.Candidate> candidates = candidates(sig);
            if (candidates.isEmpty()) {
                ignored.add("signature by key " + issuer + ": the key is not in " + keyring.source());
                continue;
            }
            PublicKeyring.Candidate signer = null;
            for (PublicKeyring.Candidate candidate : candidates) {
                if (verifies(sig, candidate, signed)) {
                    signer = candidate;
                    break;
                }
            }
            if (signer == null) {
                PublicKeyring.Candidate c = candidates.get(0);
                refused.add("BAD signature by key " + Fingerprint.of(c.key().getFingerprint())
                        + userId(c) + ": the content changed after it was signed, or the signature belongs to"
                        + " other content");
                continue;
            }
            KeyState state = KeyState.of(signer.certificate(), signer.key());
            Instant signedAt = sig.getCreationTime().toInstant();
            String problem = state.problem(signedAt, now);
            String who = "signature by key " + Fingerprint.of(signer.key().getFingerprint()) + userId(signer);
            if (problem != null) {
                ignored.add(who + ": the key " + problem);
                continue;
            }
            PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
            long validFor = hashed == null ? 0 : hashed.getSignatureExpirationTime();
            if (validFor != 0 && !now.isBefore(signedAt.plusSeconds(validFor))) {
                ignored.add(who + ": the signature expired on " + signedAt.plusSeconds(validFor));
                continue;
            }
            good.add(signer.primaryFingerprint());
        }
        if (!refused.isEmpty()) {
            throw new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ": " + String.join("; ", refused));
        }
        if (good.isEmpty()) {
            throw new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ": no valid signature by a key in "
                    + keyring.source() + " (it holds " + keyring.fingerprints().stream().map(Fingerprint::hex)
                    .collect(Collectors.joining(", ")) + "): " + String.join("; ", ignored));
        }
        return new VerifiedSignatures(new ArrayList<>(good), ignored);
    }

    private List<PublicKeyring.Candidate> candidates(PGPSignature sig) {
        Set<Long> keyIds = new LinkedHashSet<>();
        for (KeyIdentifier id : sig.getKeyIdentifiers()) {
            keyIds.add(id.getKeyId());
        }
        if (sig.getKeyID() != 0) {
            keyIds.add(sig.getKeyID());
        }
        List<PublicKeyring.Candidate> found = new ArrayList<>();
        for (long keyId : keyIds) {
            for (PublicKeyring.Candidate c : keyring.find(keyId)) {
                if (!found.contains(c)) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    private static boolean verifies(PGPSignature sig, PublicKeyring.Candidate candidate, byte[] signed) {
        try {
            sig.init(Bc.VERIFIERS, candidate.key());
            sig.update(signed);
            return sig.verify();
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private static String issuer(PGPSignature sig) {
        for (KeyIdentifier id : sig.getKeyIdentifiers()) {
            if (id.getFingerprint() != null && id.getFingerprint().length == 20) {
                return Fingerprint.of(id.getFingerprint()).hex();
            }
        }
        return Fingerprint.formatKeyId(sig.getKeyID());
    }

    private static String userId(PublicKeyring.Candidate candidate) {
        String uid = KeyState.of(candidate.certificate(), candidate.key()).userId();
        return uid.isEmpty() ? "" : " (" + uid + ")";
    }

    private static String typeName(int type) {
        return switch (type) {
            case PGPSignature.BINARY_DOCUMENT -> "binary document (0x00)";
            case PGPSignature.CANONICAL_TEXT_DOCUMENT -> "canonical text (0x01)";
            default -> String.format("0x%02X", type);
        };
    }
}
