package org.vatools.core.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

class SeedParserTest {

    private static List<Problem> problems(String seed) {
        return assertThrows(InvalidInputException.class, () -> SeedParser.parse(seed, "x.seed")).problems();
    }

    private static Problem onlyProblem(String seed) {
        List<Problem> p = problems(seed);
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    @Test
    void readsFieldsAsDebconfSetSelectionsDoes() {
        SeedFile seed = SeedParser.parse("# comment\n\n  dokuwiki dokuwiki/wiki/title string Appliance Wiki\n"
                + "dokuwiki\tdokuwiki/wiki/acl\tboolean\ttrue\r\n"
                + "dokuwiki dokuwiki/system/localnet string\n"
                + "dokuwiki dokuwiki/system/configure-webserver multiselect apache2, lighttpd", "x.seed");
        assertEquals(List.of(
                new SeedEntry("dokuwiki", "dokuwiki/wiki/title", DebconfType.STRING, "Appliance Wiki", 3),
                new SeedEntry("dokuwiki", "dokuwiki/wiki/acl", DebconfType.BOOLEAN, "true", 4),
                new SeedEntry("dokuwiki", "dokuwiki/system/localnet", DebconfType.STRING, "", 5),
                new SeedEntry("dokuwiki", "dokuwiki/system/configure-webserver", DebconfType.MULTISELECT,
                        "apache2, lighttpd", 6)), seed.entries());
        assertEquals("dokuwiki dokuwiki/wiki/title string Appliance Wiki", seed.entries().get(0).toSelectionLine());
    }

    @Test
    void continuationJoinsWithoutABlankAndKeepsTheFirstLineNumber() {
        SeedFile seed = SeedParser.parse("a a/title string Long \\\nTitle\n\na a/b boolean \\\ntrue\n", "x.seed");
        assertEquals("Long Title", seed.entries().get(0).value());
        assertEquals(1, seed.entries().get(0).line());
        assertEquals("true", seed.entries().get(1).value());
        assertEquals(4, seed.entries().get(1).line());
    }

    @Test
    void tooFewFieldsIsDebconfsParseError() {
        Problem p = onlyProblem("a a/b string x\nowner question\n");
        assertEquals(2, p.line());
        assertEquals("x.seed:2: expected 'owner question type value' (debconf-set-selections reports a parse"
                + " error), found 'owner question'", p.toString());
    }

    @Test
    void unknownTypeIsRefusedNotSkipped() {
        Problem p = onlyProblem("\n\npostfix postfix/mailname strnig mail.example.org\n");
        assertEquals(3, p.line());
        assertEquals("postfix/mailname", p.path());
        assertTrue(p.message().startsWith("unknown debconf type 'strnig' (debconf-set-selections warns and skips"
                + " the line); use one of select, boolean, string"), p.message());
    }

    @Test
    void errorTypeIsUnknownToDebconfSetSelections() {
        assertTrue(onlyProblem("dokuwiki dokuwiki/wiki/failpass error x\n").message()
                .startsWith("unknown debconf type 'error'"));
    }

    @Test
    void badBooleansAndSeenFlags() {
        List<Problem> p = problems("a a/b boolean yes\na a/c boolean True\na a/d seen 1\na a/e boolean true \n");
        assertEquals(List.of(1, 2, 3, 4), p.stream().map(Problem::line).toList());
        assertEquals("a boolean needs 'true' or 'false', found 'yes'", p.get(0).message());
        assertEquals("a seen needs 'true' or 'false', found '1'", p.get(2).message());
        assertEquals("a boolean needs 'true' or 'false', found 'true '", p.get(3).message());
    }

    @Test
    void passwordLinesAreRefusedWithTheQuestionAndLine() {
        Problem p = onlyProblem("dokuwiki dokuwiki/wiki/title string W\ndokuwiki dokuwiki/wiki/password password s3cret\n");
        assertEquals(new Problem("x.seed", 2, 0, "dokuwiki/wiki/password", p.message()), p);
        assertTrue(p.message().startsWith("is a password question: a published seed must not carry secrets;"),
                p.message());
        assertTrue(p.toString().startsWith("x.seed:2: dokuwiki/wiki/password: is a password question"));
    }

    @Test
    void commentEndingInBackslashSwallowsTheNextLine() {
        Problem p = onlyProblem("# set the title \\\na a/title string T\n");
        assertEquals(1, p.line());
        assertEquals("this comment ends with '\\', so debconf-set-selections joins line 2 to it and ignores that"
                + " line; remove the '\\'", p.message());
    }

    @Test
    void backslashOnTheLastLineWouldStayInTheValue() {
        Problem p = onlyProblem("a a/b string x\na a/title string T\\\n");
        assertEquals(2, p.line());
        assertTrue(p.message().startsWith("the last line ends with '\\' but no line follows"), p.message());
    }

    @Test
    void leadingBlankInTheValueIsRefused() {
        Problem p = onlyProblem("a a/title string  Wiki\n");
        assertEquals("a/title", p.path());
        assertTrue(p.message().startsWith("the value starts with a blank"), p.message());
    }

    @Test
    void sameQuestionTwiceIsRefusedButSeenFlagsMayFollow() {
        Problem p = onlyProblem("a a/t string X\na a/t seen true\n\na a/t string Y\n");
        assertEquals(4, p.line());
        assertEquals("is answered twice (first at line 1); debconf-set-selections would keep only this one;"
                + " remove one", p.message());
    }

    @Test
    void questionNameNeedsOwnerSlashName() {
        Problem p = onlyProblem("a title string X\n");
        assertEquals("'title' is not a debconf question name (expected owner/name, e.g. dokuwiki/wiki/title)",
                p.message());
    }

    @Test
    void byteOrderMarkIsRefused() {
        assertTrue(onlyProblem("\uFEFFa a/b string x\n").message().startsWith("the file starts with a byte order"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<Problem> p = problems("bad\na a/b frob x\na a/c password x\na a/d boolean maybe\n");
        assertEquals(List.of(1, 2, 3, 4), p.stream().map(Problem::line).toList());
    }
}
