package org.vatools.vainstall.pm;

import java.util.ArrayList;
import java.util.List;
import org.vatools.core.descriptor.PackageLayout;

/**
 * {@code dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Version}|${Provides}\n'}: what dpkg
 * has installed and what each package provides. Appliances are the packages that provide
 * {@value PackageLayout#VIRTUAL_PACKAGE}.
 */
public final class DpkgQuery {
    public static final String FORMAT = "${db:Status-Abbrev}|${Package}|${Version}|${Provides}\\n";

    private DpkgQuery() {
    }

    public static List<String> argv() {
        return List.of("dpkg-query", "-W", "-f=" + FORMAT);
    }

    public static List<InstalledAppliance> appliances(String output) {
        List<InstalledAppliance> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length < 4 || f[0].length() < 2) {
                continue;
            }
            if (!Relations.names(f[3]).contains(PackageLayout.VIRTUAL_PACKAGE)) {
                continue;
            }
            String state = state(f[0].charAt(1));
            if (state.equals("not-installed")) {
                continue;
            }
            out.add(new InstalledAppliance(f[1], f[2], state));
        }
        return out;
    }

    /** The second letter of db:Status-Abbrev (dpkg-query(1)). */
    static String state(char c) {
        return switch (c) {
            case 'i' -> "installed";
            case 'c' -> "config-files";
            case 'H' -> "half-installed";
            case 'U' -> "unpacked";
            case 'F' -> "half-configured";
            case 'W' -> "triggers-awaited";
            case 't' -> "triggers-pending";
            default -> "not-installed";
        };
    }
}
