package org.vatools.vainstall.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.vainstall.target.Command;

/**
 * A fake Debian 12 host with a repository: apt-get, apt-cache, dpkg-query, dpkg-deb and
 * debconf-set-selections behave as on a real one for the packages the test offers, and dpkg's
 * state changes when apt-get installs or removes.
 */
public final class AptHost {
    public final FakeTarget target = new FakeTarget();
    /** Installed packages that provide virtual-appliance: name to version. */
    public final Map<String, String> installed = new LinkedHashMap<>();
    /** The stdin of every debconf-set-selections run that stores (not -c). */
    public final List<String> debconf = new ArrayList<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    public int updateExit;
    public String updateStderr = "";
    public int installExit;

    public record Offer(String name, String version, boolean appliance, String descriptor, String seed,
                        Map<String, String> extraFields) {
    }

    public AptHost() {
        target.file("/etc/os-release", Fixtures.DEBIAN_12).file("/proc/meminfo", Fixtures.meminfo(4_000_000));
        target.on(List.of("dpkg", "--version"), 0, "Debian 'dpkg' package management program version 1.21.22\n", "");
        target.on(List.of("dpkg", "--print-architecture"), 0, "amd64\n", "");
        target.on(List.of("df", "-Pk", "/"), 0, Fixtures.df(50_000_000), "");
        target.on(c -> c.argv().equals(List.of("apt-get", "update", "--error-on=any")),
                c -> FakeTarget.result(c, updateExit, new byte[0], updateStderr));
        target.on(c -> c.argv().size() > 3 && c.argv().subList(0, 3).equals(List.of("apt-cache", "show", "--no-all-versions")),
                this::show);
        target.on(c -> c.argv().equals(List.of("apt-cache", "showpkg", PackageLayout.VIRTUAL_PACKAGE)), this::showpkg);
        target.on(c -> c.program().equals("dpkg-query"), this::dpkgQuery);
        target.on(c -> c.argv().size() == 3 && c.argv().subList(0, 2).equals(List.of("apt-get", "download")),
                this::download);
        target.on(c -> c.program().equals("debconf-set-selections"), c -> {
            if (!c.argv().contains("-c")) {
                debconf.add(new String(c.stdin(), StandardCharsets.UTF_8));
            }
            return FakeTarget.result(c, 0, new byte[0], "");
        });
        target.on(c -> c.argv().size() > 2 && c.argv().subList(0, 2).equals(List.of("apt-get", "install")), this::install);
        target.on(c -> c.argv().size() == 4 && c.program().equals("apt-get")
                && (c.argv().get(1).equals("remove") || c.argv().get(1).equals("purge")), c -> {
                    if (c.argv().get(2).equals("-y")) {
                        installed.remove(c.argv().get(3));
                    }
                    return FakeTarget.result(c, 0, ("Remv " + c.argv().get(3) + "\n").getBytes(StandardCharsets.UTF_8), "");
                });
    }

    public AptHost offer(String name) {
        return offer(new Offer(name, "1.0-1", true, Fixtures.descriptor(name), Fixtures.seed(), Map.of()));
    }

    public AptHost offer(Offer o) {
        offers.put(o.name(), o);
        return this;
    }

    public AptHost offerPlain(String name) {
        return offer(new Offer(name, "2.0-1", false, null, null, Map.of()));
    }

    private org.vatools.vainstall.target.Result show(Command c) {
        StringBuilder sb = new StringBuilder();
        for (String n : c.argv().subList(3, c.argv().size())) {
            Offer o = offers.get(n);
            if (o == null) {
                continue;
            }
            sb.append("Package: ").append(o.name()).append("\nVersion: ").append(o.version())
                    .append("\nArchitecture: all\nMaintainer: Tests <tests@example.org>\n");
            if (o.appliance()) {
                sb.append("Provides: virtual-appliance\nConflicts: virtual-appliance\nReplaces: virtual-appliance\n");
            }
            o.extraFields().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
            sb.append("Filename: pool/main/").append(o.name().charAt(0)).append('/').append(o.name()).append('/')
                    .append(o.name()).append('_').append(o.version()).append("_all.deb\n");
            sb.append("Description: ").append(o.appliance() ? "Wiki for the tests" : "a plain package")
                    .append("\n second line of the description\n\n");
        }
        if (sb.length() == 0) {
            return FakeTarget.result(c, 100, new byte[0], "E: No packages found");
        }
        return FakeTarget.result(c, 0, sb.toString().getBytes(StandardCharsets.UTF_8), "");
    }

    private org.vatools.vainstall.target.Result showpkg(Command c) {
        StringBuilder sb = new StringBuilder("Package: virtual-appliance\nVersions: \n\nReverse Depends: \n");
        sb.append("Dependencies: \nProvides: \nReverse Provides: \n");
        for (Offer o : offers.values()) {
            if (o.appliance()) {
                sb.append(o.name()).append(' ').append(o.version()).append(" (= )\n");
            }
        }
        return FakeTarget.result(c, 0, sb.toString().getBytes(StandardCharsets.UTF_8), "");
    }

    private org.vatools.vainstall.target.Result dpkgQuery(Command c) {
        StringBuilder sb = new StringBuilder("ii |bash|5.2.15-2+b7|\nii |apache2|2.4.62-1|httpd, httpd-cgi\n");
        installed.forEach((n, v) -> sb.append("ii |").append(n).append('|').append(v).append("|virtual-appliance\n"));
        return FakeTarget.result(c, 0, sb.toString().getBytes(StandardCharsets.UTF_8), "");
    }

    private org.vatools.vainstall.target.Result download(Command c) {
        String[] nv = c.argv().get(2).split("=", 2);
        Offer o = offers.get(nv[0]);
        if (o == null || !o.version().equals(nv[1])) {
            return FakeTarget.result(c, 100, new byte[0], "E: Version '" + nv[1] + "' for '" + nv[0] + "' was not found");
        }
        Map<String, String> content = new LinkedHashMap<>();
        content.put("/usr/share/doc/" + o.name() + "/copyright", "copyright\n");
        if (o.descriptor() != null) {
            content.put(PackageLayout.descriptorPath(o.name()), o.descriptor());
        }
        if (o.seed() != null) {
            content.put(PackageLayout.seedPath(o.name()), o.seed());
        }
        target.files.put(c.directory() + "/" + o.name() + "_" + o.version() + "_all.deb",
                Fixtures.deb(o.name(), o.version(), content));
        return FakeTarget.result(c, 0, new byte[0], "");
    }

    private org.vatools.vainstall.target.Result install(Command c) {
        String spec = c.argv().get(c.argv().size() - 1);
        String[] nv = spec.split("=", 2);
        if (c.argv().contains("-s")) {
            return FakeTarget.result(c, 0, ("Inst " + nv[0] + " (" + nv[1] + " stable [all])\nConf " + nv[0] + "\n")
                    .getBytes(StandardCharsets.UTF_8), "");
        }
        if (installExit != 0) {
            return FakeTarget.result(c, installExit, new byte[0], "E: Sub-process /usr/bin/dpkg returned an error code (1)");
        }
        installed.clear(); // Conflicts + Replaces: virtual-appliance: apt swaps the appliance
        installed.put(nv[0], nv[1]);
        return FakeTarget.result(c, 0, ("Setting up " + nv[0] + " (" + nv[1] + ") ...\n").getBytes(StandardCharsets.UTF_8), "");
    }
}
