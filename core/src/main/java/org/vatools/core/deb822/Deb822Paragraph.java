package org.vatools.core.deb822;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One paragraph of a Deb822 file (a control file, one entry of a Packages index, one source of
 * an APT {@code .sources} file): fields in their original order with their original spelling.
 * Lookups ignore case, as dpkg and apt do. Instances are immutable; {@link #with} and
 * {@link #without} return changed copies, and {@link #text()} gives back the exact text the
 * paragraph was read from, changed fields aside.
 */
public final class Deb822Paragraph {
    private final List<Object> parts;
    private final List<Deb822Field> fields;
    private final int line;

    Deb822Paragraph(List<Object> parts, int line) {
        this.parts = List.copyOf(parts);
        List<Deb822Field> f = new ArrayList<>(parts.size());
        for (Object p : parts) {
            if (p instanceof Deb822Field field) {
                f.add(field);
            }
        }
        this.fields = Collections.unmodifiableList(f);
        this.line = line;
    }

    /** A new paragraph of these fields, in this order. */
    public static Deb822Paragraph of(List<Deb822Field> fields) {
        List<String> seen = new ArrayList<>();
        for (Deb822Field f : fields) {
            for (String s : seen) {
                if (s.equalsIgnoreCase(f.name())) {
                    throw new IllegalArgumentException("duplicate field '" + f.name() + "'");
                }
            }
            seen.add(f.name());
        }
        return new Deb822Paragraph(new ArrayList<>(fields), 0);
    }

    /**
     * Parses text that must hold exactly one paragraph, such as a package's control file. Blank
     * lines before and after it are allowed.
     *
     * @throws org.vatools.core.InvalidInputException naming {@code source} and the line, if the
     *         text is not Deb822, holds no field or holds more than one paragraph
     */
    public static Deb822Paragraph parse(String text, String source) {
        return Deb822Parser.parseSingle(text, source);
    }

    /** The fields in file order. */
    public List<Deb822Field> fields() {
        return fields;
    }

    /** The field called {@code name} (case ignored). */
    public Optional<Deb822Field> field(String name) {
        for (Deb822Field f : fields) {
            if (f.is(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The value of the field called {@code name} (case ignored). */
    public Optional<String> get(String name) {
        return field(name).map(Deb822Field::value);
    }

    /** True when the paragraph has a field called {@code name} (case ignored). */
    public boolean has(String name) {
        return field(name).isPresent();
    }

    /** The field names in file order, as written. */
    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Deb822Field f : fields) {
            names.add(f.name());
        }
        return names;
    }

    /** The 1-based line of the paragraph's first line in its source; 0 if it was made, not read. */
    public int line() {
        return line;
    }

    /**
     * A copy with {@code name} set to {@code value}: an existing field keeps its place and its
     * spelling, a new one goes to the end. See {@link Deb822Field#of} for how values are written.
     */
    public Deb822Paragraph with(String name, String value) {
        List<Object> copy = new ArrayList<>(parts);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i) instanceof Deb822Field f && f.is(name)) {
                copy.set(i, Deb822Field.of(f.name(), value));
                return new Deb822Paragraph(copy, line);
            }
        }
        copy.add(Deb822Field.of(name, value));
        return new Deb822Paragraph(copy, line);
    }

    /** A copy without the field called {@code name} (case ignored); the same paragraph if absent. */
    public Deb822Paragraph without(String name) {
        List<Object> copy = new ArrayList<>(parts);
        boolean removed = copy.removeIf(p -> p instanceof Deb822Field f && f.is(name));
        return removed ? new Deb822Paragraph(copy, line) : this;
    }

    /** The paragraph's exact text: every field (and kept comment) as read, each ending with a newline. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        for (Object p : parts) {
            sb.append(p instanceof Deb822Field f ? f.text() : ((Comment) p).text());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deb822Paragraph p && p.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }

    /** A comment line kept for exact writing; not a field. */
    record Comment(String text, int line) {
    }
}
