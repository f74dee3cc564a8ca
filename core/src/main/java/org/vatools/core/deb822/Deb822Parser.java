package org.vatools.core.deb822;

import java.util.ArrayList;
import java.util.List;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

/**
 * Reads Deb822 text the way dpkg and apt do. Paragraphs are separated by lines that are empty or
 * hold only spaces and tabs; a field is {@code Name: value}; a line starting with a space or a tab
 * continues the field above it. With comments allowed (APT {@code .sources} files), a line starting
 * with {@code #} is kept for writing but is not part of any value. Every problem is collected with
 * its line number before one {@link InvalidInputException} is thrown.
 */
final class Deb822Parser {
    private final String text;
    private final String source;
    private final boolean comments;
    private final List<Problem> problems = new ArrayList<>();

    private Deb822Parser(String text, String source, boolean comments) {
        this.text = text;
        this.source = source;
        this.comments = comments;
    }

    static Deb822Document parseDocument(String text, String source, boolean comments) {
        return new Deb822Parser(text, source, comments).document();
    }

    static Deb822Paragraph parseSingle(String text, String source) {
        Deb822Document doc = parseDocument(text, source, false);
        if (doc.paragraphs().isEmpty()) {
            throw new InvalidInputException(Problem.inFile(source, "holds no field; expected one paragraph"
                    + " of 'Field: value' lines"));
        }
        if (doc.paragraphs().size() > 1) {
            throw new InvalidInputException(Problem.at(source, doc.paragraphs().get(1).line(),
                    "a second paragraph starts here after a blank line; expected exactly one paragraph"
                            + " (remove the blank line or what follows it)"));
        }
        return doc.paragraphs().get(0);
    }

    private Deb822Document document() {
        List<Deb822Paragraph> paragraphs = new ArrayList<>();
        List<String> separators = new ArrayList<>();
        StringBuilder separator = new StringBuilder();
        List<Line> run = new ArrayList<>();
        int pos = 0;
        int lineNo = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl + 1;
            lineNo++;
            Line line = new Line(text.substring(pos, end), lineNo);
            pos = end;
            if (line.isBlank()) {
                if (!run.isEmpty()) {
                    finishRun(run, paragraphs, separators, separator);
                    run.clear();
                }
                separator.append(line.raw);
            } else {
                run.add(line);
            }
        }
        if (!run.isEmpty()) {
            finishRun(run, paragraphs, separators, separator);
        }
        separators.add(separator.toString());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Deb822Document(paragraphs, separators);
    }

    /** A run of non-blank lines is a paragraph, or separator text if it holds only comments. */
    private void finishRun(List<Line> run, List<Deb822Paragraph> paragraphs, List<String> separators,
                           StringBuilder separator) {
        List<Object> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> nameLines = new ArrayList<>();
        List<Line> pendingComments = new ArrayList<>();
        FieldBuilder current = null;
        boolean afterBadLine = false;
        for (Line line : run) {
            if (line.raw.startsWith("#")) {
                if (comments) {
                    pendingComments.add(line);
                } else {
                    problems.add(Problem.at(source, line.number, "'#' comment lines are not allowed in this file"));
                }
                continue;
            }
            char first = line.raw.charAt(0);
            if (first == ' ' || first == '\t') {
                if (afterBadLine) {
                    continue;
                }
                if (current == null) {
                    problems.add(Problem.at(source, line.number, "continuation line (it starts with a blank)"
                            + " without a field above it; start the paragraph with 'Field: value'"));
                    afterBadLine = true;
                    continue;
                }
                for (Line c : pendingComments) {
                    current.comment(c);
                }
                pendingComments.clear();
                current.continuation(line);
                continue;
            }
            if (current != null) {
                parts.add(current.build());
                current = null;
            }
            for (Line c : pendingComments) {
                parts.add(new Deb822Paragraph.Comment(c.raw, c.number));
            }
            pendingComments.clear();
            afterBadLine = true;
            int colon = line.raw.indexOf(':');
            if (colon < 0) {
                problems.add(Problem.at(source, line.number, "expected 'Field: value' or a continuation line"
                        + " starting with a space, found '" + abbreviate(line.content()) + "'"));
                continue;
            }
            String name = line.raw.substring(0, colon);
            String nameProblem = Deb822Field.nameProblem(name);
            if (nameProblem != null) {
                problems.add(Problem.at(source, line.number, nameProblem));
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    problems.add(new Problem(source, line.number, 0, name, "duplicate field (first at line "
                            + nameLines.get(i) + "); a paragraph holds each field once"));
                    break;
                }
            }
            names.add(name);
            nameLines.add(line.number);
            afterBadLine = false;
            current = new FieldBuilder(name, line, colon);
        }
        if (current != null) {
            parts.add(current.build());
        }
        for (Line c : pendingComments) {
            parts.add(new Deb822Paragraph.Comment(c.raw, c.number));
        }
        boolean hasField = parts.stream().anyMatch(p -> p instanceof Deb822Field);
        if (!hasField) {
            for (Object p : parts) {
                separator.append(((Deb822Paragraph.Comment) p).text());
            }
            return;
        }
        separators.add(separator.toString());
        separator.setLength(0);
        paragraphs.add(new Deb822Paragraph(parts, run.get(0).number));
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private record Line(String raw, int number) {
        boolean isBlank() {
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            }
            return true;
        }

        String content() {
            return raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
        }
    }

    private static final class FieldBuilder {
        private final String name;
        private final int line;
        private final StringBuilder raw = new StringBuilder();
        private final StringBuilder value = new StringBuilder();

        FieldBuilder(String name, Line first, int colon) {
            this.name = name;
            this.line = first.number;
            raw.append(first.raw);
            String rest = first.content().substring(colon + 1);
            int i = 0;
            while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == '\t')) {
                i++;
            }
            value.append(rest, i, rest.length());
        }

        void continuation(Line l) {
            raw.append(l.raw);
            value.append('\n').append(l.content());
        }

        void comment(Line l) {
            raw.append(l.raw);
        }

        Deb822Field build() {
            return new Deb822Field(name, Deb822Field.stripTrailing(value.toString()), raw.toString(), line);
        }
    }
}
