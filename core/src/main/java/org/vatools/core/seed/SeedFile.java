package org.vatools.core.seed;

import java.util.List;
import java.util.Optional;

/** A parsed debconf seed: the preseeded answers an appliance publishes. */
public record SeedFile(String source, List<SeedEntry> entries) {
    public SeedFile {
        entries = List.copyOf(entries);
    }

    public Optional<SeedEntry> find(String question) {
        return entries.stream().filter(e -> e.question().equals(question) && e.type() != DebconfType.SEEN)
                .reduce((first, second) -> second);
    }
}
