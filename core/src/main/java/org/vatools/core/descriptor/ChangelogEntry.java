package org.vatools.core.descriptor;

import java.time.Instant;
import java.util.List;

/** One release in the appliance's changelog, newest first in the descriptor. */
public record ChangelogEntry(String version, Instant date, List<String> changes) {
    public ChangelogEntry {
        changes = List.copyOf(changes);
    }
}
