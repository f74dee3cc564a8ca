package org.vatools.repotools.publish.yum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vatools.core.descriptor.PackagePolicy;
import org.vatools.core.pkg.rpm.RpmDependency;
import org.vatools.core.pkg.rpm.RpmFile;
import org.vatools.core.pkg.rpm.RpmHeader;
import org.vatools.core.pkg.rpm.RpmPackage;
import org.vatools.core.pkg.rpm.RpmType;

/**
 * A package's dependency lists as createrepo_c (0.17, with its legacy weak dependencies) puts
 * them into primary.xml, so that dnf resolves our repository as it resolves any other:
 * <ul>
 * <li>requires leave out {@code rpmlib(...)}, files the package itself contains that primary.xml
 *     lists, requirements the package provides itself (same name, comparison and version), and a
 *     repeat of the entry before it with the same name, comparison, version and pre flag;
 * <li>{@code pre="1"} marks Requires(pre), Requires(post) and PreReq;
 * <li>of the {@code libc.so.6} requirements only the highest version stays, last in the list;
 * <li>requires with RPMSENSE_MISSINGOK (old-style weak ones) become recommends, and the old
 *     suggests/enhances tags (1156-1161) become suggests or recommends, enhances or supplements
 *     by RPMSENSE_STRONG;
 * <li>a comparison is written only for LT, GT, EQ, LE and GE; its version is split at the first
 *     ':' and the first '-', epoch 0 when none; a dependency whose epoch is not a number is left out.
 * </ul>
 */
final class RepodataDependencies {
    static final int MISSINGOK = RpmDependency.MISSINGOK;
    static final int STRONG = 1 << 27;
    static final int OLD_SUGGESTS_NAME = 1156;
    static final int OLD_SUGGESTS_VERSION = 1157;
    static final int OLD_SUGGESTS_FLAGS = 1158;
    static final int OLD_ENHANCES_NAME = 1159;
    static final int OLD_ENHANCES_VERSION = 1160;
    static final int OLD_ENHANCES_FLAGS = 1161;

    /** One {@code rpm:entry}: flags null for an unversioned one; epoch, ver, rel null when absent. */
    record Entry(String name, String flags, String epoch, String ver, String rel, boolean pre) {
    }

    final List<Entry> provides = new ArrayList<>();
    final List<Entry> conflicts = new ArrayList<>();
    final List<Entry> obsoletes = new ArrayList<>();
    final List<Entry> requires = new ArrayList<>();
    final List<Entry> suggests = new ArrayList<>();
    final List<Entry> enhances = new ArrayList<>();
    final List<Entry> recommends = new ArrayList<>();
    final List<Entry> supplements = new ArrayList<>();

    private RepodataDependencies() {
    }

    static RepodataDependencies of(RpmPackage rpm) {
        RepodataDependencies d = new RepodataDependencies();
        Set<String> provided = new HashSet<>();
        for (RpmDependency p : rpm.provides()) {
            Entry e = entry(p, false);
            if (e != null) {
                d.provides.add(e);
                provided.add(nfv(p));
            }
        }
        addAll(d.conflicts, rpm.conflicts());
        addAll(d.obsoletes, rpm.obsoletes());

        Set<String> files = new HashSet<>();
        for (RpmFile f : rpm.files()) {
            files.add(f.path());
        }
        record Last(String flags, String version, boolean pre) {
        }
        Map<String, Last> last = new HashMap<>();
        Entry libc = null;
        for (RpmDependency r : rpm.requires()) {
            String name = r.name();
            if (name.startsWith("rpmlib(")) {
                continue;
            }
            if (name.startsWith("/") && files.contains(name) && RepodataXml.isPrimaryFile(name)) {
                continue;
            }
            if (provided.contains(nfv(r))) {
                continue;
            }
            boolean pre = r.pre();
            String flags = flags(r.flags());
            Last previous = last.get(name);
            if (previous != null && Objects.equals(previous.flags, flags) && previous.version.equals(r.version())
                    && previous.pre == pre) {
                continue;
            }
            Entry e = entry(r, pre);
            if (e == null) {
                continue;
            }
            if ((r.flags() & MISSINGOK) != 0) {
                d.recommends.add(new Entry(e.name, e.flags, e.epoch, e.ver, e.rel, false));
                continue;
            }
            if (name.startsWith("libc.so.6")) {
                if (libc == null || compareLibc(libc.name, name) == 2) {
                    libc = e;
                }
                continue;
            }
            d.requires.add(e);
            last.put(name, new Last(flags, r.version(), pre));
        }
        if (libc != null) {
            d.requires.add(libc);
        }
        addAll(d.suggests, rpm.suggests());
        addAll(d.enhances, rpm.enhances());
        addAll(d.recommends, rpm.recommends());
        addAll(d.supplements, rpm.supplements());
        for (RpmDependency old : legacy(rpm.header(), OLD_SUGGESTS_NAME, OLD_SUGGESTS_FLAGS, OLD_SUGGESTS_VERSION)) {
            Entry e = entry(old, false);
            if (e != null) {
                ((old.flags() & STRONG) != 0 ? d.recommends : d.suggests).add(e);
            }
        }
        for (RpmDependency old : legacy(rpm.header(), OLD_ENHANCES_NAME, OLD_ENHANCES_FLAGS, OLD_ENHANCES_VERSION)) {
            Entry e = entry(old, false);
            if (e != null) {
                ((old.flags() & STRONG) != 0 ? d.supplements : d.enhances).add(e);
            }
        }
        return d;
    }

