package org.vatools.core.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a {@link YamlNode} tree with line and column for every node.
 * Syntax errors and duplicate keys become {@link InvalidInputException}s naming
 * {@code source:line:column}.
 */
public final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlTreeReader() {
    }

    public static YamlNode read(String text, String source) {
        try (Reader reader = new StringReader(text); JsonParser parser = FACTORY.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidInputException(Problem.inFile(source, "the file is empty; expected a YAML mapping"));
            }
            YamlNode root = readValue(parser, source);
            if (parser.nextToken() != null) {
                JsonLocation loc = parser.currentTokenLocation();
                throw new InvalidInputException(new Problem(source, loc.getLineNr(), loc.getColumnNr(), "",
                        "unexpected content after the end of the document"));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(syntaxProblem(e, source));
        } catch (IOException e) {
            throw new InvalidInputException(Problem.inFile(source, "cannot read YAML: " + e.getMessage()));
        }
    }

    private static Problem syntaxProblem(JsonProcessingException e, String source) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            String context = marked.getContext() == null ? "" : " (" + marked.getContext().strip() + ")";
            return new Problem(source, mark.getLine() + 1, mark.getColumn() + 1, "",
                    "malformed YAML: " + marked.getProblem().strip() + context);
        }
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
        int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
        String message = e.getOriginalMessage().lines().findFirst().orElse("").strip();
        return new Problem(source, line, column, "", "malformed YAML: " + message);
    }

    private static YamlNode readValue(JsonParser parser, String source) throws IOException {
        JsonToken token = parser.currentToken();
        YamlNode.Location location = locationOf(parser);
        switch (token) {
            case START_OBJECT: {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, YamlNode.Location> keyLocations = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    YamlNode.Location keyLocation = locationOf(parser);
                    if (entries.containsKey(key)) {
                        throw new InvalidInputException(new Problem(source, keyLocation.line(), keyLocation.column(),
                                "", "duplicate key '" + key + "' (first at line "
                                        + keyLocations.get(key).line() + "); remove one of them"));
                    }
                    parser.nextToken();
                    entries.put(key, readValue(parser, source));
                    keyLocations.put(key, keyLocation);
                }
                return new YamlNode.Mapping(entries, keyLocations, location);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, source));
                }
                return new YamlNode.Sequence(items, location);
            }
            case VALUE_NULL:
                return new YamlNode.Scalar(null, location);
            case VALUE_STRING:
                return new YamlNode.Scalar(parser.getText(), location);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(parser.getText(), location);
            default:
                throw new InvalidInputException(new Problem(source, location.line(), location.column(), "",
                        "unsupported YAML construct (" + token + ")"));
        }
    }

    private static YamlNode.Location locationOf(JsonParser parser) {
        JsonLocation loc = parser.currentTokenLocation();
        return new YamlNode.Location(Math.max(loc.getLineNr(), 0), Math.max(loc.getColumnNr(), 0));
    }
}
