package org.vatools.repotools.build;

import java.util.List;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.Family;
import org.vatools.core.descriptor.PackageLayout;

/**
 * The fields of a .deb's {@code control} file. {@code Installed-Size} is not here: jdeb computes
 * it from the data it writes.
 *
 * @param description the field value: synopsis, then the extended description lines each
 *                    starting with a space (see {@link DescriptionFormatter#debianField})
 */
public record DebControl(String packageName, String version, String maintainer, String section, String priority,
                         String homepage, List<String> depends, List<String> recommends, List<String> provides,
                         List<String> conflicts, List<String> replaces, String description) {
    /** The section of packages that exist to pull in others. */
    public static final String SECTION = "metapackages";
    public static final String PRIORITY = "optional";
    public static final String ARCHITECTURE = "all";

    public DebControl {
        depends = List.copyOf(depends);
        recommends = List.copyOf(recommends);
        provides = List.copyOf(provides);
        conflicts = List.copyOf(conflicts);
        replaces = List.copyOf(replaces);
    }

    public static DebControl of(Appliance appliance) {
        List<String> virtual = List.of(PackageLayout.VIRTUAL_PACKAGE);
        return new DebControl(appliance.name(), appliance.version().debian(), appliance.maintainer(), SECTION,
                PRIORITY, appliance.homepage(), appliance.dependsFor(Family.DEB), appliance.recommendsFor(Family.DEB),
                virtual, virtual, virtual,
                DescriptionFormatter.debianField(appliance.summary(), appliance.description()));
    }

    /** The control file text, one field per line (continuation lines start with a space). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        field(sb, "Package", packageName);
        field(sb, "Version", version);
        field(sb, "Architecture", ARCHITECTURE);
        field(sb, "Maintainer", maintainer);
        field(sb, "Depends", String.join(", ", depends));
        field(sb, "Recommends", String.join(", ", recommends));
        field(sb, "Provides", String.join(", ", provides));
        field(sb, "Conflicts", String.join(", ", conflicts));
        field(sb, "Replaces", String.join(", ", replaces));
        field(sb, "Section", section);
        field(sb, "Priority", priority);
        field(sb, "Homepage", homepage);
        field(sb, "Description", description);
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append(name).append(": ").append(value).append('\n');
        }
    }
}
