package org.vatools.core.pgp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The cleartext signature framework (RFC 4880 section 7) as apt and gpgv read it: the text is
 * split into lines at LF (a CR before the LF is dropped); what is signed is every line with its
 * trailing spaces and tabs removed, joined by CR LF, without a final line ending; lines that
 * start with '-' are written dash-escaped ("- " before them). Trailing blanks are left out of
 * the written text as well, so the file shows exactly what is signed.
 */
final class ClearText {
    static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

    private ClearText() {
    }

    /** The lines of {@code text}; a final line ending does not start another line. */
    static List<byte[]> lines(byte[] text) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                if (i == text.length && start == text.length && !lines.isEmpty()) {
                    break;
                }
                int end = i > start && text[i - 1] == '\r' && i < text.length ? i - 1 : i;
                lines.add(Arrays.copyOfRange(text, start, end));
                start = i + 1;
            }
        }
        return lines;
    }

    /** The bytes the signature covers: lines without trailing blanks, CR LF between them. */
    static byte[] signedBytes(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.write('\r');
                out.write('\n');
            }
            out.write(lines.get(i), 0, withoutTrailingBlanks(lines.get(i)));
        }
        return out.toByteArray();
    }

    /** The length of {@code line} without its trailing spaces, tabs and carriage returns. */
    static int withoutTrailingBlanks(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r')) {
            end--;
        }
        return end;
    }

    /** The whole clear-signed document: header, dash-escaped text, the armored signature block. */
    static byte[] document(List<byte[]> lines, String hashName, byte[] armoredSignatures) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((BEGIN_MESSAGE + "\nHash: " + hashName + "\n\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] line : lines) {
            if (line.length > 0 && line[0] == '-') {
                out.write('-');
                out.write(' ');
            }
            out.write(line, 0, withoutTrailingBlanks(line));
            out.write('\n');
        }
        out.writeBytes(armoredSignatures);
        return out.toByteArray();
    }

    /** The parts of a clear-signed document. */
    record Parsed(List<String> hashNames, List<byte[]> lines, byte[] signatureBlock) {
        /**
         * The signed text as UTF-8: each line without its trailing blanks (they are not signed,
         * and gpgv drops them too), each ending in LF.
         */
        String text() {
            StringBuilder sb = new StringBuilder();
            for (byte[] line : lines) {
                sb.append(new String(line, 0, withoutTrailingBlanks(line), StandardCharsets.UTF_8)).append('\n');
            }
            return sb.toString();
        }
    }

    /**
     * Splits a clear-signed document as strictly as apt does: nothing but blank lines before
     * the message and after the signature, only {@code Hash} headers, correct dash-escaping.
     *
     * @throws ApplianceException VERIFICATION_FAILED naming {@code source} and the line
     */
    static Parsed parse(byte[] document, String source) {
        List<byte[]> raw = lines(document);
        int n = 0;
        while (n < raw.size() && trimmed(raw.get(n)).isEmpty()) {
            n++;
        }
        if (n == raw.size() || !trimmed(raw.get(n)).equals(BEGIN_MESSAGE)) {
            throw malformed(source, n + 1, "does not start with '" + BEGIN_MESSAGE + "'; it is not a clear-signed file");
        }
        n++;
        List<String> hashNames = new ArrayList<>();
        for (; ; n++) {
            if (n == raw.size()) {
                throw malformed(source, n, "the file ends inside the message header");
            }
            String header = trimmed(raw.get(n));
            if (header.isEmpty()) {
                n++;
                break;
            }
            if (!header.startsWith("Hash:")) {
                throw malformed(source, n + 1, "unexpected header '" + header + "' (only 'Hash:' belongs here)");
            }
            for (String name : header.substring(5).split(",")) {
                hashNames.add(name.strip());
            }
        }
        List<byte[]> text = new ArrayList<>();
        for (; ; n++) {
            if (n == raw.size()) {
                throw malformed(source, n, "the file ends before '" + BEGIN_SIGNATURE + "'");
            }
            byte[] line = raw.get(n);
            if (trimmed(line).equals(BEGIN_SIGNATURE)) {
                break;
            }
            if (line.length > 0 && line[0] == '-') {
                if (line.length < 2 || line[1] != ' ') {
                    throw malformed(source, n + 1, "line starts with '-' but is not dash-escaped ('- ')");
                }
                line = Arrays.copyOfRange(line, 2, line.length);
            }
            text.add(line);
        }
        ByteArrayOutputStream signature = new ByteArrayOutputStream();
        for (; ; n++) {
            if (n == raw.size()) {
                throw malformed(source, n, "the file ends before '" + END_SIGNATURE + "'");
            }
            signature.writeBytes(raw.get(n));
            signature.write('\n');
            if (trimmed(raw.get(n)).equals(END_SIGNATURE)) {
                n++;
                break;
            }
        }
        for (; n < raw.size(); n++) {
            if (!trimmed(raw.get(n)).isEmpty()) {
                throw malformed(source, n + 1, "unexpected data after the signature");
            }
        }
        return new Parsed(List.copyOf(hashNames), text, signature.toByteArray());
    }

    private static String trimmed(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).stripTrailing();
    }

    private static ApplianceException malformed(String source, int line, String what) {
        return new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ":" + line + ": " + what);
    }
}
