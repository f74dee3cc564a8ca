package org.vatools.repotools.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vatools.testkit.Tool;

/**
 * Packages that stand in for the RHEL packages an appliance .rpm requires, which cannot be had on
 * a Debian test host: one empty noarch package, built with rpmbuild, that provides every required
 * capability at a version that satisfies the requirement. rpm's own rpmlib() features are not
 * faked.
 */
final class RpmStandIns {
    private static final Pattern RELATION = Pattern.compile("(\\S+)(?:\\s+(<=|>=|<|>|=)\\s+(\\S+))?");
    private static final Set<String> RICH_WORDS = Set.of("and", "or", "if", "else", "with", "without", "unless");

    private RpmStandIns() {
    }

    /** Capabilities that satisfy {@code rpm -qp --requires} output lines. */
    static List<String> capabilitiesFor(List<String> requires) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : requires) {
            String r = line.strip();
            if (r.isEmpty() || r.startsWith("rpmlib(")) {
                continue;
            }
            if (r.startsWith("(")) {
                String[] words = r.replace("(", " ").replace(")", " ").strip().split("\\s+");
                for (int i = 0; i < words.length; i++) {
                    String w = words[i];
                    if (RICH_WORDS.contains(w) || w.matches("<=|>=|<|>|=")) {
                        continue;
                    }
                    if (i > 0 && words[i - 1].matches("<=|>=|<|>|=")) {
                        continue; // a version
                    }
                    boolean versioned = i + 2 < words.length && words[i + 1].matches("<=|>=|<|>|=");
                    out.add(versioned ? provide(w, words[i + 1], words[i + 2]) : w);
                }
                continue;
            }
            Matcher m = RELATION.matcher(r);
            if (!m.matches()) {
                throw new AssertionError("cannot read requirement '" + line + "'");
            }
            out.add(m.group(2) == null ? m.group(1) : provide(m.group(1), m.group(2), m.group(3)));
        }
        return List.copyOf(out);
    }

    private static String provide(String name, String op, String version) {
        return switch (op) {
            case ">" -> name + " = " + version + ".1";
            case "<" -> name + " = 0";
            default -> name + " = " + version;
        };
    }

    /** Builds {@code name}-1-1.noarch.rpm providing {@code capabilities}, in {@code work}; returns it. */
    static Path build(Path work, String name, List<String> capabilities) {
        RequiredTools.require("rpmbuild");
        try {
            Files.createDirectories(work);
            StringBuilder spec = new StringBuilder();
            spec.append("Name: ").append(name).append("\nVersion: 1\nRelease: 1\n")
                    .append("Summary: Stands in for host packages rpm cannot see on a Debian test host\n")
                    .append("License: MIT\nBuildArch: noarch\n");
            for (String c : capabilities) {
                spec.append("Provides: ").append(c).append('\n');
            }
            spec.append("%description\nEmpty package providing the capabilities of packages that cannot be had.\n")
                    .append("%files\n");
            Path specFile = work.resolve(name + ".spec");
            Files.writeString(specFile, spec);
            Tool.run(List.of("rpmbuild", "-bb", "--quiet", "--define", "_topdir " + work.resolve("top"),
                    "--define", "_rpmdir " + work.resolve("rpms"), specFile.toString()), work, Map.of(), null, 300)
                    .assertSuccess();
            try (Stream<Path> files = Files.walk(work.resolve("rpms"))) {
                List<Path> rpms = new ArrayList<>(files.filter(p -> p.getFileName().toString().startsWith(name + "-"))
                        .toList());
                if (rpms.size() != 1) {
                    throw new AssertionError("rpmbuild made " + rpms + " for " + name);
                }
                return rpms.get(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
