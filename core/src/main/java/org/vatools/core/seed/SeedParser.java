package org.vatools.core.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

/**
 * Parses debconf seeds exactly as debconf-set-selections reads them (a trailing backslash joins
 * the next line, blank and '#' lines are skipped, the value is everything after the single
 * blank that follows the type), and rejects what it would reject or silently skip: lines with
 * fewer than three fields and unknown types. It is stricter in two places a published seed must
 * be: a boolean must be {@code true} or {@code false}, and a {@code password} answer is refused
 * because secrets belong in the descriptor's questions, never in a published file.
 */
public final class SeedParser {
    private static final Pattern LINE = Pattern.compile("^\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)(?:\\s(.*))?");
    private static final Pattern QUESTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*(/[A-Za-z0-9._+-]+)+");

    private SeedParser() {
    }

    public static SeedFile parse(String text, String source) {
        List<Problem> problems = new ArrayList<>();
        List<SeedEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            int startLine = i + 1;
            StringBuilder logical = new StringBuilder(stripCr(lines[i]));
            i++;
            while (endsWithBackslash(logical) && i < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(stripCr(lines[i]));
                i++;
            }
            String line = logical.toString();
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                problems.add(Problem.at(source, startLine,
                        "expected 'owner question type value', found '" + abbreviate(line) + "'"));
                continue;
            }
            String owner = m.group(1);
            String question = m.group(2);
            String typeId = m.group(3);
            String value = m.group(4) == null ? "" : m.group(4);
            var type = DebconfType.fromId(typeId);
            if (type.isEmpty()) {
                problems.add(Problem.at(source, startLine, "unknown debconf type '" + typeId
                        + "' (debconf-set-selections skips the line); use one of " + DebconfType.knownIds()));
                continue;
            }
            if (!QUESTION.matcher(question).matches()) {
                problems.add(Problem.at(source, startLine, "'" + question
                        + "' is not a debconf question name (expected owner/name, e.g. dokuwiki/wiki_title)"));
                continue;
            }
            switch (type.get()) {
                case PASSWORD -> problems.add(Problem.at(source, startLine, "'" + question
                        + "' is a password question: a published seed must not carry secrets; remove the line"
                        + " and declare the question under 'questions' in appliance.yaml"));
                case BOOLEAN, SEEN -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        problems.add(Problem.at(source, startLine, "'" + question + "' is a " + typeId
                                + " and needs 'true' or 'false', found '" + abbreviate(value) + "'"));
                    }
                }
                default -> {
                }
            }
            entries.add(new SeedEntry(owner, question, type.get(), value, startLine));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new SeedFile(source, entries);
    }

    private static boolean endsWithBackslash(CharSequence s) {
        return s.length() > 0 && s.charAt(s.length() - 1) == '\\';
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
