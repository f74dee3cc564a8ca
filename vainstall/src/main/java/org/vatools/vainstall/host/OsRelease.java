package org.vatools.vainstall.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of {@code /etc/os-release} (os-release(5)): shell-style {@code KEY=value} lines whose
 * values may be double- or single-quoted with backslash escapes in double quotes.
 */
public record OsRelease(String id, List<String> idLike, String versionId, String prettyName) {
    public OsRelease {
        idLike = List.copyOf(idLike);
    }

    public static OsRelease parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            fields.put(l.substring(0, eq), unquote(l.substring(eq + 1)));
        }
        List<String> like = new ArrayList<>();
        for (String s : fields.getOrDefault("ID_LIKE", "").split("\\s+")) {
            if (!s.isEmpty()) {
                like.add(s);
            }
        }
        return new OsRelease(fields.getOrDefault("ID", "linux"), like, fields.getOrDefault("VERSION_ID", ""),
                fields.getOrDefault("PRETTY_NAME", fields.getOrDefault("ID", "Linux")));
    }

    static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            String inner = v.substring(1, v.length() - 1);
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    sb.append(inner.charAt(++i));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
