package org.vatools.repotools.publish.yum;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pkg.rpm.RpmEvr;
import org.vatools.repotools.publish.PublishOptions;
import org.vatools.repotools.publish.PublishRequest;
import org.vatools.repotools.publish.PublishSummary;

/**
 * What one publish changes in the YUM repository: the packages it keeps as they are, the inputs
 * it signs (new, or replacing the same version with --replace, or identical but signed by a key
 * that no longer signs), the published packages it re-signs after a change of signing key, and
 * those it takes out (--remove, --keep-versions). Identical inputs are nothing to do.
 */
final class PublishPlan {
    final List<YumPackage> kept = new ArrayList<>();
    final List<RpmInput> toSign = new ArrayList<>();
    final List<YumPackage> resign = new ArrayList<>();
    final List<YumPackage> removed = new ArrayList<>();
    final List<String> added = new ArrayList<>();

    private PublishPlan() {
    }

    /** True when the repository's packages stay exactly as they are. */
    boolean unchanged() {
        return toSign.isEmpty() && resign.isEmpty() && removed.isEmpty();
    }

    PublishSummary summary(int total) {
        return new PublishSummary("yum", added, removed.stream().map(p -> p.key().toString()).sorted().toList(),
                total);
    }

    /**
     * Decides what to do with {@code inputs} given what {@code state} holds.
     *
     * @param packageSigners fingerprints of the key(s) that sign packages now
     * @throws ApplianceException CONFLICT naming every input whose version is published with other
     *                            content (unless --replace), or given twice with different content
     */
    static PublishPlan decide(YumState state, List<RpmInput> inputs, PublishRequest request,
                              List<String> packageSigners) {
        PublishOptions options = request.options();
        PublishPlan plan = new PublishPlan();
        Map<YumPackage.Key, YumPackage> current = new LinkedHashMap<>();
        for (YumPackage p : state.packages()) {
            current.put(p.key(), p);
        }
        // removals apply to what was published before this run
        for (PublishRequest.Removal r : request.removals()) {
            List<YumPackage> matched = current.values().stream().filter(p -> matches(p, r)).toList();
            if (matched.isEmpty()) {
                request.progress().println("yum: --remove " + r + ": no such package in the repository");
            }
            for (YumPackage p : matched) {
                current.remove(p.key());
                plan.removed.add(p);
            }
        }
        Map<YumPackage.Key, RpmInput> byKey = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (RpmInput in : inputs) {
            RpmInput twin = byKey.putIfAbsent(in.key(), in);
            if (twin != null && !twin.headerSha256().equals(in.headerSha256())) {
                conflicts.add(in.file() + ": " + in.key() + " is given twice with different content (also "
                        + twin.file() + "); give one of them");
            }
        }
        for (RpmInput in : byKey.values()) {
            YumPackage existing = current.get(in.key());
            if (existing == null) {
                plan.toSign.add(in);
                plan.added.add(in.key().toString());
            } else if (existing.headerSha256().equals(in.headerSha256())) {
                if (!existing.signers().equals(packageSigners)) {
                    current.remove(in.key());
                    plan.toSign.add(in);
                }
            } else if (options.replace()) {
                current.remove(in.key());
                plan.toSign.add(in);
                plan.added.add(in.key().toString());
            } else {
                conflicts.add(in.file() + ": " + in.key() + " is published already with other content (pkgid "
                        + existing.pkgid() + "); a published version must not change under its users. Raise the"
                        + " release, or give --replace to overwrite it");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ApplianceException(ExitCode.CONFLICT, String.join("\n", conflicts));
        }
        for (YumPackage p : current.values()) {
            if (p.signers().equals(packageSigners)) {
                plan.kept.add(p);
            } else {
                plan.resign.add(p);
            }
        }
        keepVersions(plan, options.keepVersions(), request.progress());
        return plan;
    }

    /** {@code NAME}, {@code NAME=VERSION} (every release) or {@code NAME=[EPOCH:]VERSION-RELEASE}. */
    private static boolean matches(YumPackage p, PublishRequest.Removal r) {
        if (!p.name().equals(r.name())) {
            return false;
        }
        if (r.version() == null) {
            return true;
        }
        RpmEvr wanted = RpmEvr.parse(r.version());
        boolean epochMatches = wanted.epoch().isEmpty() || wanted.epochNumber() == p.evr().epochNumber();
        if (wanted.release().isEmpty()) {
            return epochMatches && p.version().equals(wanted.version());
        }
        return epochMatches && p.version().equals(wanted.version()) && p.release().equals(wanted.release());
    }

    /** --keep-versions N: per name and arch only the N highest versions stay. */
    private static void keepVersions(PublishPlan plan, int keep, PrintWriter progress) {
        if (keep <= 0) {
            return;
        }
        record Candidate(RpmEvr evr, YumPackage published, RpmInput input) {
        }
        Map<String, List<Candidate>> groups = new HashMap<>();
        for (YumPackage p : plan.kept) {
            groups.computeIfAbsent(p.name() + "." + p.arch(), k -> new ArrayList<>()).add(new Candidate(p.evr(), p,
                    null));
        }
        for (YumPackage p : plan.resign) {
            groups.computeIfAbsent(p.name() + "." + p.arch(), k -> new ArrayList<>()).add(new Candidate(p.evr(), p,
                    null));
        }
        for (RpmInput in : plan.toSign) {
            groups.computeIfAbsent(in.key().name() + "." + in.key().arch(), k -> new ArrayList<>())
                    .add(new Candidate(in.evr(), null, in));
        }
        for (List<Candidate> group : groups.values()) {
            if (group.size() <= keep) {
                continue;
            }
            group.sort(Comparator.comparing(Candidate::evr).reversed());
            for (Candidate c : group.subList(keep, group.size())) {
                if (c.published() != null) {
                    plan.kept.remove(c.published());
                    plan.resign.remove(c.published());
                    plan.removed.add(c.published());
                } else {
                    plan.toSign.remove(c.input());
                    plan.added.remove(c.input().key().toString());
                    progress.println("yum: " + c.input().key() + " is older than the " + keep
                            + " newest versions kept (--keep-versions " + keep + "); not published");
                }
            }
        }
    }
}
