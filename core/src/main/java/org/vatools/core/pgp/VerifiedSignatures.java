package org.vatools.core.pgp;

import java.util.List;

/**
 * The outcome of a successful verification.
 *
 * @param signers the primary-key fingerprints of the keys whose signatures verified (at least one)
 * @param ignored signatures that did not count and did not make the check fail, each with its
 *                reason: a key not in the keyring (another party's, or the other key of a
 *                rotation), an expired or revoked key while another key's signature is good
 */
public record VerifiedSignatures(List<Fingerprint> signers, List<String> ignored) {
    public VerifiedSignatures {
        signers = List.copyOf(signers);
        ignored = List.copyOf(ignored);
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a verification needs at least one good signature");
        }
    }
}
