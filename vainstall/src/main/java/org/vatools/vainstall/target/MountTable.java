package org.vatools.vainstall.target;

import java.util.LinkedHashSet;
import java.util.Set;

/** The mount points listed in a {@code /proc/self/mountinfo} text (proc(5)). */
public final class MountTable {
    private MountTable() {
    }

    /** Mount points, with the kernel's octal escapes (\040 for a blank) decoded. */
    public static Set<String> mountPoints(String mountinfo) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            if (f.length > 4) {
                out.add(unescape(f[4]));
            }
        }
        return out;
    }

    /** Mount points at or below {@code dir}. */
    public static Set<String> under(String mountinfo, String dir) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        Set<String> out = new LinkedHashSet<>();
        for (String m : mountPoints(mountinfo)) {
            if (m.equals(dir) || m.startsWith(prefix)) {
                out.add(m);
            }
        }
        return out;
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
