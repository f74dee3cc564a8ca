package org.vatools.repotools.build;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /usr/share/doc/NAME/copyright} in the machine-readable format (DEP-5, copyright-format
 * 1.0): the appliance's own files (descriptor, seed, scripts) are the maintainer's work under the
 * descriptor's license. The license text itself is referred to, not copied: for the licenses
 * Debian ships in /usr/share/common-licenses the pointer names that file, for others the SPDX page.
 */
public final class CopyrightFile {
    public static final String FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/";

    /** SPDX identifier (without -only/-or-later/+) to the file in /usr/share/common-licenses. */
    private static final Map<String, String> COMMON_LICENSES = Map.ofEntries(
            Map.entry("Apache-2.0", "Apache-2.0"),
            Map.entry("Artistic-1.0", "Artistic"),
            Map.entry("CC0-1.0", "CC0-1.0"),
            Map.entry("GFDL-1.2", "GFDL-1.2"),
            Map.entry("GFDL-1.3", "GFDL-1.3"),
            Map.entry("GPL-1.0", "GPL-1"),
            Map.entry("GPL-2.0", "GPL-2"),
            Map.entry("GPL-3.0", "GPL-3"),
            Map.entry("LGPL-2.0", "LGPL-2"),
            Map.entry("LGPL-2.1", "LGPL-2.1"),
            Map.entry("LGPL-3.0", "LGPL-3"),
            Map.entry("MPL-1.1", "MPL-1.1"),
            Map.entry("MPL-2.0", "MPL-2.0"));
    private static final Pattern LICENSE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+-]*");
    private static final Set<String> OPERATORS = Set.of("AND", "OR", "WITH");

    private CopyrightFile() {
    }

    /**
     * @param years "2026" or "2024-2026": the years of the appliance's changelog
     */
    public static String text(String name, String maintainer, String license, String years) {
        StringBuilder out = new StringBuilder();
        out.append("Format: ").append(FORMAT).append('\n');
        out.append("Upstream-Name: ").append(name).append('\n');
        out.append("Upstream-Contact: ").append(maintainer).append('\n');
        out.append('\n');
        out.append("Files: *\n");
        out.append("Copyright: ").append(years).append(' ').append(maintainer).append('\n');
        out.append("License: ").append(license).append('\n');
        List<String> pointers = licensePointers(license);
        for (int i = 0; i < pointers.size(); i++) {
            if (i > 0) {
                out.append(" .\n");
            }
            for (String line : DescriptionFormatter.wrap(pointers.get(i), 79, "", "")) {
                out.append(' ').append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** One sentence per license named in the (SPDX) expression, saying where its full text is. */
    static List<String> licensePointers(String expression) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = LICENSE_ID.matcher(expression);
        while (m.find()) {
            String token = m.group();
            if (!OPERATORS.contains(token.toUpperCase(Locale.ROOT))) {
                ids.add(token);
            }
        }
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            String base = id.replaceAll("(-only|-or-later|\\+)$", "");
            String common = COMMON_LICENSES.get(base);
            if (common != null) {
                out.add("On Debian systems, the complete text of " + id + " can be found in"
                        + " /usr/share/common-licenses/" + common + ".");
            } else {
                out.add("The complete text of " + id + " can be found at https://spdx.org/licenses/" + id + ".html.");
            }
        }
        return out;
    }
}
