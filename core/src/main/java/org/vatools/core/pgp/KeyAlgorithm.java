package org.vatools.core.pgp;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The key types {@link KeyGenerator} creates. Ed25519 keys use the legacy EdDSA encoding
 * (OpenPGP public-key algorithm 22, curve OID 1.3.6.1.4.1.11591.15.1): gpg 2.2 (Debian 12) and
 * rpm read it, while the newer RFC 9580 encoding (algorithm 27) is shown as invalid by gpg 2.2.
 */
public enum KeyAlgorithm {
    /** RSA with a 4096-bit modulus: readable by every apt, gpg and rpm in use. */
    RSA_4096("rsa4096", PublicKeyAlgorithmTags.RSA_GENERAL),
    /** Ed25519 in the legacy EdDSA encoding (algorithm 22): small keys, fast, needs gpg 2.1+ / rpm 4.16+. */
    ED25519("ed25519", PublicKeyAlgorithmTags.EDDSA_LEGACY);

    private final String id;
    private final int openPgpId;

    KeyAlgorithm(String id, int openPgpId) {
        this.id = id;
        this.openPgpId = openPgpId;
    }

    /** The name on the command line: {@code rsa4096} or {@code ed25519}. */
    public String id() {
        return id;
    }

    /** The OpenPGP public-key algorithm number (1 for RSA, 22 for legacy EdDSA). */
    public int openPgpId() {
        return openPgpId;
    }

    /** @throws ApplianceException USAGE when the name is not one of {@link #id()} */
    public static KeyAlgorithm parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (KeyAlgorithm a : values()) {
            if (a.id.equals(n)) {
                return a;
            }
        }
        throw new ApplianceException(ExitCode.USAGE, "unknown key algorithm '" + name + "'; choose one of "
                + Arrays.stream(values()).map(KeyAlgorithm::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
