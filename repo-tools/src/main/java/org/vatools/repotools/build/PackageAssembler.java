package org.vatools.repotools.build;

import java.time.Instant;
import java.util.List;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.ChangelogEntry;
import org.vatools.core.descriptor.Family;
import org.vatools.core.descriptor.PackageLayout;

/** Turns an appliance and its sources into the input of {@link DebWriter} or {@link RpmWriter}. */
public final class PackageAssembler {
    /** The rpm Group tag of every appliance (informational; rpm no longer uses it). */
    public static final String RPM_GROUP = "Applications/System";
    /** BUILDHOST of every .rpm, so the machine that built it never shows. */
    public static final String RPM_BUILD_HOST = "reproducible";

    private PackageAssembler() {
    }

    public static DebPackage deb(Appliance appliance, ApplianceSources sources, Instant time) {
        PackageContents contents = PackageContents.plan(appliance, sources, Family.DEB, time);
        DebMaintainerScripts scripts = MaintainerScriptGenerator.deb(appliance.name(), appliance.version(),
                sources.steps());
        return new DebPackage(DebControl.of(appliance), contents, scripts, time);
    }

    public static RpmPackage rpm(Appliance appliance, ApplianceSources sources, Instant time) {
        PackageContents contents = PackageContents.plan(appliance, sources, Family.RPM, time);
        RpmScriptlets scripts = MaintainerScriptGenerator.rpm(appliance.name(), appliance.version(), sources.steps());
        List<RpmRelation> virtual = List.of(RpmRelation.of(PackageLayout.VIRTUAL_PACKAGE));
        return new RpmPackage(appliance.name(), appliance.version(), appliance.summary().strip(),
                DescriptionFormatter.rpm(appliance.description()), appliance.license(), RPM_GROUP,
                appliance.homepage(), appliance.maintainer(), RPM_BUILD_HOST,
                appliance.dependsFor(Family.RPM).stream().map(RpmRelation::parse).toList(),
                appliance.recommendsFor(Family.RPM).stream().map(RpmRelation::parse).toList(),
                virtual, virtual, scripts, rpmChangelog(appliance, time), contents, time);
    }

    /** %changelog entries: newest first, "- change" lines. */
    static List<RpmPackage.Change> rpmChangelog(Appliance appliance, Instant time) {
        return PackageContents.changelog(appliance, time).stream()
                .map(e -> new RpmPackage.Change(e.date(), appliance.maintainer() + " - " + e.version(), text(e)))
                .toList();
    }

    private static String text(ChangelogEntry e) {
        StringBuilder sb = new StringBuilder();
        for (String change : e.changes()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(String.join("\n", DescriptionFormatter.wrap(change.strip(), 79, "- ", "  ")));
        }
        return sb.toString();
    }
}
