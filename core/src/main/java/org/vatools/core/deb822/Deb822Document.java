package org.vatools.core.deb822;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

/**
 * A whole Deb822 file: any number of paragraphs (a Packages index, a Release file's single
 * paragraph, an APT {@code .sources} file) and the blank lines between them. {@link #text()}
 * returns exactly the text that was parsed, so an unchanged document writes back byte for byte,
 * folded fields keeping their folding.
 */
public final class Deb822Document {
    private final List<Deb822Paragraph> paragraphs;
    private final List<String> separators;

    Deb822Document(List<Deb822Paragraph> paragraphs, List<String> separators) {
        this.paragraphs = List.copyOf(paragraphs);
        this.separators = List.copyOf(separators);
    }

    /** A document of these paragraphs, separated by one empty line. */
    public static Deb822Document of(List<Deb822Paragraph> paragraphs) {
        List<String> separators = new ArrayList<>();
        separators.add("");
        for (int i = 0; i < paragraphs.size(); i++) {
            boolean endsWithNewline = paragraphs.get(i).text().endsWith("\n");
            if (i < paragraphs.size() - 1) {
                separators.add(endsWithNewline ? "\n" : "\n\n");
            } else {
                separators.add(endsWithNewline ? "" : "\n");
            }
        }
        return new Deb822Document(paragraphs, separators);
    }

    /**
     * Parses Deb822 text in which {@code #} lines are not allowed (control files, Packages,
     * Release).
     *
     * @param source the file name used in error messages
     * @throws InvalidInputException listing every malformed line with its number
     */
    public static Deb822Document parse(String text, String source) {
        return Deb822Parser.parseDocument(text, source, false);
    }

    /** As {@link #parse(String, String)}, keeping {@code #} comment lines (APT .sources files). */
    public static Deb822Document parseWithComments(String text, String source) {
        return Deb822Parser.parseDocument(text, source, true);
    }

    /**
     * Parses UTF-8 bytes, refusing bytes that are not UTF-8 (Debian Policy 5.1 requires UTF-8 and
     * a lossy decoding could not be written back exactly).
     */
    public static Deb822Document parse(byte[] utf8, String source) {
        return parse(decodeUtf8(utf8, source), source);
    }

    /** Strict UTF-8 decoding; the error names the line of the first bad byte. */
    public static String decodeUtf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            int bad = firstInvalidUtf8(bytes);
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidInputException(Problem.at(source, line, "not valid UTF-8 (byte 0x"
                    + Integer.toHexString(bytes[bad] & 0xff) + " at offset " + bad + "); control data must be UTF-8"));
        }
    }

    /** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
    private static int firstInvalidUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int n;
            int min2 = 0x80;
            int max2 = 0xbf;
            if (c < 0x80) {
                i++;
                continue;
            } else if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                min2 = c == 0xe0 ? 0xa0 : 0x80;
                max2 = c == 0xed ? 0x9f : 0xbf;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                min2 = c == 0xf0 ? 0x90 : 0x80;
                max2 = c == 0xf4 ? 0x8f : 0xbf;
            } else {
                return i;
            }
            if (i + n >= b.length) {
                return i;
            }
            int second = b[i + 1] & 0xff;
            if (second < min2 || second > max2) {
                return i;
            }
            for (int k = 2; k <= n; k++) {
                if ((b[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return Math.max(0, b.length - 1);
    }

    /** The paragraphs in file order. */
    public List<Deb822Paragraph> paragraphs() {
        return paragraphs;
    }

    /** The document's exact text. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    /** Appends the document's exact text to {@code sb} (for writing large indexes without copies). */
    public void appendTo(StringBuilder sb) {
        sb.append(separators.get(0));
        for (int i = 0; i < paragraphs.size(); i++) {
            paragraphs.get(i).appendTo(sb);
            sb.append(separators.get(i + 1));
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
