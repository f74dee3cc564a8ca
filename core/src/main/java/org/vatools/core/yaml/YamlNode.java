package org.vatools.core.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it came from, so that every validation message can name
 * the file, line and column. Built by {@link YamlTreeReader}; immutable.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    /** 1-based line and column of the node's first character. */
    record Location(int line, int column) {
    }

    Location location();

    /** A short name of the node's kind for messages: "a string", "a list", "a mapping". */
    String kindName();

    /** A scalar, kept as the text written in the file ({@code 1.10} stays "1.10"); {@code null} is YAML null. */
    record Scalar(String text, Location location) implements YamlNode {
        public boolean isNull() {
            return text == null;
        }

        @Override
        public String kindName() {
            return isNull() ? "null" : "a scalar";
        }
    }

    record Sequence(List<YamlNode> items, Location location) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kindName() {
            return "a list";
        }
    }

    /** A mapping with keys in file order; {@code keyLocations} point at each key. */
    record Mapping(Map<String, YamlNode> entries, Map<String, Location> keyLocations, Location location)
            implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLocations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
        }

        @Override
        public String kindName() {
            return "a mapping";
        }
    }
}
