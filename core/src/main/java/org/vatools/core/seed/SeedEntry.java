package org.vatools.core.seed;

/**
 * One debconf-set-selections line: {@code owner question type value}. {@code line} is the
 * 1-based line where the entry starts (continued lines count from their first).
 */
public record SeedEntry(String owner, String question, DebconfType type, String value, int line) {

    /** The line as debconf-set-selections reads it. Values never contain a line break. */
    public String toSelectionLine() {
        return owner + " " + question + " " + type.id() + " " + value;
    }
}