    private static void addAll(List<Entry> to, List<RpmDependency> from) {
        for (RpmDependency dep : from) {
            Entry e = entry(dep, false);
            if (e != null) {
                to.add(e);
            }
        }
    }

    /** The old-style weak dependency tags, when all three are present (createrepo_c needs all three). */
    private static List<RpmDependency> legacy(RpmHeader h, int nameTag, int flagsTag, int versionTag) {
        if (!h.has(nameTag) || !h.has(flagsTag) || !h.has(versionTag)) {
            return List.of();
        }
        Optional<List<String>> names = h.texts(nameTag);
        Optional<long[]> flags = h.type(flagsTag).filter(t -> t == RpmType.INT32).flatMap(t -> h.numbers(flagsTag));
        Optional<List<String>> versions = h.texts(versionTag);
        if (names.isEmpty() || flags.isEmpty() || versions.isEmpty()) {
            return List.of();
        }
        int n = Math.min(names.get().size(), Math.min(flags.get().length, versions.get().size()));
        List<RpmDependency> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new RpmDependency(names.get().get(i), (int) flags.get()[i], versions.get().get(i)));
        }
        return Collections.unmodifiableList(result);
    }

    /** createrepo_c's flag names: only the comparison bits, and only the five valid comparisons. */
    static String flags(int flags) {
        return switch (flags & 0xf) {
            case 2 -> "LT";
            case 4 -> "GT";
            case 8 -> "EQ";
            case 10 -> "LE";
            case 12 -> "GE";
            default -> null;
        };
    }

    /** Name, flags and version run together: how createrepo_c recognises a requirement the package provides. */
    private static String nfv(RpmDependency d) {
        String f = flags(d.flags());
        return d.name() + (f == null ? "" : f) + d.version();
    }

    /** The entry, or null when the version has an epoch that is not a number (createrepo_c skips those). */
    private static Entry entry(RpmDependency d, boolean pre) {
        String flags = flags(d.flags());
        String v = d.version();
        if (v.isEmpty()) {
            return new Entry(d.name(), flags, null, null, null, pre);
        }
        String epoch = "0";
        String rest = v;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            String prefix = v.substring(0, colon);
            if (!prefix.isEmpty()) {
                if (!prefix.matches("[ \\t\\n\\x0B\\f\\r]*[+-]?[0-9]+")) {
                    return null;
                }
                epoch = prefix;
            }
            rest = v.substring(colon + 1);
        }
        int dash = rest.indexOf('-');
        String ver = dash >= 0 ? rest.substring(0, dash) : rest;
        String rel = dash >= 0 && dash + 1 < rest.length() ? rest.substring(dash + 1) : null;
        return new Entry(d.name(), flags, epoch, ver, rel, pre);
    }

    /**
     * createrepo_c's comparison of two {@code libc.so.6(...)} names: 2 when the second is higher,
     * by the first number inside the first parentheses, compared as rpm compares versions.
     */
    static int compareLibc(String a, String b) {
        int o1 = a.indexOf('(');
        int o2 = b.indexOf('(');
        if (o1 < 0 && o2 < 0) {
            return 0;
        }
        if (o1 < 0) {
            return 2;
        }
        if (o2 < 0) {
            return 1;
        }
        int c1 = a.indexOf(')', o1);
        int c2 = b.indexOf(')', o2);
        if (c1 < 0 && c2 < 0) {
            return -1;
        }
        if (c1 < 0) {
            return 2;
        }
        if (c2 < 0) {
            return 1;
        }
        int v1 = o1 + 1;
        int v2 = o2 + 1;
        if (v1 == c1 && v2 == c2) {
            return 0;
        }
        if (v1 == c1) {
            return 2;
        }
        if (v2 == c2) {
            return 1;
        }
        while (v1 < a.length() && (a.charAt(v1) < '0' || a.charAt(v1) > '9')) {
            v1++;
        }
        while (v2 < b.length() && (b.charAt(v2) < '0' || b.charAt(v2) > '9')) {
            v2++;
        }
        if (v1 > c1 && v2 > c2) {
            return 0;
        }
        if (v1 > c1) {
            return 2;
        }
        if (v2 > c2) {
            return 1;
        }
        int cmp = Integer.signum(PackagePolicy.compareRpmVersions("0:" + a.substring(v1, c1), "0:" + b.substring(v2, c2)));
        return cmp == -1 ? 2 : cmp;
    }
}
