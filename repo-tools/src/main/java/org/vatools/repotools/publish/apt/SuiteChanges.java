package org.vatools.repotools.publish.apt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pkg.deb.DebianVersion;
import org.vatools.repotools.publish.PublishRequest.Removal;

/**
 * What a publish does to a suite's package list, decided before anything is written: removals
 * (--remove) apply to what the suite held; then each new package is added, unless the suite holds
 * the same name, version and architecture: identical content is left as it is, other content is a
 * CONFLICT (as reprepro refuses it) unless {@code replace}; then {@code keepVersions} keeps the
 * newest N versions of each name and architecture.
 */
public final class SuiteChanges {
    private SuiteChanges() {
    }

    /** A package given to this publish. {@code input} indexes the list of read inputs. */
    public record Candidate(int input, String component, String name, String version, String architecture,
                            String sha256, String source) {
        AptEntry.Key key() {
            return new AptEntry.Key(component, name, DebianVersion.parse(version).toString(), architecture);
        }

        String describe() {
            return name + "_" + version + "_" + architecture;
        }
    }

    /**
     * @param kept       entries the suite keeps
     * @param added      packages to add (to be placed in the pool)
     * @param removed    entries taken out (removed, replaced or beyond keepVersions)
     * @param unchanged  packages given again with identical content
     * @param unmatched  removals that matched nothing
     */
    public record Result(List<AptEntry> kept, List<Candidate> added, List<AptEntry> removed, List<String> unchanged,
                         List<String> unmatched) {
    }

    public static Result apply(List<AptEntry> current, List<Candidate> candidates, List<Removal> removals,
                               int keepVersions, boolean replace) {
        Map<AptEntry.Key, AptEntry> kept = new LinkedHashMap<>();
        List<AptEntry> removed = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (AptEntry e : current) {
            kept.put(e.key(), e);
        }
        for (Removal r : removals) {
            String version = r.version() == null ? null : normalize(r.version(), r.toString());
            List<AptEntry.Key> matches = kept.values().stream()
                    .filter(e -> e.name().equals(r.name())
                            && (version == null || e.debianVersion().toString().equals(version)))
                    .map(AptEntry::key).toList();
            if (matches.isEmpty()) {
                unmatched.add(r.toString());
            }
            for (AptEntry.Key k : matches) {
                removed.add(kept.remove(k));
            }
        }
        Map<AptEntry.Key, Candidate> added = new LinkedHashMap<>();
        List<String> unchanged = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Candidate c : candidates) {
            AptEntry.Key key = c.key();
            Candidate twin = added.get(key);
            if (twin != null) {
                if (!twin.sha256().equals(c.sha256())) {
                    conflicts.add(c.source() + " and " + twin.source() + " are both " + c.describe()
                            + " but their content differs; give one of them");
                }
                continue;
            }
            AptEntry existing = kept.get(key);
            if (existing != null) {
                if (existing.sha256().equals(c.sha256())) {
                    unchanged.add(c.describe());
                    continue;
                }
                if (!replace) {
                    conflicts.add(c.source() + ": " + c.describe() + " is already published with other content"
                            + " (" + existing.filename() + ", SHA256 " + existing.sha256() + "); raise the version,"
                            + " or give --replace to publish the new content under the same version");
                    continue;
                }
                removed.add(kept.remove(key));
            }
            added.put(key, c);
        }
        if (!conflicts.isEmpty()) {
            throw new ApplianceException(ExitCode.CONFLICT, String.join("\n", conflicts));
        }
        if (keepVersions > 0) {
            prune(kept, added, removed, keepVersions);
        }
        return new Result(new ArrayList<>(kept.values()), new ArrayList<>(added.values()), removed, unchanged,
                unmatched);
    }

    private static void prune(Map<AptEntry.Key, AptEntry> kept, Map<AptEntry.Key, Candidate> added,
                              List<AptEntry> removed, int keep) {
        Map<String, List<AptEntry.Key>> groups = new LinkedHashMap<>();
        for (AptEntry.Key k : kept.keySet()) {
            groups.computeIfAbsent(k.component() + " " + k.name() + " " + k.architecture(), g -> new ArrayList<>()).add(k);
        }
        for (AptEntry.Key k : added.keySet()) {
            groups.computeIfAbsent(k.component() + " " + k.name() + " " + k.architecture(), g -> new ArrayList<>()).add(k);
        }
        for (List<AptEntry.Key> keys : groups.values()) {
            if (keys.size() <= keep) {
                continue;
            }
            keys.sort(Comparator.comparing((AptEntry.Key k) -> DebianVersion.parse(k.version())).reversed());
            for (AptEntry.Key k : keys.subList(keep, keys.size())) {
                AptEntry e = kept.remove(k);
                if (e != null) {
                    removed.add(e);
                }
                added.remove(k);
            }
        }
    }

    private static String normalize(String version, String what) {
        try {
            return DebianVersion.parse(version).toString();
        } catch (IllegalArgumentException e) {
            throw new ApplianceException(ExitCode.USAGE, "--remove " + what + ": " + e.getMessage());
        }
    }
}
