package org.vatools.repotools.publish.apt;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens to pool files that a publish stops naming (removed, replaced, beyond
 * --keep-versions): they stay, recorded with the wall time they were superseded, until the
 * retention time has passed, so clients using a slightly older index still find them; then they
 * may be deleted.
 */
final class PoolRetention {
    private PoolRetention() {
    }

    /**
     * Sorts the suite's superseded pool files into those to keep ({@code retained}) and those whose
     * retention has ended ({@code deletable}); files the new entries name again are neither.
     */
    static void split(AptState state, List<AptEntry> removed, List<AptEntry> entries, long now,
                                   long retention, List<AptState.Retained> retained, List<String> deletable) {
        Set<String> referenced = new HashSet<>();
        for (AptEntry e : entries) {
            referenced.add(e.filename());
            if (e.seedPath() != null) {
                referenced.add(e.seedPath());
            }
        }
        Map<String, AptState.Retained> all = new java.util.LinkedHashMap<>();
        for (AptState.Retained r : state.retained()) {
            if (r.path().startsWith("pool/")) {
                all.put(r.path(), r);
            }
        }
        for (AptEntry e : removed) {
            all.putIfAbsent(e.filename(), new AptState.Retained(now, e.sha256(), e.filename()));
            if (e.seedPath() != null) {
                all.putIfAbsent(e.seedPath(), new AptState.Retained(now, e.seedSha256(), e.seedPath()));
            }
        }
        for (AptState.Retained r : all.values()) {
            if (referenced.contains(r.path())) {
                continue;
            }
            if (now - r.supersededAt() >= retention) {
                deletable.add(r.path());
            } else {
                retained.add(r);
            }
        }
    }
}
