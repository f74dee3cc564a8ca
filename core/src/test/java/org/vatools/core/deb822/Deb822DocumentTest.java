package org.vatools.core.deb822;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

class Deb822DocumentTest {

    private static final String CONTROL = """
            Package: demo
            Version: 1:1.2-3
            architecture: all
            Maintainer: Demo Maker <demo@example.org>
            Depends: dpkg (>= 1.0),
             apache2 | nginx
            Description: a demo package
             This is the long description.
             .
            \tSecond paragraph, indented with a tab.
            """;

    @Test
    void keepsFieldOrderSpellingAndLooksUpWithoutCase() {
        Deb822Paragraph p = Deb822Paragraph.parse(CONTROL, "control");
        assertEquals(List.of("Package", "Version", "architecture", "Maintainer", "Depends", "Description"), p.names());
        assertEquals("all", p.get("Architecture").orElseThrow());
        assertEquals("demo", p.get("PACKAGE").orElseThrow());
        assertEquals(3, p.field("architecture").orElseThrow().line());
        assertFalse(p.has("Section"));
        assertEquals(1, p.line());
    }

    @Test
    void foldedValuesReadAsDpkgPrintsThem() {
        Deb822Paragraph p = Deb822Paragraph.parse(CONTROL, "control");
        assertEquals("dpkg (>= 1.0),\n apache2 | nginx", p.get("Depends").orElseThrow());
        assertEquals("a demo package\n This is the long description.\n .\n\tSecond paragraph, indented with a tab.",
                p.get("Description").orElseThrow());
        assertEquals(List.of("a demo package", "This is the long description.", ".",
                "Second paragraph, indented with a tab."), p.field("Description").orElseThrow().lines());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "A: 1\n",
            "A: 1\nB:  two  spaces  \n",
            "A: 1",
            "\n\nA: 1\n\n\n",
            "A: 1\n \t\nB: 2\n",
            "A: 1\n\nB: 2\n C\n\n\nD: 3\n E\n .\n F\n",
            "Files:\n abc 12 f1\n def 34 f2\n",
            "A:x\nB:\n",
            "A: 1\r\nB: 2\r\n\r\nC: 3\r\n",
    })
    void writesBackByteForByte(String text) {
        Deb822Document doc = Deb822Document.parse(text, "x");
        assertEquals(text, doc.text());
        StringBuilder sb = new StringBuilder();
        doc.appendTo(sb);
        assertEquals(text, sb.toString());
    }

    @Test
    void readsManyParagraphsAsAPackagesIndex() {
        String text = "Package: a\nVersion: 1\n\nPackage: b\nVersion: 2\nDescription: x\n y\n\n \t \nPackage: c\nVersion: 3\n";
        Deb822Document doc = Deb822Document.parse(text, "Packages");
        assertEquals(3, doc.paragraphs().size());
        assertEquals("b", doc.paragraphs().get(1).get("package").orElseThrow());
        assertEquals(4, doc.paragraphs().get(1).line());
        assertEquals(10, doc.paragraphs().get(2).line());
        assertEquals("x\n y", doc.paragraphs().get(1).get("Description").orElseThrow());
    }

    @Test
    void withReplacesInPlaceKeepingSpellingAndLeavesFoldedFieldsAlone() {
        Deb822Paragraph p = Deb822Paragraph.parse(CONTROL, "control");
        Deb822Paragraph changed = p.with("ARCHITECTURE", "amd64").with("Filename", "pool/main/d/demo/demo.deb")
                .without("maintainer");
        String expected = CONTROL.replace("architecture: all", "architecture: amd64")
                .replace("Maintainer: Demo Maker <demo@example.org>\n", "")
                + "Filename: pool/main/d/demo/demo.deb\n";
        assertEquals(expected, changed.text());
        assertEquals(CONTROL, p.text());
        assertTrue(changed.with("Depends", "x\n y").text().contains("Depends: x\n y\n"));
        assertTrue(p.without("Nope") == p);
    }

    @Test
    void fieldsWithEmptyFirstLineAreWrittenAsReleaseFilesHaveThem() {
        Deb822Field f = Deb822Field.of("SHA256", "\n abc 12 main/binary-all/Packages\n def 34 main/binary-all/Packages.gz");
        assertEquals("SHA256:\n abc 12 main/binary-all/Packages\n def 34 main/binary-all/Packages.gz\n", f.text());
        Deb822Paragraph back = Deb822Paragraph.parse(f.text(), "Release");
        assertEquals(f.value(), back.get("sha256").orElseThrow());
    }

    @Test
    void refusesValuesThatCouldNotBeReadBack() {
        assertThrows(IllegalArgumentException.class, () -> Deb822Field.of("Description", "x\n\n y"));
        assertThrows(IllegalArgumentException.class, () -> Deb822Field.of("Description", "x\n  \n y"));
        assertThrows(IllegalArgumentException.class, () -> Deb822Field.of("Description", "x\ny"));
        assertThrows(IllegalArgumentException.class, () -> Deb822Field.of("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> Deb822Field.of("-X", "x"));
        assertThrows(IllegalArgumentException.class, () -> Deb822Field.of("A:B", "x"));
        assertThrows(IllegalArgumentException.class, () -> Deb822Paragraph.of(List.of(Deb822Field.of("A", "1"),
                Deb822Field.of("a", "2"))));
    }

    @Test
    void documentOfParagraphsSeparatesThemWithOneBlankLine() {
        Deb822Paragraph a = Deb822Paragraph.of(List.of(Deb822Field.of("Package", "a")));
        Deb822Paragraph b = Deb822Paragraph.parse("Package: b", "x");
        assertEquals("Package: a\n\nPackage: b\n", Deb822Document.of(List.of(a, b)).text());
    }

    @Test
    void reportsEveryBadLineWithItsNumber() {
        String text = "Package: a\nno colon here\n continued\n\n continuation first\nPackage: b\npackage: c\n#comment\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Deb822Document.parse(text, "f"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        List<Problem> problems = e.problems();
        assertEquals(4, problems.size(), e.getMessage());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("no colon here"));
        assertEquals(5, problems.get(1).line());
        assertTrue(problems.get(1).message().contains("without a field above it"));
        assertEquals(7, problems.get(2).line());
        assertEquals("package", problems.get(2).path());
        assertTrue(problems.get(2).message().contains("first at line 6"));
        assertEquals(8, problems.get(3).line());
        assertTrue(problems.get(3).message().contains("comment"));
        assertTrue(e.getMessage().startsWith("f:2: "), e.getMessage());
    }

    @Test
    void keepsCommentsWhereAllowed() {
        String text = "# APT sources\n\n# first\nTypes: deb\nURIs: http://x/\n# inside\n /more\nSuites: stable\n# last\n";
        Deb822Document doc = Deb822Document.parseWithComments(text, "x.sources");
        assertEquals(text, doc.text());
        Deb822Paragraph p = doc.paragraphs().get(0);
        assertEquals(List.of("Types", "URIs", "Suites"), p.names());
        assertEquals("http://x/\n /more", p.get("URIs").orElseThrow());
        assertEquals(text.substring(text.indexOf("# first")), p.without("Nothing").text());
    }

    @Test
    void singleParagraphParsingRefusesNoneAndTwo() {
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> Deb822Paragraph.parse("\n \n", "c"));
        assertTrue(none.getMessage().contains("no field"), none.getMessage());
        InvalidInputException two = assertThrows(InvalidInputException.class,
                () -> Deb822Paragraph.parse("A: 1\n\nB: 2\n", "c"));
        assertEquals(3, two.problems().get(0).line());
    }

    @Test
    void refusesBytesThatAreNotUtf8WithTheirLine() {
        byte[] bytes = "A: 1\nMaintainer: J\u00f6rg\n".getBytes(StandardCharsets.ISO_8859_1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Deb822Document.parse(bytes, "c"));
        assertEquals(2, e.problems().get(0).line());
        assertTrue(e.getMessage().contains("UTF-8"));
        byte[] good = "Maintainer: J\u00f6rg \u20ac \ud83d\ude00\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("J\u00f6rg \u20ac \ud83d\ude00", Deb822Document.parse(good, "c").paragraphs().get(0)
                .get("Maintainer").orElseThrow());
        byte[] surrogate = {'A', ':', ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'};
        assertThrows(InvalidInputException.class, () -> Deb822Document.parse(surrogate, "c"));
    }
}
