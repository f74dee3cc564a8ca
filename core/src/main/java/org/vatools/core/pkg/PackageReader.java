package org.vatools.core.pkg;

import java.io.IOException;
import java.nio.file.Path;
import org.vatools.core.pkg.deb.DebReader;
import org.vatools.core.pkg.rpm.RpmReader;

/** Reads a .deb or an rpm, whichever {@code file} is (by content, see {@link PackageFormat#detect}). */
public final class PackageReader {
    private PackageReader() {
    }

    /**
     * Reads the package in one pass.
     *
     * @throws org.vatools.core.InvalidInputException if the file is not a valid .deb or rpm
     * @throws IOException                            if the file cannot be read
     */
    public static BinaryPackage read(Path file, ReadOptions options) throws IOException {
        return switch (PackageFormat.detect(file)) {
            case DEB -> DebReader.read(file, options);
            case RPM -> RpmReader.read(file, options);
        };
    }
}
