package org.vatools.repotools.publish.yum;

import java.util.List;
import java.util.Objects;
import org.vatools.core.pkg.rpm.RpmEvr;

/**
 * One published package as the repository state keeps it: everything needed to write the
 * repodata again without reading the package (its primary, filelists and other entries, ready
 * to concatenate), and what the publisher decides with (identity, content, signers, seed).
 *
 * @param pkgid        SHA-256 of the published (signed) rpm
 * @param name         NAME
 * @param arch         ARCH
 * @param epoch        EPOCH digits, {@code ""} when the package has none
 * @param version      VERSION
 * @param release      RELEASE
 * @param href         location relative to {@code yum/}: {@code packages/<name>-<version>-<release>.<arch>.rpm}
 * @param size         size of the published rpm
 * @param headerSha256 SHA-256 of the main header: the package's content, whoever signed it
 * @param signers      fingerprints of the keys whose header signatures the published rpm carries
 * @param fileTime     when the package was added (primary.xml's time file; the file's mtime)
 * @param seed         the appliance seed published beside it, or null for other packages
 * @param primary      the package's primary.xml entry
 * @param filelists    the package's filelists.xml entry
 * @param other        the package's other.xml entry
 */
record YumPackage(String pkgid, String name, String arch, String epoch, String version, String release, String href,
                  long size, String headerSha256, List<String> signers, long fileTime, Seed seed, String primary,
                  String filelists, String other) {

    YumPackage {
        signers = List.copyOf(signers);
        Objects.requireNonNull(primary);
        Objects.requireNonNull(filelists);
        Objects.requireNonNull(other);
    }

    /**
     * An appliance's seed as published beside its package.
     *
     * @param href   location relative to {@code yum/}: {@code packages/<name>-<version>-<release>.seed}
     * @param sha256 SHA-256 of the seed file
     * @param size   its size in bytes
     */
    record Seed(String href, String sha256, long size) {
    }

    RpmEvr evr() {
        return new RpmEvr(epoch, version, release);
    }

    /** {@code [epoch:]version-release}, as rpm prints it. */
    String evrString() {
        return evr().toString();
    }

    /** What identifies a package in the repository: name, arch and version (a missing epoch is epoch 0). */
    Key key() {
        return new Key(name, arch, epoch.isEmpty() ? "0" : epoch, version, release);
    }

    /** {@code name-[epoch:]version-release.arch}, for messages. */
    String nevra() {
        return name + "-" + evrString() + "." + arch;
    }

    /** Name, arch and epoch-version-release. */
    record Key(String name, String arch, String epoch, String version, String release) {
        @Override
        public String toString() {
            return name + "-" + ("0".equals(epoch) ? "" : epoch + ":") + version + "-" + release + "." + arch;
        }
    }
}
