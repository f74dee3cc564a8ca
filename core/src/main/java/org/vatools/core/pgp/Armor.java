package org.vatools.core.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.bcpg.ArmoredOutputStream;

/**
 * ASCII armor without headers (no "Version:" line, so output does not change with the library
 * version), with the CRC line gpg 2.2 writes, and Unix line endings.
 */
final class Armor {
    private Armor() {
    }

    /** Armors OpenPGP packets; the block type (signature, public key, private key) follows the first packet. */
    static byte[] armor(byte[] packets) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(packets.length * 4 / 3 + 128);
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().enableCRC(true).build(buffer)) {
            armored.write(packets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
