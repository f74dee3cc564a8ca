package org.vatools.core.pgp;

import org.bouncycastle.bcpg.HashAlgorithmTags;

/**
 * Which hash algorithms a signature may use. MD5, SHA-1 and RIPEMD-160 are refused everywhere:
 * apt calls SHA-1 signatures weak, RHEL 9 refuses them. Signatures made here use SHA-512
 * (documents, self-signatures) or SHA-256 (rpm headers).
 */
final class HashPolicy {
    private HashPolicy() {
    }

    static boolean accepts(int hashAlgorithm) {
        return switch (hashAlgorithm) {
            case HashAlgorithmTags.SHA224, HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA384,
                 HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA3_256, HashAlgorithmTags.SHA3_512 -> true;
            default -> false;
        };
    }

    /** The name in a clear-signed message's {@code Hash:} header and in messages. */
    static String name(int hashAlgorithm) {
        return switch (hashAlgorithm) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD160";
            case HashAlgorithmTags.SHA224 -> "SHA224";
            case HashAlgorithmTags.SHA256 -> "SHA256";
            case HashAlgorithmTags.SHA384 -> "SHA384";
            case HashAlgorithmTags.SHA512 -> "SHA512";
            case HashAlgorithmTags.SHA3_256 -> "SHA3-256";
            case HashAlgorithmTags.SHA3_512 -> "SHA3-512";
            default -> "hash algorithm " + hashAlgorithm;
        };
    }
}
