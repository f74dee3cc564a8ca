package org.vatools.core.deb822;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One field of a Deb822 paragraph: its name as written, its value, the exact text it was read
 * from, and the line it started on.
 *
 * <p>The value follows dpkg: the text after the colon without leading blanks, then each
 * continuation line as written (with its leading space or tab) after a {@code \n}; trailing
 * white space of the whole value is removed. A folded {@code Description} therefore reads
 * {@code "synopsis\n long text\n .\n more"}, exactly what {@code dpkg-deb -f} prints.
 */
public final class Deb822Field {
    private final String name;
    private final String value;
    private final String text;
    private final int line;

    Deb822Field(String name, String value, String text, int line) {
        this.name = name;
        this.value = value;
        this.text = text;
        this.line = line;
    }

    /**
     * A new field written as {@code Name: value}. Continuation lines of {@code value} must start
     * with a space or a tab and must not be blank (write {@code " ."} for an empty line of a
     * description); a value that starts with {@code \n} is written with nothing after the colon,
     * as {@code Files:} and {@code SHA256:} in Release files are.
     *
     * @throws IllegalArgumentException if the name or value could not be read back as given
     */
    public static Deb822Field of(String name, String value) {
        Objects.requireNonNull(value, "value");
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String v = stripTrailing(value);
        int start = 0;
        while (start < v.length() && (v.charAt(start) == ' ' || v.charAt(start) == '\t')) {
            start++;
        }
        v = v.substring(start);
        String[] lines = v.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty() || (l.charAt(0) != ' ' && l.charAt(0) != '\t')) {
                throw new IllegalArgumentException("field '" + name + "': continuation line " + (i + 1)
                        + " must start with a space or a tab: '" + l + "'");
            }
            if (l.isBlank()) {
                throw new IllegalArgumentException("field '" + name + "': continuation line " + (i + 1)
                        + " is blank, which would end the paragraph; write ' .' for an empty line");
            }
        }
        String text = name + ":" + (v.isEmpty() || v.startsWith("\n") ? "" : " ") + v + "\n";
        return new Deb822Field(name, v, text, 0);
    }

    /** The name as written (lookups ignore case, as dpkg does). */
    public String name() {
        return name;
    }

    /** The value (see the class comment for how folded values read). */
    public String value() {
        return value;
    }

    /** The exact text of the field in its source, continuation lines and final newline included. */
    public String text() {
        return text;
    }

    /** The 1-based line the field starts on in its source; 0 for a field made with {@link #of}. */
    public int line() {
        return line;
    }

    /** The value's lines: the first line, then each continuation line without its leading blank. */
    public List<String> lines() {
        String[] parts = value.split("\n", -1);
        List<String> result = new ArrayList<>(parts.length);
        result.add(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            result.add(parts[i].substring(1));
        }
        return result;
    }

    /** True when the field is {@code name}, compared without regard to case. */
    public boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deb822Field f && f.name.equals(name) && f.value.equals(value) && f.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, text);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Why {@code name} cannot be a field name (deb822(5)), or null when it can. */
    static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "a field name must not be empty";
        }
        char first = name.charAt(0);
        if (first == '#' || first == '-') {
            return "field name '" + name + "' must not start with '" + first + "'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c > '~' || c == ':') {
                return "field name '" + name + "' may only hold printable ASCII characters other than ':'";
            }
        }
        return null;
    }

    static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
