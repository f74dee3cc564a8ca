package org.vatools.repotools.build;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vatools.core.descriptor.ApplianceVersion;

/**
 * Everything an .rpm is made of; the immutable input of {@link RpmWriter}.
 *
 * @param group     the (deprecated, informational) Group tag
 * @param packager  the Packager tag: the appliance's maintainer
 * @param buildHost the fixed BUILDHOST, so the host name never reaches the package
 * @param buildTime BUILDTIME and the time of every file (SOURCE_DATE_EPOCH)
 */
public record RpmPackage(String name, ApplianceVersion version, String summary, String description, String license,
                         String group, String url, String packager, String buildHost, List<RpmRelation> requires,
                         List<RpmRelation> recommends, List<RpmRelation> provides, List<RpmRelation> conflicts,
                         RpmScriptlets scripts, List<Change> changelog, PackageContents contents, Instant buildTime) {

    /** One %changelog entry: time, "Name <mail> - version", and the text ("- change" lines). */
    public record Change(Instant time, String author, String text) {
    }

    public RpmPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(scripts, "scripts");
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(buildTime, "buildTime");
        requires = List.copyOf(requires);
        recommends = List.copyOf(recommends);
        provides = List.copyOf(provides);
        conflicts = List.copyOf(conflicts);
        changelog = List.copyOf(changelog);
    }

    /** The source package name rpm expects in a binary package's header. */
    public String sourceRpm() {
        return name + "-" + version.version() + "-" + version.release() + ".src.rpm";
    }
}
