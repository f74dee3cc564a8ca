package org.vatools.vainstall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.testing.AptHost;
import org.vatools.vainstall.testing.Fixtures;

/** The command line against fake targets: parsing, output, exit codes, --hosts. */
class VainstallMainTest {
    @TempDir
    Path tmp;

    private final Map<String, AptHost> hosts = new ConcurrentHashMap<>();
    private final List<TargetSpec> opened = Collections.synchronizedList(new ArrayList<>());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private AptHost host(String label) {
        return hosts.computeIfAbsent(label, l -> {
            AptHost h = new AptHost().offer("dokuwiki-appliance").offer("tiki-appliance");
            h.target.connections(hp -> "HTTP/1.1 200 OK\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return h;
        });
    }

    private int run(String... args) {
        Environment env = new Environment(Map.of("USER", "tester"), tmp.resolve("home"), "tester", tmp, null,
                Clock.systemUTC(), (spec, progress) -> {
                    opened.add(spec);
                    if (spec.host() != null && spec.host().host().startsWith("down")) {
                        throw new ApplianceException(ExitCode.ENVIRONMENT, spec.host() + ": cannot connect: refused");
                    }
                    return host(spec.label()).target;
                });
        return VainstallMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    @Test
    void helpIsEverywhere() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Exit codes"));
        for (String c : List.of("install", "list", "show", "remove", "add-repo", "backup", "restore", "backups",
                "update")) {
            assertEquals(0, run(c, "--help"), c);
        }
        assertTrue(out.toString().contains("--accept-new-host-key"));
        assertEquals(0, run("--version"));
    }

    @Test
    void theBareFormInstalls() {
        int code = run("dokuwiki-appliance", "--no-update", "--answer", Fixtures.PASSWORD_QUESTION + "=pw-on-cli");
        assertEquals(0, code, err.toString());
        assertEquals("1.0-1", host("localhost").installed.get("dokuwiki-appliance"));
        assertTrue(out.toString().contains("==> Installing dokuwiki-appliance 1.0-1"), out.toString());
        assertTrue(out.toString().contains("reachable at http://127.0.0.1/dokuwiki/doku.php"));
        assertTrue(err.toString().contains("warning: the secret answer to dokuwiki/wiki/password was given with --answer"));
        assertFalse(out.toString().contains("pw-on-cli"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("install"));
        assertEquals(2, run("install", "x", "--no-such-option"));
        assertEquals(2, run("install", "x", "--answer", "novalue"));
        assertEquals(2, run("list", "--identity", "k"), "SSH options need --host");
        assertEquals(2, run("list", "--host", "a", "--hosts", "f"));
        assertEquals(2, run());
        assertTrue(err.toString().contains("--help"));
    }

    @Test
    void missingAnswersExitTwoAndNameThem() {
        assertEquals(2, run("install", "dokuwiki-appliance", "--yes"));
        assertTrue(err.toString().contains("dokuwiki/wiki/password"), err.toString());
        assertTrue(host("localhost").debconf.isEmpty());
    }

    @Test
    void listPrintsATableOrJson() {
        host("localhost").installed.put("dokuwiki-appliance", "1.0-1");
        assertEquals(0, run("list"));
        assertTrue(out.toString().contains("NAME                VERSION  STATE\ndokuwiki-appliance  1.0-1    installed\n"),
                out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("list", "--json"));
        assertEquals("[{\"name\":\"dokuwiki-appliance\",\"version\":\"1.0-1\",\"state\":\"installed\"}]",
                out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(0, run("list", "--available", "--json"));
        assertEquals("[{\"name\":\"dokuwiki-appliance\",\"version\":\"1.0-1\",\"summary\":\"Wiki for the tests\","
                + "\"installed\":true},{\"name\":\"tiki-appliance\",\"version\":\"1.0-1\",\"summary\":\"Wiki for the"
                + " tests\",\"installed\":false}]", out.toString().strip());
    }

    @Test
    void showMasksNothingSecretAndListsQuestions() {
        assertEquals(0, run("show", "dokuwiki-appliance"), err.toString());
        String s = out.toString();
        assertTrue(s.startsWith("dokuwiki-appliance 1.0-1 (available, from the repository"), s);
        assertTrue(s.contains("dokuwiki/wiki/password (password, required, secret): Password for the wiki administrator"));
        assertTrue(s.contains("dokuwiki/wiki/title = Seed Wiki"));
        assertTrue(s.contains("memory: 256 MiB, disk: 300 MiB"));
        out.getBuffer().setLength(0);
        assertEquals(0, run("show", "dokuwiki-appliance", "--json"));
        assertTrue(out.toString().startsWith("{\"name\":\"dokuwiki-appliance\",\"version\":\"1.0-1\""), out.toString());
    }

    @Test
    void removeRefusesWhatIsNotInstalled() {
        assertEquals(11, run("remove", "dokuwiki-appliance"));
        assertTrue(err.toString().contains("dokuwiki-appliance is not an installed appliance"));
        host("localhost").installed.put("dokuwiki-appliance", "1.0-1");
        assertEquals(0, run("remove", "dokuwiki-appliance", "--purge"));
        assertTrue(host("localhost").installed.isEmpty());
    }

    @Test
    void manyHostsEachGetAResultLineAndMixedResultsArePartial() throws Exception {
        Path list = tmp.resolve("hosts");
        Files.writeString(list, "# the web servers\nadmin@web1\nweb2:2222\n\ndown1\n");
        Path answers = tmp.resolve("answers");
        Files.writeString(answers, Fixtures.PASSWORD_QUESTION + "=pw-in-file\n");
        int code = run("install", "dokuwiki-appliance", "--hosts", list.toString(), "--parallel", "2", "--answers",
                answers.toString(), "--no-update");
        assertEquals(ExitCode.PARTIAL.code(), code, out + "\n" + err);
        String o = out.toString();
        assertTrue(o.contains("admin@web1: ok\nweb2:2222: ok\ndown1: FAILED (exit 4): down1: cannot connect: refused\n"
                + "2 of 3 hosts succeeded"), o);
        assertTrue(o.contains("admin@web1: ==> Installing dokuwiki-appliance"), "lines carry the host");
        assertEquals("1.0-1", host("admin@web1").installed.get("dokuwiki-appliance"));
        assertEquals("1.0-1", host("web2:2222").installed.get("dokuwiki-appliance"));
        assertEquals("tester", opened.get(0).ssh().defaultUser());
        assertEquals(tmp.resolve("home/.ssh/known_hosts"), opened.get(0).ssh().knownHosts());
    }

    @Test
    void manyHostsFailingAlikeExitWithThatCode() throws Exception {
        Path list = tmp.resolve("hosts");
        Files.writeString(list, "down1\ndown2\n");
        assertEquals(ExitCode.ENVIRONMENT.code(), run("list", "--hosts", list.toString()));
        Files.writeString(list, "web1\nnot a host\n");
        assertEquals(ExitCode.INVALID_INPUT.code(), run("list", "--hosts", list.toString()));
        assertTrue(err.toString().contains(list + ":2: 'not a host' is not [USER@]HOST[:PORT]"), err.toString());
    }

    @Test
    void manyHostsWithJsonGiveOneDocument() throws Exception {
        Path list = tmp.resolve("hosts");
        Files.writeString(list, "web1\ndown1\n");
        host("web1").installed.put("tiki-appliance", "1.0-1");
        assertEquals(ExitCode.PARTIAL.code(), run("list", "--json", "--hosts", list.toString()));
        assertEquals("[{\"host\":\"web1\",\"exit\":0,\"error\":null,\"result\":[{\"name\":\"tiki-appliance\","
                + "\"version\":\"1.0-1\",\"state\":\"installed\"}]},{\"host\":\"down1\",\"exit\":4,\"error\":"
                + "\"down1: cannot connect: refused\",\"result\":null}]", out.toString().strip());
    }

    @Test
    void aRelativeRootIsResolvedAgainstTheWorkingFolder() {
        host(tmp.resolve("img").toString());
        assertEquals(0, run("list", "--root", "img"));
        assertEquals(tmp.resolve("img").toString(), opened.get(0).root());
        assertEquals(2, run("list", "--host", "web1", "--root", "relative"));
    }

    @Test
    void theBareFormIsOnlyAddedWhenNoCommandIsNamed() {
        assertEquals(List.of("install", "x"), List.of(VainstallMain.withInstall(new String[] {"x"})));
        assertEquals(List.of("install", "--root", "/r", "x"),
                List.of(VainstallMain.withInstall(new String[] {"--root", "/r", "x"})));
        assertEquals(List.of("list"), List.of(VainstallMain.withInstall(new String[] {"list"})));
        assertEquals(List.of("--help"), List.of(VainstallMain.withInstall(new String[] {"--help"})));
    }

    @Test
    void combinedExitCodes() {
        assertEquals(0, TargetRunner.combined(List.of(0, 0)));
        assertEquals(8, TargetRunner.combined(List.of(8, 8)));
        assertEquals(10, TargetRunner.combined(List.of(8, 4)));
        assertEquals(10, TargetRunner.combined(List.of(0, 4)));
    }
}
