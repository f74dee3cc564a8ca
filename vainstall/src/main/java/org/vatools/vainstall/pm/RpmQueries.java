package org.vatools.vainstall.pm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vatools.core.descriptor.PackageLayout;

/**
 * Argument lists and output readers for {@code rpm -q} and {@code dnf repoquery}, both asked for
 * {@code name|epoch|version|release|arch|summary} lines. dnf 4 ends each line itself, dnf 5 only
 * where the format says so: the format ends in a newline and blank lines are skipped.
 */
public final class RpmQueries {
    static final String RPM_FORMAT = "%{NAME}|%{EPOCHNUM}|%{VERSION}|%{RELEASE}|%{ARCH}|%{SUMMARY}\\n";
    static final String DNF_FORMAT = "%{name}|%{epoch}|%{version}|%{release}|%{arch}|%{summary}\\n";

    private RpmQueries() {
    }

    public static List<String> installedAppliancesArgv() {
        return List.of("rpm", "-q", "--whatprovides", PackageLayout.VIRTUAL_PACKAGE, "--qf", RPM_FORMAT);
    }

    public static List<String> availableAppliancesArgv() {
        return List.of("dnf", "-q", "repoquery", "--whatprovides", PackageLayout.VIRTUAL_PACKAGE, "--latest-limit", "1",
                "--qf", DNF_FORMAT);
    }

    public static List<String> candidateArgv(String name) {
        return List.of("dnf", "-q", "repoquery", "--latest-limit", "1", "--qf", DNF_FORMAT, name);
    }

    /** rpm -q output: installed packages providing virtual-appliance (rpm has no half states we show). */
    public static List<InstalledAppliance> installed(String output) {
        List<InstalledAppliance> out = new ArrayList<>();
        for (Row r : rows(output)) {
            out.add(new InstalledAppliance(r.name(), r.evr(), "installed"));
        }
        return out;
    }

    /** repoquery output as available packages; {@code appliances} says whether they provide virtual-appliance. */
    public static List<AvailablePackage> available(String output, boolean appliances) {
        List<AvailablePackage> out = new ArrayList<>();
        for (Row r : rows(output)) {
            out.add(new AvailablePackage(r.name(), r.evr(), r.arch(), r.summary(),
                    appliances ? List.of(PackageLayout.VIRTUAL_PACKAGE) : List.of(), Map.of()));
        }
        return out;
    }

    record Row(String name, String epoch, String version, String release, String arch, String summary) {
        String evr() {
            boolean epoch0 = epoch.isEmpty() || epoch.equals("0") || epoch.equals("(none)");
            return (epoch0 ? "" : epoch + ":") + version + "-" + release;
        }
    }

    static List<Row> rows(String output) {
        List<Row> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.split("\\|", 6);
            if (f.length < 6 || f[0].isBlank()) {
                continue;
            }
            out.add(new Row(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4].strip(), f[5].strip()));
        }
        return out;
    }
}
