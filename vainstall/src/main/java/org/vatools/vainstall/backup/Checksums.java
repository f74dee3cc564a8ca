package org.vatools.vainstall.backup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

/**
 * The checksum members, in the format of {@code sha256sum} and {@code sha1sum}: one
 * {@code HEX  NAME} line per member (a {@code *} before the name, binary mode, is accepted), so
 * {@code unzip FILE.abf && sha256sum -c sha256sums} checks a backup by hand.
 */
public final class Checksums {
    private Checksums() {
    }

    public static byte[] write(Map<String, String> hexByMember) {
        StringBuilder sb = new StringBuilder();
        hexByMember.forEach((name, hex) -> sb.append(hex).append("  ").append(name).append('\n'));
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param hexLength 64 for SHA-256, 40 for SHA-1
     * @throws InvalidInputException naming the line of every malformed or repeated entry
     */
    public static Map<String, String> read(byte[] content, String source, int hexLength) {
        Map<String, String> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        String text = new String(content, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                continue;
            }
            if (line.length() < hexLength + 3 || !line.substring(0, hexLength).matches("[0-9a-fA-F]+")
                    || line.charAt(hexLength) != ' ' || (line.charAt(hexLength + 1) != ' '
                    && line.charAt(hexLength + 1) != '*')) {
                problems.add(Problem.at(source, i + 1, "expected '" + "x".repeat(8) + "...  MEMBER' with a "
                        + hexLength + "-digit hex checksum, found '" + abbreviate(line) + "'"));
                continue;
            }
            String name = line.substring(hexLength + 2);
            if (out.put(name, line.substring(0, hexLength).toLowerCase(java.util.Locale.ROOT)) != null) {
                problems.add(Problem.at(source, i + 1, name + " is listed twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
