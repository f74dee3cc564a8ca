package org.vatools.repotools.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out an appliance's free-text description for the two package formats.
 *
 * <p>The descriptor's text is read as paragraphs separated by blank lines. Ordinary lines of a
 * paragraph are joined and wrapped; a line starting with {@code - }, {@code * } or {@code + } starts
 * a list item (indented lines right after it continue it); any other line indented by a space or a
 * tab is kept as it is (a command, a table).
 *
 * <ul>
 * <li>Debian (Policy 5.6.13): the synopsis on the first line, then every line of the extended
 *     description starts with a space, paragraphs are separated by {@code " ."}, list items and
 *     verbatim lines start with two spaces so that front ends show them unwrapped, and no line is
 *     longer than 80 characters (lintian's limit).</li>
 * <li>rpm: plain paragraphs separated by blank lines, no line longer than 79 characters (rpmlint's
 *     limit).</li>
 * </ul>
 * Words longer than the width are never split; tabs become spaces.
 */
public final class DescriptionFormatter {
    /** Longest line of a Debian extended description, including its leading space. */
    public static final int DEBIAN_WIDTH = 80;
    /** Longest line of an rpm %description. */
    public static final int RPM_WIDTH = 79;

    private DescriptionFormatter() {
    }

    /**
     * The value of a Debian {@code Description} field: the synopsis, then the extended description,
     * one string with {@code \n} between lines (no trailing newline).
     */
    public static String debianField(String synopsis, String description) {
        StringBuilder out = new StringBuilder(synopsis.strip());
        for (String line : lines(description, DEBIAN_WIDTH - 1, " ")) {
            out.append("\n ").append(line.isEmpty() ? "." : line);
        }
        return out.toString();
    }

    /** The rpm {@code %description}: wrapped paragraphs separated by a blank line, no trailing newline. */
    public static String rpm(String description) {
        return String.join("\n", lines(description, RPM_WIDTH, ""));
    }

    /** The laid-out lines, with an empty line between paragraphs. */
    private static List<String> lines(String description, int width, String itemIndent) {
        List<String> lines = new ArrayList<>();
        for (Block block : blocks(description)) {
            if (block.startsParagraph() && !lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(block.render(width, itemIndent));
        }
        return lines;
    }

    /** A unit of layout: a wrapped paragraph, a list item, or a verbatim line. */
    private record Block(Kind kind, String text, boolean startsParagraph) {
        enum Kind { PARAGRAPH, ITEM, VERBATIM }

        /** Lines of at most {@code width} characters (verbatim lines keep their length). */
        List<String> render(int width, String itemIndent) {
            return switch (kind) {
                case VERBATIM -> List.of(text);
                case ITEM -> wrap(text, width, itemIndent + "* ", itemIndent + "  ");
                case PARAGRAPH -> wrap(text, width, "", "");
            };
        }
    }

    private static List<Block> blocks(String description) {
        List<Block> blocks = new ArrayList<>();
        Block open = null; // the paragraph or item being collected
        boolean afterBlank = true;
        for (String raw : description.replace("\r\n", "\n").split("\n", -1)) {
            String line = expandTabs(raw).stripTrailing();
            String stripped = line.strip();
            boolean blank = line.isEmpty();
            boolean itemContinues = open != null && open.kind() == Block.Kind.ITEM && line.startsWith(" ");
            boolean verbatim = !blank && !itemContinues && line.startsWith(" ");
            boolean item = !blank && !verbatim && stripped.length() > 2 && "-*+".indexOf(stripped.charAt(0)) >= 0
                    && stripped.charAt(1) == ' ';
            if (open != null && (blank || verbatim || item)) {
                blocks.add(open);
                open = null;
            }
            if (blank) {
                afterBlank = true;
                continue;
            }
            if (verbatim) {
                blocks.add(new Block(Block.Kind.VERBATIM, line, afterBlank));
            } else if (item) {
                open = new Block(Block.Kind.ITEM, stripped.substring(2).strip(), afterBlank);
            } else if (open == null) {
                open = new Block(Block.Kind.PARAGRAPH, stripped, afterBlank);
            } else {
                open = new Block(open.kind(), open.text() + " " + stripped, open.startsParagraph());
            }
            afterBlank = false;
        }
        if (open != null) {
            blocks.add(open);
        }
        return blocks;
    }

    /** Greedy word wrap; a word longer than the width stays whole on its own line. */
    static List<String> wrap(String text, int width, String firstPrefix, String nextPrefix) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstPrefix);
        int prefixLength = firstPrefix.length();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > prefixLength && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(nextPrefix);
                prefixLength = nextPrefix.length();
            }
            if (line.length() > prefixLength) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String expandTabs(String line) {
        if (line.indexOf('\t') < 0) {
            return line;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : line.toCharArray()) {
            if (c == '\t') {
                do {
                    sb.append(' ');
                } while (sb.length() % 8 != 0);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
