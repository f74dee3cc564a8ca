package org.vatools.repotools.build;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rpm dependency: {@code name}, {@code name OP version}, or a rich dependency
 * {@code (a or b)} kept whole in {@code name}.
 *
 * @param operator one of {@code < <= = >= >}, or null
 * @param version  the version compared against, or null
 */
public record RpmRelation(String name, String operator, String version) {
    private static final Pattern SIMPLE =
            Pattern.compile("(\\S+?)(?:\\s+(<=|>=|<|>|=)\\s+(\\S+))?");

    /** Parses a relation as the descriptor writes it (validated by the descriptor reader). */
    public static RpmRelation parse(String relation) {
        String r = relation.strip();
        if (r.startsWith("(")) {
            return new RpmRelation(r, null, null);
        }
        Matcher m = SIMPLE.matcher(r);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an rpm relation: '" + relation + "'");
        }
        return new RpmRelation(m.group(1), m.group(2), m.group(3));
    }

    public static RpmRelation of(String name) {
        return new RpmRelation(name, null, null);
    }

    /** A rich (boolean) dependency, which needs rpmlib(RichDependencies). */
    public boolean rich() {
        return name.startsWith("(");
    }

    @Override
    public String toString() {
        return operator == null ? name : name + " " + operator + " " + version;
    }
}
