package org.vatools.core;

/**
 * One thing wrong with an input file, with where it is. {@code line} and {@code column} are
 * 1-based; 0 means unknown. {@code path} is the YAML path ({@code depends.deb[2]}) or empty.
 */
public record Problem(String source, int line, int column, String path, String message) {

    public static Problem at(String source, int line, String message) {
        return new Problem(source, line, 0, "", message);
    }

    public static Problem inFile(String source, String message) {
        return new Problem(source, 0, 0, "", message);
    }

    /** Formats as compilers do: {@code file:line:column: path: message}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
