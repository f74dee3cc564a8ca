package org.vatools.core.pkg;

import java.util.Map;
import java.util.Optional;

/**
 * What a .deb ({@link org.vatools.core.pkg.deb.DebPackage}) and an rpm
 * ({@link org.vatools.core.pkg.rpm.RpmPackage}) have in common, for code that handles either.
 */
public interface BinaryPackage {

    /** The file name the package was read from, as given to the reader. */
    String source();

    /** The package name: the .deb's {@code Package} field, the rpm's NAME. */
    String name();

    /** The .deb's {@code Version} field, or the rpm's {@code [epoch:]version-release}. */
    String fullVersion();

    /** {@code all}/{@code amd64} for a .deb, {@code noarch}/{@code x86_64} for an rpm. */
    String architecture();

    /** Size and digests of the whole file, computed while it was read. */
    FileDigests digests();

    /** A copy of an extracted payload file (see {@link ReadOptions#extract()}); empty if absent. */
    Optional<byte[]> extractedFile(String path);

    /** Copies of every extracted payload file by normalized absolute path. */
    Map<String, byte[]> extractedFiles();
}
