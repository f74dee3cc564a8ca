package org.vatools.vainstall.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;
import org.vatools.core.seed.SeedFile;
import org.vatools.core.seed.SeedParser;
import org.vatools.vainstall.pm.Selection;
import org.vatools.vainstall.testing.Fixtures;

/** The answers file and the merge of seed, file, command line and terminal. */
class AnswersTest {
    private static final Appliance APPLIANCE = DescriptorReader.parsePackaged(Fixtures.descriptor("dw"), "dw.yaml");
    private static final SeedFile SEED = SeedParser.parse(Fixtures.seed(), "dw.seed");

    private static MergedAnswers merge(List<GivenAnswer> file, List<GivenAnswer> cli) {
        return AnswerMerger.merge("dw", SEED, APPLIANCE.questions(), file, cli).complete(null);
    }

    private static String value(MergedAnswers a, String question) {
        return a.selections().stream().filter(s -> s.question().equals(question)).map(Selection::value).findFirst()
                .orElse(null);
    }

    @Test
    void answersFilesAreQuestionEqualsValueLines() {
        List<GivenAnswer> a = AnswersFile.parse("# comment\n\n  dokuwiki/wiki/title = A = B \r\n"
                + "dokuwiki/wiki/superuser=\n", "site.answers");
        assertEquals(2, a.size());
        assertEquals("dokuwiki/wiki/title", a.get(0).question());
        assertEquals(" A = B ", a.get(0).value(), "the value is kept as written");
        assertEquals("site.answers:3", a.get(0).origin());
        assertEquals("", a.get(1).value());
        assertFalse(a.get(0).toString().contains("A = B"), "toString never shows a value");
    }

    @Test
    void badAnswersFileLinesAreAllReportedWithTheirLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AnswersFile.parse(
                "no equals sign\n=value\na/b=1\na/b=2\n", "f.answers"));
        assertEquals(3, e.problems().size());
        assertEquals("f.answers:1: expected QUESTION=VALUE (for example dokuwiki/wiki/title=My Wiki)",
                e.problems().get(0).toString());
        assertEquals("f.answers:4: 'a/b' is answered again (first on line 3)", e.problems().get(2).toString());
    }

    @Test
    void precedenceIsSeedThenFileThenCommandLine() {
        MergedAnswers a = merge(List.of(new GivenAnswer("dokuwiki/wiki/title", "File", "f:1"),
                        new GivenAnswer("dokuwiki/wiki/superuser", "fileadmin", "f:2"),
                        new GivenAnswer(Fixtures.PASSWORD_QUESTION, "pw1", "f:3")),
                List.of(new GivenAnswer("dokuwiki/wiki/title", "Cli", "--answer")));
        assertEquals("Cli", value(a, "dokuwiki/wiki/title"));
        assertEquals("fileadmin", value(a, "dokuwiki/wiki/superuser"));
        assertEquals("true", value(a, "dokuwiki/wiki/acl"), "the seed's own answer");
        assertEquals("closed", value(a, "dokuwiki/wiki/policy"), "the descriptor's default");
        assertEquals("pw1", value(a, "dokuwiki/wiki/confirm"), "also-answers get the same answer");
        Selection confirm = a.selections().stream().filter(s -> s.question().equals("dokuwiki/wiki/confirm")).findFirst()
                .orElseThrow();
        assertEquals("dokuwiki", confirm.owner());
        assertTrue(confirm.secret());
        assertEquals(java.util.Set.of("pw1"), a.secrets());
        assertTrue(a.shown().stream().filter(MergedAnswers.Shown::secret).allMatch(s -> s.value().equals("********")));
        assertEquals("--answer", a.shown().stream().filter(s -> s.question().equals("dokuwiki/wiki/title"))
                .findFirst().orElseThrow().origin());
    }

    @Test
    void missingRequiredAnswersAreAllListedWithoutATerminal() {
        ApplianceException e = assertThrows(ApplianceException.class, () -> merge(List.of(), List.of()));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("- dokuwiki/wiki/password: Password for the wiki administrator (secret"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was changed."));
    }

    @Test
    void unknownQuestionsAndBadValuesAreRefusedWithoutShowingSecrets() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> merge(
                List.of(new GivenAnswer("dokuwiki/wiki/titel", "x", "f.answers:2"),
                        new GivenAnswer("dokuwiki/wiki/acl", "yes", "f.answers:3"),
                        new GivenAnswer("dokuwiki/wiki/confirm", "hidden-pw", "f.answers:4")),
                List.of(new GivenAnswer("dokuwiki/wiki/policy", "everyone", "--answer"),
                        new GivenAnswer(Fixtures.PASSWORD_QUESTION, "two\nlines", "--answer"))));
        List<String> p = e.problems().stream().map(Object::toString).toList();
        assertEquals(5, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("f.answers:2: 'dokuwiki/wiki/titel' is not a question of dw (did you mean"
                + " 'dokuwiki/wiki/title'?)"), p.get(0));
        assertEquals("f.answers:3: 'dokuwiki/wiki/acl': 'yes' is not true or false", p.get(1));
        assertEquals("f.answers:4: 'dokuwiki/wiki/confirm' gets the answer of 'dokuwiki/wiki/password'; answer that"
                + " question instead", p.get(2));
        assertEquals("--answer: 'dokuwiki/wiki/policy': 'everyone' is not one of public, closed, open", p.get(3));
        assertEquals("--answer: 'dokuwiki/wiki/password': an answer must be a single line", p.get(4));
        assertFalse(e.getMessage().contains("hidden-pw"));
    }

    @Test
    void aSecretsInvalidValueIsNeverQuoted() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AnswerMerger.merge("dw", SEED,
                APPLIANCE.questions(), List.of(), List.of(new GivenAnswer(Fixtures.PASSWORD_QUESTION, "bad\rsecret", "--answer"))));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void secretsGivenOnTheCommandLineAreNamed() {
        AnswerMerger.Draft d = AnswerMerger.merge("dw", SEED, APPLIANCE.questions(), List.of(),
                List.of(new GivenAnswer(Fixtures.PASSWORD_QUESTION, "pw", "--answer"),
                        new GivenAnswer("dokuwiki/wiki/title", "t", "--answer")));
        assertEquals(List.of(Fixtures.PASSWORD_QUESTION), d.secretsOnCommandLine());
    }
}
