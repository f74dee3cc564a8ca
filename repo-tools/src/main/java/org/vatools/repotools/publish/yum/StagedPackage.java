package org.vatools.repotools.publish.yum;

import java.nio.file.Path;

/**
 * A package signed into the staging folder.
 *
 * @param entry      its state record, repodata entries and final locations
 * @param stagedRpm  the signed rpm in {@code .vatools/staging/yum/incoming/}
 * @param stagedSeed its seed beside it, or null when it is not an appliance
 */
record StagedPackage(YumPackage entry, Path stagedRpm, Path stagedSeed) {
}
