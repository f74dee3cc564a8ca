package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptionFormatterTest {

    @Test
    void debianFieldWrapsParagraphsAndMarksBlankLinesWithADot() {
        String text = """
                Turns a fresh Debian server into a DokuWiki wiki. Installs DokuWiki, Apache and PHP, answers DokuWiki's \
                setup questions from the appliance seed and serves the wiki at the root of the web server.

                The administrator's password is asked when the appliance is installed.
                """;
        String field = DescriptionFormatter.debianField("DokuWiki wiki served by Apache", text);
        assertEquals("""
                DokuWiki wiki served by Apache
                 Turns a fresh Debian server into a DokuWiki wiki. Installs DokuWiki, Apache and
                 PHP, answers DokuWiki's setup questions from the appliance seed and serves the
                 wiki at the root of the web server.
                 .
                 The administrator's password is asked when the appliance is installed.""", field);
    }

    @Test
    void noDebianLineIsLongerThan80Characters() {
        String words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ".repeat(20);
        String field = DescriptionFormatter.debianField("Synopsis", words + "\n\n- " + words + "\n");
        for (String line : field.split("\n")) {
            assertTrue(line.length() <= 80, () -> "line of " + line.length() + " characters: " + line);
        }
        assertTrue(field.lines().skip(1).allMatch(l -> l.startsWith(" ")), field);
    }

    @Test
    void listItemsAndIndentedLinesAreShownVerbatimByDebianFrontEnds() {
        String field = DescriptionFormatter.debianField("Synopsis", """
                Features:
                - a first item that is long enough to need a second line when it is wrapped at eighty
                * a second item,
                  continued on the next line

                Example:
                   vainstall dokuwiki-appliance
                """);
        assertEquals("""
                Synopsis
                 Features:
                  * a first item that is long enough to need a second line when it is wrapped at
                    eighty
                  * a second item, continued on the next line
                 .
                 Example:
                    vainstall dokuwiki-appliance""", field);
    }

    @Test
    void tabsBecomeSpacesAndTrailingBlanksGo() {
        String field = DescriptionFormatter.debianField("Synopsis", "Text\n\n\tcolumn\tvalue   \n");
        assertEquals("Synopsis\n Text\n .\n         column  value", field);
    }

    @Test
    void emptyDescriptionGivesTheSynopsisAlone() {
        assertEquals("Just this", DescriptionFormatter.debianField("  Just this ", "\n\n"));
    }

    @Test
    void rpmDescriptionUsesPlainParagraphsOfAtMost79Characters() {
        String words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ".repeat(5);
        String rpm = DescriptionFormatter.rpm(words + "\n\nSecond paragraph.\n- item\n");
        List<String> lines = rpm.lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.length() <= 79), rpm);
        assertTrue(lines.contains(""), "paragraphs are separated by an empty line: " + rpm);
        assertEquals("Second paragraph.", lines.get(lines.indexOf("") + 1));
        assertEquals("* item", lines.get(lines.size() - 1));
        assertTrue(!rpm.startsWith(" ") && !rpm.endsWith("\n"), rpm);
    }

    @Test
    void aWordLongerThanTheLineStaysWhole() {
        String url = "https://example.org/" + "x".repeat(100);
        assertEquals(List.of("see", url, "for more"), DescriptionFormatter.wrap("see " + url + " for more", 30, "", ""));
    }
}
