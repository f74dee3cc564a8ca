package org.vatools.core.descriptor;

/**
 * An appliance's version: {@code epoch}, upstream {@code version} and packaging {@code release}.
 * The same triple names the .deb ({@code [epoch:]version-release}) and the .rpm (Epoch,
 * Version, Release), so the version must satisfy both policies (no '-' in either part).
 */
public record ApplianceVersion(int epoch, String version, String release) {

    /** Debian's version string: {@code [epoch:]upstream-revision}. */
    public String debian() {
        return (epoch > 0 ? epoch + ":" : "") + version + "-" + release;
    }

    /** The version without epoch, as Debian file names carry it: {@code upstream-revision}. */
    public String debianNoEpoch() {
        return version + "-" + release;
    }

    /** rpm's EVR as {@code rpm -q --qf '%{EVR}'} prints it. */
    public String rpmEvr() {
        return (epoch > 0 ? epoch + ":" : "") + version + "-" + release;
    }

    @Override
    public String toString() {
        return debian();
    }
}
