package org.vatools.core.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.KeyFingerPrintCalculator;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * BouncyCastle's lightweight ("Bc") operators. They need no JCA provider, so nothing depends on
 * which provider named "BC" another library (jdeb) registered first. Packets are written in the
 * old ("legacy") packet format that gpg 2.2 writes, which every apt, gpg and rpm reads.
 */
final class Bc {
    static final KeyFingerPrintCalculator FINGERPRINTS = new BcKeyFingerprintCalculator();
    static final PGPContentVerifierBuilderProvider VERIFIERS = new BcPGPContentVerifierBuilderProvider();

    private Bc() {
    }

    static PGPDigestCalculator digest(int hashAlgorithm) {
        try {
            return new BcPGPDigestCalculatorProvider().get(hashAlgorithm);
        } catch (PGPException e) {
            throw new IllegalStateException("BouncyCastle lacks hash algorithm " + hashAlgorithm, e);
        }
    }

    static byte[] encode(PGPKeyRing ring) {
        try {
            return ring.getEncoded(PacketFormat.LEGACY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void encode(PGPSignature signature, ByteArrayOutputStream out) {
        try {
            BCPGOutputStream packets = new BCPGOutputStream(out, PacketFormat.LEGACY);
            signature.encode(packets);
            packets.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
