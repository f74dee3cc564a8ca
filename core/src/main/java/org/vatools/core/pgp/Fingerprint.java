package org.vatools.core.pgp;

import java.util.HexFormat;
import java.util.Locale;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * A version 4 OpenPGP key fingerprint: 40 hexadecimal digits, upper case, as
 * {@code gpg --with-colons} prints it in its {@code fpr} records. The last 16 digits are the
 * long key id that apt and gpgv name in their messages.
 */
public record Fingerprint(String hex) implements Comparable<Fingerprint> {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    public Fingerprint {
        if (hex == null || !hex.matches("[0-9A-F]{40}")) {
            throw new IllegalArgumentException("not a v4 OpenPGP fingerprint (40 upper-case hex digits): " + hex);
        }
    }

    /** From the 20 bytes of a v4 fingerprint. */
    public static Fingerprint of(byte[] fingerprint) {
        if (fingerprint.length != 20) {
            throw new IllegalArgumentException("a v4 fingerprint has 20 bytes, not " + fingerprint.length);
        }
        return new Fingerprint(UPPER.formatHex(fingerprint));
    }

    /**
     * Reads a fingerprint as people write it: spaces allowed, any case, optional {@code 0x}.
     *
     * @throws ApplianceException INVALID_INPUT when it is not 40 hex digits
     */
    public static Fingerprint parse(String text) {
        String s = text.replace(" ", "").strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        s = s.toUpperCase(Locale.ROOT);
        if (!s.matches("[0-9A-F]{40}")) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, "'" + text
                    + "' is not an OpenPGP v4 fingerprint: expected 40 hexadecimal digits, as"
                    + " 'repo-tools keygen' or 'gpg --fingerprint' print it");
        }
        return new Fingerprint(s);
    }

    /** The long key id as a number (the low 64 bits of the fingerprint). */
    public long keyId() {
        return Long.parseUnsignedLong(longKeyId(), 16);
    }

    /** The long key id: the last 16 hex digits, upper case. */
    public String longKeyId() {
        return hex.substring(24);
    }

    /** Formats a key id as 16 upper-case hex digits. */
    public static String formatKeyId(long keyId) {
        return String.format(Locale.ROOT, "%016X", keyId);
    }

    @Override
    public int compareTo(Fingerprint other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
