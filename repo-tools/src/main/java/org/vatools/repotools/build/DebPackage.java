package org.vatools.repotools.build;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a .deb is made of; the immutable input of {@link DebWriter}.
 *
 * @param modificationTime the time of every member and entry (SOURCE_DATE_EPOCH)
 */
public record DebPackage(DebControl control, PackageContents contents, DebMaintainerScripts scripts,
                         Instant modificationTime) {
    public DebPackage {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(scripts, "scripts");
        Objects.requireNonNull(modificationTime, "modificationTime");
    }
}
