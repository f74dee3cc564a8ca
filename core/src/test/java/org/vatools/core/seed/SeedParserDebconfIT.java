package org.vatools.core.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.InvalidInputException;
import org.vatools.testkit.Tool;

/**
 * The seed parser against the reference, debconf-set-selections -c: every line it rejects
 * (exit 1) or skips (a warning) we refuse too, at the same line, and what it reads we read the
 * same way (checked by loading our reading back through debconf-set-selections -c).
 */
class SeedParserDebconfIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void debconfIsPresent() {
        if (!Tool.available("debconf-set-selections")) {
            fail("debconf-set-selections is missing; run 'sh scripts/install-deps.sh test' (debconf-utils)");
        }
    }

    /** debconf-set-selections -c on a seed: exit code and the line numbers it complains about. */
    private record Verdict(int exit, List<Integer> lines, String stderr) {
    }

    private Verdict debconf(String seed) throws IOException {
        Path file = Files.createTempFile(tmp, "seed", ".seed");
        Files.writeString(file, seed, StandardCharsets.UTF_8);
        Tool.Result r = Tool.run("debconf-set-selections", "-c", file.toString());
        List<Integer> lines = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("(?:parse error on line|skipping line) (\\d+)").matcher(r.stderr());
        while (m.find()) {
            lines.add(Integer.parseInt(m.group(1)));
        }
        return new Verdict(r.exitCode(), lines, r.stderr());
    }

    private static List<Integer> ours(String seed) {
        try {
            SeedParser.parse(seed, "x.seed");
            return List.of();
        } catch (InvalidInputException e) {
            return e.problems().stream().map(p -> p.line()).toList();
        }
    }

    @Test
    void whatDebconfRejectsOrSkipsWeRefuseAtTheSameLine() throws IOException {
        String[] cases = {
            "owner question\n",
            "a a/b string x\n\nonly-one-field\n",
            "a a/b strnig x\n",
            "a a/b error x\n",
            "  # comment\na a/t string x\n\tbad line\n",
            "a a/t string long \\\nvalue\nx y\n",
            "a a/b string x\r\na a/c frob y\r\n",
        };
        for (String seed : cases) {
            Verdict d = debconf(seed);
            assertTrue(d.exit() != 0 || !d.lines().isEmpty(), "debconf accepts " + seed + d);
            List<Integer> ours = ours(seed);
            for (int line : d.lines()) {
                assertTrue(ours.contains(line), "debconf complains about line " + line + " of " + seed.replace("\n",
                        "\\n") + " (" + d.stderr().strip() + ") but we report " + ours);
            }
        }
    }

    @Test
    void whatWeAcceptDebconfAcceptsAndReadsAlike() throws IOException {
        String seed = "# dokuwiki\n\n  dokuwiki dokuwiki/wiki/title string Appliance Wiki\r\n"
                + "dokuwiki\tdokuwiki/wiki/acl\tboolean\ttrue\n"
                + "dokuwiki dokuwiki/system/localnet string\n"
                + "dokuwiki dokuwiki/system/configure-webserver multiselect apache2, lighttpd\n"
                + "dokuwiki dokuwiki/wiki/title seen true\n"
                + "postfix postfix/mailname string mail.\\\nexample.org\n";
        Verdict d = debconf(seed);
        assertEquals(0, d.exit(), d.stderr());
        assertEquals("", d.stderr());
        SeedFile parsed = SeedParser.parse(seed, "x.seed");
        assertEquals(6, parsed.entries().size());
        assertEquals("mail.example.org", parsed.find("postfix/mailname").orElseThrow().value());
        StringBuilder again = new StringBuilder();
        parsed.entries().forEach(e -> again.append(e.toSelectionLine()).append('\n'));
        Verdict reread = debconf(again.toString());
        assertEquals(0, reread.exit(), reread.stderr());
        assertEquals("", reread.stderr());
    }

    @Test
    void shippedSeedsPassDebconfAndUs() throws IOException {
        try (var seeds = Files.list(Path.of("..", "seeds"))) {
            List<Path> files = seeds.filter(p -> p.toString().endsWith(".seed")).sorted().toList();
            assertTrue(files.size() >= 3, "seeds of the shipped appliances: " + files);
            for (Path seed : files) {
                Tool.Result r = Tool.run("debconf-set-selections", "-c", seed.toString());
                assertEquals(0, r.exitCode(), r.describe(seed.toString()));
                assertEquals("", r.stderr(), seed.toString());
                SeedFile parsed = SeedParser.parse(Files.readString(seed), seed.toString());
                assertTrue(parsed.entries().size() >= 3, seed.toString());
            }
        }
    }
}
