package org.vatools.repotools.publish.apt;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * Everything a suite holds, as the publisher keeps it in {@code .vatools/state/apt/<suite>/}: the
 * Release fields, every package's entry ({@link AptEntry}, with its Packages paragraph) and the
 * files kept for clients that still use an older index (superseded pool files, each with the wall
 * time it was superseded). With it, a publish writes every index again without reading a package.
 *
 * <p>The file is text: a header of {@code key value} lines, a blank line, then per package an
 * {@code entry} line followed by its paragraph and a blank line, then {@code end COUNT}.
 *
 * @param generation the number of the generation folder this state describes
 */
public record AptState(String suite, String codename, String origin, String label, List<String> architectures,
                       List<String> components, long generation, List<AptEntry> entries, List<Retained> retained) {
    static final String MAGIC = "vatools-apt-state 1";

    public AptState {
        architectures = List.copyOf(architectures);
        components = List.copyOf(components);
        entries = List.copyOf(entries);
        retained = List.copyOf(retained);
    }

    /** A pool file no entry refers to any more, kept until {@code supersededAt} + the retention time. */
    public record Retained(long supersededAt, String sha256, String path) {
    }

    /** The state of a suite that has never been published. */
    public static AptState empty(String suite) {
        return new AptState(suite, null, null, null, List.of(), List.of(), 0, List.of(), List.of());
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
            writeTo(w);
        }
    }

    void writeTo(java.io.Writer w) throws IOException {
        w.write(MAGIC + "\n");
        w.write("suite " + suite + "\n");
        if (codename != null) {
            w.write("codename " + codename + "\n");
        }
        if (origin != null) {
            w.write("origin " + origin + "\n");
        }
        if (label != null) {
            w.write("label " + label + "\n");
        }
        w.write("architectures " + String.join(" ", architectures) + "\n");
        w.write("components " + String.join(" ", components) + "\n");
        w.write("generation " + generation + "\n");
        for (Retained r : retained) {
            w.write("retain " + r.supersededAt() + " " + r.sha256() + " " + r.path() + "\n");
        }
        w.write("\n");
        for (AptEntry e : entries) {
            w.write("entry " + e.component() + " " + e.name() + " " + e.version() + " " + e.architecture() + " "
                    + e.size() + " " + e.sha256() + " " + e.filename() + " "
                    + (e.seedPath() == null ? "- -" : e.seedPath() + " " + e.seedSha256()) + "\n");
            w.write(e.paragraph());
            w.write("\n");
        }
        w.write("end " + entries.size() + "\n");
    }

    /** Reads a state file; a damaged one is an ENVIRONMENT error naming it (never silently empty). */
    public static AptState read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (RuntimeException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, file + ": the repository state is damaged ("
                    + e.getMessage() + "); restore .vatools/ from a backup, or publish every package again into"
                    + " a new repository", e);
        }
    }

    static AptState parse(String text) {
        int pos = 0;
        String suite = null;
        String codename = null;
        String origin = null;
        String label = null;
        List<String> architectures = List.of();
        List<String> components = List.of();
        long generation = -1;
        List<Retained> retained = new ArrayList<>();
        boolean first = true;
        while (true) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                throw new IllegalStateException("the header does not end");
            }
            String line = text.substring(pos, nl);
            pos = nl + 1;
            if (first) {
                if (!line.equals(MAGIC)) {
                    throw new IllegalStateException("not a state file of this version (first line '" + line + "')");
                }
                first = false;
                continue;
            }
            if (line.isEmpty()) {
                break;
            }
            int sp = line.indexOf(' ');
            String key = sp < 0 ? line : line.substring(0, sp);
            String value = sp < 0 ? "" : line.substring(sp + 1);
            switch (key) {
                case "suite" -> suite = value;
                case "codename" -> codename = value;
                case "origin" -> origin = value;
                case "label" -> label = value;
                case "architectures" -> architectures = words(value);
                case "components" -> components = words(value);
                case "generation" -> generation = Long.parseLong(value);
                case "retain" -> {
                    String[] p = value.split(" ", 3);
                    retained.add(new Retained(Long.parseLong(p[0]), p[1], p[2]));
                }
                default -> throw new IllegalStateException("unknown header line '" + line + "'");
            }
        }
        if (suite == null || generation < 0) {
            throw new IllegalStateException("suite or generation missing");
        }
        List<AptEntry> entries = new ArrayList<>();
        while (true) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                throw new IllegalStateException("the file ends without its 'end' line (truncated)");
            }
            String line = text.substring(pos, nl);
            pos = nl + 1;
            if (line.startsWith("end ")) {
                if (Integer.parseInt(line.substring(4)) != entries.size()) {
                    throw new IllegalStateException("it says " + line.substring(4) + " entries but holds "
                            + entries.size());
                }
                break;
            }
            if (!line.startsWith("entry ")) {
                throw new IllegalStateException("expected an entry line, found '" + line + "'");
            }
            String[] p = line.split(" ");
            if (p.length != 10) {
                throw new IllegalStateException("malformed entry line '" + line + "'");
            }
            int end = text.indexOf("\n\n", pos);
            if (end < 0) {
                throw new IllegalStateException("the entry of " + p[2] + " does not end");
            }
            String paragraph = text.substring(pos, end + 1);
            pos = end + 2;
            entries.add(new AptEntry(p[1], p[2], p[3], p[4], Long.parseLong(p[5]), p[6], p[7],
                    p[8].equals("-") ? null : p[8], p[9].equals("-") ? null : p[9], paragraph));
        }
        return new AptState(suite, codename, origin, label, architectures, components, generation, entries,
                retained);
    }

    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split(" +"));
    }
}
