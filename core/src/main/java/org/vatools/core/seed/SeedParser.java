package org.vatools.core.seed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

/**
 * Parses debconf seeds exactly as debconf-set-selections (debconf 1.5) reads them, and refuses
 * what it would refuse or silently get wrong.
 *
 * <p>How debconf-set-selections reads a file: each physical line loses its line feed and one
 * carriage return before it; while a line ends with a backslash and another line follows, the
 * backslash is removed and the next line is appended (no blank is added); the joined line is
 * skipped when it is blank or its first non-blank character is '#'; otherwise it must match
 * {@code ^\s*(\S+)\s+(\S+)\s+(\S+)(?:\s(.*))?}: owner, question, type, and a value that is
 * everything after the single blank that follows the type (possibly empty).
 *
 * <p>What it refuses: a line with fewer than three fields ("parse error", exit 1). What it only
 * warns about and skips: an unknown type. What it accepts but a published seed must not carry,
 * refused here: a {@code password} answer (secrets belong in the descriptor's questions); a
 * boolean or seen flag other than {@code true}/{@code false}; a comment that ends in a
 * backslash and so swallows the next line; a backslash on the last line, which debconf keeps in
 * the value; a value starting with a blank, which debconf keeps as part of the answer; the same
 * question answered twice (debconf keeps the last one silently); a question name without the
 * {@code owner/name} form every debconf template has; a byte order mark.
 */
public final class SeedParser {
    private static final Pattern LINE = Pattern.compile("^\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)(?:\\s(.*))?", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("\\s*#.*", Pattern.DOTALL);
    private static final Pattern BLANK = Pattern.compile("\\s*");
    private static final Pattern QUESTION = Pattern.compile("[^\\s/]+(/[^\\s/]+)+");

    private SeedParser() {
    }

    /**
     * Parses a seed.
     *
     * @throws InvalidInputException with every problem, each naming {@code source:line}
     */
    public static SeedFile parse(String text, String source) {
        List<Problem> problems = new ArrayList<>();
        SeedFile seed = parse(text, source, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return seed;
    }

    /** Parses a seed, adding problems to {@code problems}; returns the entries that are valid. */
    public static SeedFile parse(String text, String source, List<Problem> problems) {
        List<SeedEntry> entries = new ArrayList<>();
        if (text.startsWith("\uFEFF")) {
            problems.add(Problem.at(source, 1, "the file starts with a byte order mark, which debconf-set-selections"
                    + " reads as part of the first owner; save it as UTF-8 without BOM"));
            text = text.substring(1);
        }
        List<String> physical = physicalLines(text);
        Map<String, Integer> answered = new HashMap<>();
        int i = 0;
        while (i < physical.size()) {
            int startLine = i + 1;
            String line = physical.get(i);
            i++;
            boolean continued = false;
            while (line.endsWith("\\") && i < physical.size()) {
                line = line.substring(0, line.length() - 1) + physical.get(i);
                i++;
                continued = true;
            }
            if (COMMENT.matcher(line).matches()) {
                if (continued) {
                    problems.add(Problem.at(source, startLine, "this comment ends with '\\', so debconf-set-selections"
                            + " joins line " + (startLine + 1) + " to it and ignores that line; remove the '\\'"));
                }
                continue;
            }
            if (BLANK.matcher(line).matches()) {
                continue;
            }
            if (line.endsWith("\\")) {
                problems.add(Problem.at(source, startLine, "the last line ends with '\\' but no line follows;"
                        + " debconf-set-selections would keep the '\\' in the value"));
                continue;
            }
            entry(line, startLine, source, problems, answered).ifPresent(entries::add);
        }
        return new SeedFile(source, entries);
    }

    private static Optional<SeedEntry> entry(String line, int startLine, String source, List<Problem> problems,
                                             Map<String, Integer> answered) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            problems.add(Problem.at(source, startLine, "expected 'owner question type value'"
                    + " (debconf-set-selections reports a parse error), found '" + abbreviate(line) + "'"));
            return Optional.empty();
        }
        String owner = m.group(1);
        String question = m.group(2);
        String typeId = m.group(3);
        String value = m.group(4) == null ? "" : m.group(4);
        Optional<DebconfType> type = DebconfType.fromId(typeId);
        if (type.isEmpty()) {
            problems.add(new Problem(source, startLine, 0, question, "unknown debconf type '" + typeId
                    + "' (debconf-set-selections warns and skips the line); use one of " + DebconfType.knownIds()));
            return Optional.empty();
        }
        if (!QUESTION.matcher(question).matches()) {
            problems.add(new Problem(source, startLine, 0, "", "'" + question
                    + "' is not a debconf question name (expected owner/name, e.g. dokuwiki/wiki/title)"));
            return Optional.empty();
        }
        boolean ok = true;
        switch (type.get()) {
            case PASSWORD -> {
                problems.add(new Problem(source, startLine, 0, question, "is a password question: a published"
                        + " seed must not carry secrets; remove the line and declare the question under"
                        + " 'questions' in appliance.yaml, so the installer asks for it"));
                ok = false;
            }
            case BOOLEAN, SEEN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    problems.add(new Problem(source, startLine, 0, question, "a " + typeId
                            + " needs 'true' or 'false', found '" + abbreviate(value) + "'"));
                    ok = false;
                }
            }
            default -> {
                if (BLANK.matcher(value.substring(0, Math.min(1, value.length()))).matches() && !value.isEmpty()) {
                    problems.add(new Problem(source, startLine, 0, question, "the value starts with a blank,"
                            + " which debconf-set-selections keeps as part of the answer; put exactly one blank"
                            + " after the type"));
                    ok = false;
                }
            }
        }
        if (type.get() != DebconfType.SEEN) {
            Integer first = answered.putIfAbsent(question, startLine);
            if (first != null) {
                problems.add(new Problem(source, startLine, 0, question, "is answered twice (first at line "
                        + first + "); debconf-set-selections would keep only this one; remove one"));
                ok = false;
            }
        }
        return ok ? Optional.of(new SeedEntry(owner, question, type.get(), value, startLine)) : Optional.empty();
    }

    /** Lines as Perl's readline gives them, each without its line feed and one carriage return. */
    private static List<String> physicalLines(String text) {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        String[] parts = text.split("\n", -1);
        int n = text.endsWith("\n") ? parts.length - 1 : parts.length;
        for (int k = 0; k < n; k++) {
            String p = parts[k];
            out.add(p.endsWith("\r") ? p.substring(0, p.length() - 1) : p);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
