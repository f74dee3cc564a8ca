package org.vatools.core.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML document into a {@link YamlNode} tree with line and column for every node,
 * from SnakeYAML's event stream (so nothing is converted behind our back: {@code 1.10} stays the
 * text "1.10", {@code 0644} stays "0644").
 *
 * <p>Syntax errors end the read at once (nothing after them can be trusted). Problems that
 * leave the tree usable are collected instead, so they are reported together with the
 * descriptor's other problems: duplicate keys (the first one is kept), keys that are not plain
 * values, aliases ({@code *name}, refused because a copied value would point every message at
 * the anchor) and custom tags.
 */
public final class YamlTreeReader {
    private static final Resolver RESOLVER = new Resolver();

    private YamlTreeReader() {
    }

    /**
     * Reads {@code text}; any problem, syntax or structure, throws.
     *
     * @throws InvalidInputException naming {@code source:line:column}
     */
    public static YamlNode read(String text, String source) {
        List<Problem> problems = new ArrayList<>();
        YamlNode root = read(text, source, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return root;
    }

    /**
     * Reads {@code text}, adding structure problems to {@code problems} and returning the
     * usable tree.
     *
     * @throws InvalidInputException on a syntax error or an empty document
     */
    public static YamlNode read(String text, String source, List<Problem> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // we report them ourselves, with both lines
        Iterator<Event> events = new Yaml(options).parse(new StringReader(text)).iterator();
        try {
            return new Builder(events, source, problems).document();
        } catch (MarkedYAMLException e) {
            throw new InvalidInputException(syntaxProblem(e, source));
        } catch (YAMLException e) {
            throw new InvalidInputException(Problem.inFile(source, "malformed YAML: " + firstLine(e.getMessage())));
        }
    }

    private static Problem syntaxProblem(MarkedYAMLException e, String source) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem().strip();
        String context = e.getContext() == null ? "" : " (" + e.getContext().strip() + ")";
        String hint = problem.contains("\\t") || problem.contains("TAB")
                ? "; indent with spaces, YAML does not allow tabs" : "";
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        return new Problem(source, line, column, "", "malformed YAML: " + problem + context + hint);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    /** A recursive descent over the event stream. */
    private static final class Builder {
        private final Iterator<Event> events;
        private final String source;
        private final List<Problem> problems;

        Builder(Iterator<Event> events, String source, List<Problem> problems) {
            this.events = events;
            this.source = source;
            this.problems = problems;
        }

        YamlNode document() {
            next(); // StreamStart
            Event e = next();
            if (e instanceof StreamEndEvent) {
                throw new InvalidInputException(Problem.inFile(source,
                        "the file is empty; expected a YAML mapping of keys such as 'name:' and 'version:'"));
            }
            if (!(e instanceof DocumentStartEvent)) {
                throw new IllegalStateException("unexpected YAML event " + e);
            }
            YamlNode root = node(next(), "");
            next(); // DocumentEnd
            Event after = next();
            if (after instanceof DocumentStartEvent) {
                Location l = location(after);
                throw new InvalidInputException(new Problem(source, l.line, l.column, "",
                        "a second YAML document starts here ('---'); the file must hold exactly one"));
            }
            return root;
        }

        private Event next() {
            return events.next();
        }

        private YamlNode node(Event e, String path) {
            YamlNode.Location location = location(e).toNode();
            if (e instanceof AliasEvent alias) {
                problem(e, path, "the alias '*" + alias.getAnchor() + "' is not supported; write the value out");
                return new YamlNode.Scalar(null, location);
            }
            if (e instanceof ScalarEvent s) {
                return scalar(s, location, path);
            }
            if (e instanceof CollectionStartEvent c) {
                checkTag(c.getTag(), c, c instanceof MappingStartEvent ? Tag.MAP : Tag.SEQ, path);
            }
            if (e instanceof SequenceStartEvent) {
                List<YamlNode> items = new ArrayList<>();
                for (Event item = next(); !(item instanceof SequenceEndEvent); item = next()) {
                    items.add(node(item, path + "[" + items.size() + "]"));
                }
                return new YamlNode.Sequence(items, location);
            }
            if (e instanceof MappingStartEvent) {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, YamlNode.Location> keyLocations = new LinkedHashMap<>();
                for (Event key = next(); !(key instanceof MappingEndEvent); key = next()) {
                    YamlNode keyNode = node(key, path);
                    String keyText = keyNode instanceof YamlNode.Scalar k && !k.isNull() ? k.text() : null;
                    YamlNode value = node(next(), keyText == null ? path : child(path, keyText));
                    if (keyText == null) {
                        problem(key, path, "keys must be plain words such as 'name'; found " + keyNode.kindName());
                        continue;
                    }
                    if (entries.containsKey(keyText)) {
                        problem(key, child(path, keyText), "duplicate key '" + keyText + "' (first at line "
                                + keyLocations.get(keyText).line() + "); remove one of them");
                        continue;
                    }
                    entries.put(keyText, value);
                    keyLocations.put(keyText, keyNode.location());
                }
                return new YamlNode.Mapping(entries, keyLocations, location);
            }
            throw new IllegalStateException("unexpected YAML event " + e);
        }

        private YamlNode scalar(ScalarEvent s, YamlNode.Location location, String path) {
            String tag = s.getTag();
            if (tag != null && !tag.equals("!")) {
                checkTag(tag, s, Tag.STR, path);
                if (tag.equals(Tag.NULL.getValue())) {
                    return new YamlNode.Scalar(null, location);
                }
                return new YamlNode.Scalar(s.getValue(), location);
            }
            if (s.isPlain() && RESOLVER.resolve(NodeId.scalar, s.getValue(), true).equals(Tag.NULL)) {
                return new YamlNode.Scalar(null, location);
            }
            return new YamlNode.Scalar(s.getValue(), location);
        }

        private void checkTag(String tag, Event e, Tag expected, String path) {
            if (tag == null || tag.equals("!") || tag.equals(expected.getValue())) {
                return;
            }
            if (tag.startsWith(Tag.PREFIX) && expected == Tag.STR && !tag.equals(Tag.MAP.getValue())
                    && !tag.equals(Tag.SEQ.getValue())) {
                return; // !!str, !!int, !!bool, !!null on a scalar: the text is kept as written
            }
            problem(e, path, "the tag '" + tag + "' is not supported; remove it");
        }

        private void problem(Event e, String path, String message) {
            Location l = location(e);
            problems.add(new Problem(source, l.line, l.column, path, message));
        }

        private static String child(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static Location location(Event e) {
            Mark m = e.getStartMark();
            return m == null ? new Location(0, 0) : new Location(m.getLine() + 1, m.getColumn() + 1);
        }
    }

    private record Location(int line, int column) {
        YamlNode.Location toNode() {
            return new YamlNode.Location(line, column);
        }
    }
}
