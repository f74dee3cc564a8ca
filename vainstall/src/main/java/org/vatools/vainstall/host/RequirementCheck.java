package org.vatools.vainstall.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.DistributionRequirement;
import org.vatools.core.descriptor.HostRequirements;

/**
 * Compares {@link HostFacts} with an appliance's {@link HostRequirements} and names every
 * requirement that is not met, not just the first.
 * <p>
 * A distribution matches os-release's {@code ID}; a match through {@code ID_LIKE} counts only when
 * the releases are comparable: when no minimum release is asked, or between RHEL and its rebuilds
 * (rhel, centos, rocky, almalinux, ol), which share release numbers. Ubuntu 22.04 is "like debian"
 * but is not Debian 22, so {@code debian>=12} does not accept it.
 */
public final class RequirementCheck {
    static final Set<String> RHEL_COMPATIBLE = Set.of("rhel", "centos", "rocky", "almalinux", "ol");

    private RequirementCheck() {
    }

    /** Every failed requirement, as a sentence each; empty when the host qualifies. */
    public static List<String> failures(HostRequirements req, HostFacts host) {
        List<String> out = new ArrayList<>();
        if (!req.architectures().isEmpty() && !req.architectures().contains(host.architecture())) {
            out.add("architecture: the host is " + host.architecture() + "; the appliance supports "
                    + String.join(", ", req.architectures()));
        }
        if (!req.distributions().isEmpty() && req.distributions().stream().noneMatch(d -> accepts(d, host.os()))) {
            out.add("distribution: the host runs " + host.os().prettyName() + " (" + host.os().id()
                    + (host.os().versionId().isEmpty() ? "" : " " + host.os().versionId()) + "); the appliance supports "
                    + String.join(", ", req.distributions().stream().map(DistributionRequirement::toString).toList()));
        }
        if (req.memoryBytes() > 0 && host.memoryBytes() < req.memoryBytes()) {
            out.add("memory: the host has " + size(host.memoryBytes()) + "; the appliance needs "
                    + size(req.memoryBytes()));
        }
        if (req.diskBytes() > 0 && host.diskFreeBytes() < req.diskBytes()) {
            out.add("disk: " + size(host.diskFreeBytes()) + " free on /; the appliance needs " + size(req.diskBytes()));
        }
        return out;
    }

    /** Throws HOST_REQUIREMENTS listing every failure. */
    public static void require(String appliance, HostRequirements req, HostFacts host, String where) {
        List<String> f = failures(req, host);
        if (!f.isEmpty()) {
            throw new ApplianceException(ExitCode.HOST_REQUIREMENTS, appliance + " cannot be installed on " + where
                    + ":\n  - " + String.join("\n  - ", f));
        }
    }

    static boolean accepts(DistributionRequirement d, OsRelease os) {
        if (d.id().equals(os.id())) {
            return d.acceptsRelease(os.versionId());
        }
        if (!os.idLike().contains(d.id())) {
            return false;
        }
        if (d.minimum().isEmpty()) {
            return true;
        }
        return RHEL_COMPATIBLE.contains(d.id()) && RHEL_COMPATIBLE.contains(os.id()) && d.acceptsRelease(os.versionId());
    }

    /** 512 MiB, 1.5 GiB: binary units, one decimal. */
    public static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String n = v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
        return n + " " + units[u];
    }
}
