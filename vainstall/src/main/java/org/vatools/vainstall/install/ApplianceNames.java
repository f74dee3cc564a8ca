package org.vatools.vainstall.install;

import java.util.List;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.yaml.NodeReader;
import org.vatools.vainstall.pm.AvailablePackage;
import org.vatools.vainstall.pm.PackageManager;

/** Turns a name into the appliance the repositories offer, or a refusal with a "did you mean". */
public final class ApplianceNames {
    private ApplianceNames() {
    }

    /** Package names both families accept (letters, digits, '.', '+', '-', '_'), not starting with '-'. */
    public static String requireValidName(String name) {
        if (!name.matches("[A-Za-z0-9_+][A-Za-z0-9._+-]*")) {
            throw new ApplianceException(ExitCode.USAGE, "'" + name + "' is not a package name");
        }
        return name;
    }

    /** The candidate for {@code name}; NOT_FOUND when it is missing or not an appliance. */
    public static AvailablePackage resolve(PackageManager pm, String name, String where) {
        requireValidName(name);
        Optional<AvailablePackage> candidate = pm.candidate(name);
        if (candidate.isPresent() && candidate.get().isAppliance()) {
            return candidate.get();
        }
        List<String> available = pm.availableAppliances().stream().map(AvailablePackage::name).sorted().toList();
        String what = candidate.isPresent()
                ? name + " is a package but not an appliance (it does not provide virtual-appliance)"
                : "no appliance named " + name + " in the repositories configured on " + where;
        throw new ApplianceException(ExitCode.NOT_FOUND, what + didYouMean(name, available) + listing(available));
    }

    static String didYouMean(String name, List<String> available) {
        for (String a : available) {
            if (a.startsWith(name + "-") || a.equals(name + "-appliance")) {
                return "; did you mean '" + a + "'?";
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : available) {
            int d = NodeReader.editDistance(name, a);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    static String listing(List<String> available) {
        if (available.isEmpty()) {
            return "\nThe configured repositories offer no appliances: add one with 'vainstall add-repo URL"
                    + " --keyring FILE' (and let vainstall update the package lists)";
        }
        return "\nAvailable appliances: " + String.join(", ", available);
    }
}
