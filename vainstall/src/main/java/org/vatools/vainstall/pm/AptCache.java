package org.vatools.vainstall.pm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads what {@code apt-cache showpkg} and {@code apt-cache show} print. */
public final class AptCache {
    private AptCache() {
    }

    /** The "Reverse Provides:" section of {@code apt-cache showpkg VIRTUAL}: the providers' names. */
    public static List<String> reverseProvides(String showpkg) {
        Set<String> names = new LinkedHashSet<>();
        boolean in = false;
        for (String line : showpkg.split("\n")) {
            if (line.startsWith("Reverse Provides:")) {
                in = true;
                continue;
            }
            if (in) {
                if (line.isBlank() || line.matches("^[A-Z][A-Za-z ]*:.*")) {
                    in = false;
                    continue;
                }
                String name = line.strip().split("\\s+", 2)[0];
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** The candidates {@code apt-cache show --no-all-versions} printed, one per stanza. */
    public static List<AvailablePackage> packages(String show) {
        List<AvailablePackage> out = new ArrayList<>();
        for (Map<String, String> s : ControlStanzas.parse(show)) {
            String name = s.get("Package");
            String version = s.get("Version");
            if (name == null || version == null) {
                continue;
            }
            String description = s.getOrDefault("Description", "");
            String summary = description.lines().findFirst().orElse("");
            out.add(new AvailablePackage(name, version, s.getOrDefault("Architecture", ""), summary,
                    ControlStanzas.relationNames(s.get("Provides")), s));
        }
        return out;
    }
}
