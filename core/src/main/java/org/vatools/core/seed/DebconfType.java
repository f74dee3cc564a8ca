package org.vatools.core.seed;

import java.util.Locale;
import java.util.Optional;

/**
 * The question types debconf-set-selections accepts (debconf 1.5: select, boolean, string,
 * multiselect, note, password, text, title) and its one flag, {@code seen}.
 */
public enum DebconfType {
    SELECT, BOOLEAN, STRING, MULTISELECT, NOTE, PASSWORD, TEXT, TITLE, SEEN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DebconfType> fromId(String id) {
        for (DebconfType t : values()) {
            if (t.id().equals(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The types a person answers (a seed line of type seen only sets a flag). */
    public boolean isAnswerable() {
        return this != SEEN && this != NOTE && this != TITLE && this != TEXT;
    }

    public static String knownIds() {
        return "select, boolean, string, multiselect, note, password, text, title, seen";
    }
}
