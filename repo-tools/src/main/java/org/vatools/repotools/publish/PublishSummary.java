package org.vatools.repotools.publish;

import java.util.List;

/** What a committed publish changed in one format, for the command's report. */
public record PublishSummary(String format, List<String> added, List<String> removed, int total) {
    public PublishSummary {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }
}
