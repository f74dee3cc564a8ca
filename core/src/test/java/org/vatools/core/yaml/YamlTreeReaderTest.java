package org.vatools.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

class YamlTreeReaderTest {

    private static Problem onlyProblem(String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> YamlTreeReader.read(yaml, "a.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void scalarsKeepTheirTextAndLocation() {
        YamlNode.Mapping m = (YamlNode.Mapping) YamlTreeReader.read(
                "version: 1.10\nmode: 0644\nconfig: yes\nempty:\ntilde: ~\nquoted: \"\"\n", "a.yaml");
        assertEquals("1.10", ((YamlNode.Scalar) m.entries().get("version")).text());
        assertEquals("0644", ((YamlNode.Scalar) m.entries().get("mode")).text());
        assertEquals("yes", ((YamlNode.Scalar) m.entries().get("config")).text());
        assertNull(((YamlNode.Scalar) m.entries().get("empty")).text());
        assertNull(((YamlNode.Scalar) m.entries().get("tilde")).text());
        assertEquals("", ((YamlNode.Scalar) m.entries().get("quoted")).text());
        assertEquals(new YamlNode.Location(2, 7), m.entries().get("mode").location());
        assertEquals(new YamlNode.Location(2, 1), m.keyLocations().get("mode"));
    }

    @Test
    void tabIndentationIsMalformedWithLineAndColumn() {
        Problem p = onlyProblem("a: 1\n\tb: 2\n");
        assertEquals("a.yaml", p.source());
        assertEquals(2, p.line());
        assertEquals(1, p.column());
        assertTrue(p.message().startsWith("malformed YAML: "), p.message());
        assertTrue(p.message().contains("indent with spaces"), p.message());
        assertTrue(p.toString().startsWith("a.yaml:2:1: malformed YAML"), p.toString());
    }

    @Test
    void unclosedFlowSequenceNamesWhereTheParserGaveUp() {
        Problem p = onlyProblem("name: x\ndepends: [a, b\nsummary: y\n");
        assertEquals(3, p.line());
        assertTrue(p.message().contains("while parsing a flow sequence"), p.message());
    }

    @Test
    void unterminatedQuoteIsReported() {
        Problem p = onlyProblem("a: \"open\nb: 1\n");
        assertTrue(p.message().contains("unexpected end of stream"), p.message());
        assertTrue(p.message().contains("while scanning a quoted scalar"), p.message());
    }

    @Test
    void duplicateKeysAreCollectedWithBothLines() {
        List<Problem> problems = new ArrayList<>();
        YamlNode.Mapping m = (YamlNode.Mapping) YamlTreeReader.read("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "a.yaml",
                problems);
        assertEquals(2, problems.size());
        assertEquals(new Problem("a.yaml", 4, 3, "b.c", "duplicate key 'c' (first at line 3); remove one of them"),
                problems.get(0));
        assertEquals(new Problem("a.yaml", 5, 1, "a", "duplicate key 'a' (first at line 1); remove one of them"),
                problems.get(1));
        assertEquals("1", ((YamlNode.Scalar) m.entries().get("a")).text(), "the first value is kept");
    }

    @Test
    void aliasesAreRefusedWithTheirPath() {
        List<Problem> problems = new ArrayList<>();
        YamlTreeReader.read("base: &deps [a, b]\ndepends:\n  deb: *deps\n", "a.yaml", problems);
        assertEquals(List.of(new Problem("a.yaml", 3, 8, "depends.deb",
                "the alias '*deps' is not supported; write the value out")), problems);
    }

    @Test
    void customTagsAreRefusedButCoreTagsKeepTheText() {
        List<Problem> problems = new ArrayList<>();
        YamlNode.Mapping m = (YamlNode.Mapping) YamlTreeReader.read("a: !!str 5\nb: !vault xyz\n", "a.yaml",
                problems);
        assertEquals("5", ((YamlNode.Scalar) m.entries().get("a")).text());
        assertEquals(1, problems.size());
        assertEquals("b", problems.get(0).path());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("the tag '!vault' is not supported"));
    }

    @Test
    void complexKeysAreRefused() {
        List<Problem> problems = new ArrayList<>();
        YamlTreeReader.read("? [a, b]\n: 1\nc: 2\n", "a.yaml", problems);
        assertEquals(1, problems.size());
        assertEquals(1, problems.get(0).line());
        assertTrue(problems.get(0).message().startsWith("keys must be plain words"), problems.get(0).message());
    }

    @Test
    void emptyFileAndSecondDocumentAreErrors() {
        assertTrue(onlyProblem("").message().startsWith("the file is empty"));
        assertTrue(onlyProblem("# only a comment\n").message().startsWith("the file is empty"));
        Problem second = onlyProblem("a: 1\n---\nb: 2\n");
        assertEquals(2, second.line());
        assertTrue(second.message().contains("a second YAML document"), second.message());
    }

    @Test
    void sequencesKeepItemLocations() {
        YamlNode.Mapping m = (YamlNode.Mapping) YamlTreeReader.read("deps:\n  - a\n  - b\n", "a.yaml");
        YamlNode.Sequence seq = assertInstanceOf(YamlNode.Sequence.class, m.entries().get("deps"));
        assertEquals(new YamlNode.Location(3, 5), seq.items().get(1).location());
    }
}
