package org.vatools.repotools.publish.yum;

/**
 * XML escaping exactly as createrepo_c's output has it (libxml2's serializer without a document
 * encoding): in text, {@code < > &} and carriage return are escaped and everything else is written
 * as UTF-8; in attribute values, also {@code "}, line feed and tab, and every character beyond
 * ASCII becomes a hexadecimal character reference ({@code &#xFC;}). Characters that XML 1.0 does
 * not allow at all (control characters other than tab, line feed and carriage return; U+FFFE,
 * U+FFFF; unpaired surrogates) are left out, since no XML parser would read the file otherwise.
 */
final class Xml {
    private Xml() {
    }

    static StringBuilder text(StringBuilder out, String s) {
        if (plain(s, false)) {
            return out.append(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (allowed(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out;
    }

    static StringBuilder attribute(StringBuilder out, String s) {
        if (plain(s, true)) {
            return out.append(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append("&#10;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c < 0x80) {
                        if (allowed(c)) {
                            out.append(c);
                        }
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        hexReference(out, Character.toCodePoint(c, s.charAt(++i)));
                    } else if (allowed(c)) {
                        hexReference(out, c);
                    }
                }
            }
        }
        return out;
    }

    /** True when {@code s} needs no escaping: printable ASCII (and, in text, tab, line feed and non-ASCII). */
    private static boolean plain(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                if (c == '<' || c == '>' || c == '&' || (attribute && c == '"')) {
                    return false;
                }
            } else if (attribute || c < 0x20 && c != '\t' && c != '\n' || c >= 0xD800) {
                return false;
            }
        }
        return true;
    }

    private static void hexReference(StringBuilder out, int codePoint) {
        out.append("&#x").append(Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT)).append(';');
    }

    /** XML 1.0 Char, for one UTF-16 unit that is not half of a valid surrogate pair. */
    private static boolean allowed(char c) {
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        return !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF;
    }
}
