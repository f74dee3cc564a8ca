package org.vatools.vainstall.pm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses deb822 text as {@code apt-cache show} prints it: {@code Field: value} lines, continuation
 * lines starting with a blank, stanzas separated by empty lines. Field names are case-insensitive.
 */
public final class ControlStanzas {
    private ControlStanzas() {
    }

    public static List<Map<String, String>> parse(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = null;
        String last = null;
        for (String line : text.split("\n", -1)) {
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                current = null;
                last = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && current != null && last != null) {
                current.put(last, current.get(last) + "\n" + line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // not a field: apt's own notes ("N: ...") never reach stdout, but be lenient
            }
            if (current == null) {
                current = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                out.add(current);
            }
            last = line.substring(0, colon);
            current.put(last, line.substring(colon + 1).strip());
        }
        return out;
    }

    /** Package names in a relation field such as Provides: {@code a (= 1), b, virtual-appliance}. */
    public static List<String> relationNames(String field) {
        List<String> out = new ArrayList<>();
        if (field == null || field.isBlank()) {
            return out;
        }
        for (String part : field.split(",")) {
            for (String alt : part.split("\\|")) {
                String name = alt.strip().split("[\\s(:]", 2)[0];
                if (!name.isEmpty()) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
