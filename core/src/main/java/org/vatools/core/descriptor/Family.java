package org.vatools.core.descriptor;

import java.util.Locale;
import java.util.Optional;

/** A package family: what a host's package manager reads. */
public enum Family {
    DEB, RPM;

    /** The id used in descriptors and on the command line: {@code deb} or {@code rpm}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Family> fromId(String id) {
        for (Family f : values()) {
            if (f.id().equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
