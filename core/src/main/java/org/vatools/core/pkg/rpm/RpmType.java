package org.vatools.core.pkg.rpm;

import java.util.Optional;

/** The data types of rpm header entries (rpmtag.h {@code rpmTagType}). */
public enum RpmType {
    NULL(0, 1),
    CHAR(1, 1),
    INT8(2, 1),
    INT16(3, 2),
    INT32(4, 4),
    INT64(5, 8),
    STRING(6, 1),
    BIN(7, 1),
    STRING_ARRAY(8, 1),
    I18NSTRING(9, 1);

    private final int id;
    private final int alignment;

    RpmType(int id, int alignment) {
        this.id = id;
        this.alignment = alignment;
    }

    /** The number stored in a header index entry. */
    public int id() {
        return id;
    }

    /** The alignment rpm requires of this type's data in the data store. */
    public int alignment() {
        return alignment;
    }

    /** The type stored as {@code id}; empty for numbers rpm does not know (NULL is refused too). */
    public static Optional<RpmType> of(int id) {
        return id >= 1 && id <= 9 ? Optional.of(values()[id]) : Optional.empty();
    }
}
