package org.vatools.core.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.vatools.core.Problem;

/**
 * Typed, located access to a {@link YamlNode} tree that collects every problem instead of
 * stopping at the first one (strict decoding: unknown keys are errors). One instance reads one
 * file; {@link #problems()} holds everything found so far.
 */
public final class NodeReader {
    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    public NodeReader(String source) {
        this.source = source;
    }

    /** A reader that starts with problems already found in the same file (by the YAML reader). */
    public NodeReader(String source, List<Problem> earlier) {
        this.source = source;
        this.problems.addAll(earlier);
    }

    /** Adds problems found elsewhere (another file read for this one) to the same report. */
    public void addAll(Collection<Problem> more) {
        problems.addAll(more);
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    public void problem(YamlNode node, String path, String message) {
        YamlNode.Location l = node == null ? new YamlNode.Location(0, 0) : node.location();
        problems.add(new Problem(source, l.line(), l.column(), path, message));
    }

    public void problemAtKey(YamlNode.Mapping map, String key, String path, String message) {
        YamlNode.Location l = map.keyLocations().getOrDefault(key, map.location());
        problems.add(new Problem(source, l.line(), l.column(), path, message));
    }

    /** The node as a mapping, or a problem and empty. */
    public Optional<YamlNode.Mapping> mapping(YamlNode node, String path) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(m);
        }
        problem(node, path, "expected a mapping (key: value lines), found " + node.kindName());
        return Optional.empty();
    }

    /** Reports every key of {@code map} not in {@code allowed}, naming the allowed ones. */
    public void rejectUnknownKeys(YamlNode.Mapping map, String path, Collection<String> allowed) {
        for (String key : map.entries().keySet()) {
            if (!allowed.contains(key)) {
                String where = path.isEmpty() ? key : path + "." + key;
                problemAtKey(map, key, where, "unknown key '" + key + "'; allowed here: "
                        + String.join(", ", allowed) + suggestion(key, allowed));
            }
        }
    }

    private static String suggestion(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = editDistance(key.toLowerCase(java.util.Locale.ROOT), a);
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best != null && bestDistance <= 2 ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance, for "did you mean" hints. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** A required non-empty scalar. */
    public Optional<String> requiredString(YamlNode.Mapping map, String key, String parent) {
        YamlNode node = map.entries().get(key);
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            problems.add(new Problem(source, map.location().line(), map.location().column(), path(parent, key),
                    "missing required key '" + key + "'"));
            return Optional.empty();
        }
        return scalar(node, path(parent, key), true);
    }

    /** An optional scalar; absent and null give empty. */
    public Optional<String> optionalString(YamlNode.Mapping map, String key, String parent) {
        YamlNode node = map.entries().get(key);
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            return Optional.empty();
        }
        return scalar(node, path(parent, key), true);
    }

    public Optional<String> scalar(YamlNode node, String path, boolean nonEmpty) {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            if (nonEmpty && s.text().isBlank()) {
                problem(node, path, "must not be empty");
                return Optional.empty();
            }
            return Optional.of(s.text());
        }
        problem(node, path, "expected a single value, found " + node.kindName());
        return Optional.empty();
    }

    public Optional<Boolean> optionalBoolean(YamlNode.Mapping map, String key, String parent) {
        return optionalString(map, key, parent).flatMap(v -> {
            if (v.equals("true") || v.equals("false")) {
                return Optional.of(Boolean.valueOf(v));
            }
            problem(map.entries().get(key), path(parent, key), "expected true or false, found '" + v + "'");
            return Optional.empty();
        });
    }

    /** A list of scalars; a single scalar is not accepted (write it as a one-item list). */
    public List<Located<String>> stringList(YamlNode.Mapping map, String key, String parent) {
        YamlNode node = map.entries().get(key);
        List<Located<String>> out = new ArrayList<>();
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            return out;
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            problem(node, path(parent, key), "expected a list (lines starting with '- '), found " + node.kindName());
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String itemPath = path(parent, key) + "[" + i + "]";
            scalar(item, itemPath, true).ifPresent(v -> out.add(new Located<>(v, item, itemPath)));
        }
        return out;
    }

    /** The items of an optional list of mappings with their paths. */
    public List<Located<YamlNode.Mapping>> mappingList(YamlNode.Mapping map, String key, String parent,
                                                       Collection<String> allowedKeys) {
        YamlNode node = map.entries().get(key);
        List<Located<YamlNode.Mapping>> out = new ArrayList<>();
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            return out;
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            problem(node, path(parent, key), "expected a list of mappings, found " + node.kindName());
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String itemPath = path(parent, key) + "[" + i + "]";
            mapping(item, itemPath).ifPresent(m -> {
                rejectUnknownKeys(m, itemPath, allowedKeys);
                out.add(new Located<>(m, item, itemPath));
            });
        }
        return out;
    }

    /** A value with the node it came from and its YAML path. */
    public record Located<T>(T value, YamlNode node, String path) {
    }
}
