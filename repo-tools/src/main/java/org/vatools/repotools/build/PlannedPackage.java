package org.vatools.repotools.build;

import java.io.IOException;
import java.nio.file.Path;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.Family;

/**
 * A package that is fully planned in memory (contents, scripts, metadata) and only waits to be
 * written: a build plans every package before it writes the first one, so bad input stops it
 * before anything is written.
 */
public sealed interface PlannedPackage permits PlannedPackage.Deb, PlannedPackage.Rpm {
    Appliance appliance();

    Family family();

    /** The file name the package gets (see {@link PackageFileNames}). */
    default String fileName() {
        return PackageFileNames.of(family(), appliance().name(), appliance().version());
    }

    BuiltPackage writeInto(PackageBuilder builder, Path outputFolder) throws IOException;

    record Deb(Appliance appliance, DebPackage pkg) implements PlannedPackage {
        @Override
        public Family family() {
            return Family.DEB;
        }

        @Override
        public BuiltPackage writeInto(PackageBuilder builder, Path outputFolder) throws IOException {
            return builder.write(pkg, outputFolder.resolve(fileName()));
        }
    }

    record Rpm(Appliance appliance, RpmPackage pkg) implements PlannedPackage {
        @Override
        public Family family() {
            return Family.RPM;
        }

        @Override
        public BuiltPackage writeInto(PackageBuilder builder, Path outputFolder) throws IOException {
            return builder.write(pkg, outputFolder.resolve(fileName()));
        }
    }

    /** Plans the package of {@code appliance} for {@code family}. */
    static PlannedPackage plan(Appliance appliance, ApplianceSources sources, Family family,
                               java.time.Instant time) {
        return switch (family) {
            case DEB -> new Deb(appliance, PackageAssembler.deb(appliance, sources, time));
            case RPM -> new Rpm(appliance, PackageAssembler.rpm(appliance, sources, time));
        };
    }
}
