package org.vatools.repotools.build;

import org.vatools.core.descriptor.ApplianceVersion;
import org.vatools.core.descriptor.Family;

/**
 * The names of built packages, as the distributions' tools name them; the epoch is never part of
 * a file name: {@code NAME_VERSION-RELEASE_all.deb} and {@code NAME-VERSION-RELEASE.noarch.rpm}.
 */
public final class PackageFileNames {
    private PackageFileNames() {
    }

    public static String of(Family family, String name, ApplianceVersion version) {
        return switch (family) {
            case DEB -> name + "_" + version.debianNoEpoch() + "_" + DebControl.ARCHITECTURE + ".deb";
            case RPM -> name + "-" + version.version() + "-" + version.release() + "." + RpmWriter.ARCHITECTURE + ".rpm";
        };
    }
}
