package org.vatools.vainstall.pm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vatools.core.deb822.Deb822Document;
import org.vatools.core.deb822.Deb822Paragraph;

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

    /** The candidates {@code apt-cache show --no-all-versions} printed, one per paragraph. */
    public static List<AvailablePackage> packages(String show) {
        List<AvailablePackage> out = new ArrayList<>();
        for (Deb822Paragraph p : Deb822Document.parse(show, "apt-cache show").paragraphs()) {
            Optional<String> name = p.get("Package");
            Optional<String> version = p.get("Version");
            if (name.isEmpty() || version.isEmpty()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String f : p.names()) {
                fields.put(f, p.get(f).orElse(""));
            }
            String summary = p.get("Description").orElse("").lines().findFirst().orElse("").strip();
            out.add(new AvailablePackage(name.get(), version.get(), p.get("Architecture").orElse(""), summary,
                    Relations.names(p.get("Provides").orElse("")), fields));
        }
        return out;
    }
}
