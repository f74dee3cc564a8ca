package org.vatools.repotools.appliances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.testkit.Tool;

/**
 * The shipped appliances' shell scripts under the real tools: every script parses with
 * {@code sh -n} and is clean under shellcheck; moinmoin-appliance's lock tool and installer run
 * against a Python package index on this machine (a file:// index with small wheels made here,
 * since the real index is out of reach): hashes are enforced, a tampered file is refused, and
 * an unreachable or silent index fails within seconds with a message naming it.
 */
class ApplianceScriptsIT {
    private static final Path APPLIANCES = Path.of("..", "appliance-packages").toAbsolutePath().normalize();
    private static final Path MOIN = APPLIANCES.resolve("moinmoin-appliance");
    private static final String PYTHON = "/usr/bin/python3";
    /** Keeps this machine's pip.conf (extra indexes, constraints) out of the tests. */
    private static final Map<String, String> PIP_ENV = Map.of("PIP_CONFIG_FILE", "/dev/null");

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolsArePresent() {
        for (String tool : List.of("sh", "shellcheck", "sha256sum")) {
            if (!Tool.available(tool)) {
                fail(tool + " is missing; run 'sh scripts/install-deps.sh test'");
            }
        }
        if (Tool.run(List.of(PYTHON, "-m", "venv", "--help"), null, Map.of(), null, 60).exitCode() != 0) {
            fail(PYTHON + " -m venv is missing; run 'sh scripts/install-deps.sh test' (python3-venv)");
        }
    }

    /** Shell scripts: the appliances' scripts/ and every file/tool starting with #!/bin/sh. */
    private static List<Path> shellScripts() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(APPLIANCES)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (p.getParent().getFileName().toString().equals("scripts") || text.startsWith("#!/bin/sh")) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Test
    void everyScriptParsesWithShDashN() throws IOException {
        List<Path> scripts = shellScripts();
        assertTrue(scripts.size() >= 14, "scripts of three appliances: " + scripts);
        for (Path script : scripts) {
            Tool.run("sh", "-n", script.toString()).assertSuccess();
        }
    }

    @Test
    void everyScriptIsShellcheckClean() throws IOException {
        List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=sh", "--severity=style"));
        shellScripts().forEach(p -> command.add(p.toString()));
        Tool.Result r = Tool.run(command, null, Map.of(), null, 120);
        assertEquals(0, r.exitCode(), r.describe("shellcheck found problems"));
    }

    @Test
    void pythonHelpersCompile() {
        for (String f : List.of("configure-wiki.py", "create-superuser.py", "moin.wsgi")) {
            Tool.run(List.of(PYTHON, "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())",
                    MOIN.resolve("files").resolve(f).toString()), null, Map.of(), null, 60).assertSuccess();
        }
    }

    @Test
    void shippedLockHasAHashOnEveryRequirement() throws IOException {
        assertEveryRequirementHashed(MOIN.resolve("files/requirements.lock"));
    }

    /** Every requirement (a non-comment line with its continuations) names ==version and a sha256. */
    static int assertEveryRequirementHashed(Path lock) throws IOException {
        int requirements = 0;
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(lock, StandardCharsets.UTF_8)) {
            if (current.isEmpty() && (line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
                current.append(' ');
                continue;
            }
            String requirement = current.toString();
            current.setLength(0);
            requirements++;
            assertTrue(requirement.matches("[a-z0-9][a-z0-9._-]*==\\S+( +--hash=sha256:[0-9a-f]{64})+"),
                    lock + ": requirement without a pinned version and sha256 hashes: " + requirement);
        }
        assertTrue(current.isEmpty(), lock + " ends inside a continued line");
        return requirements;
    }

    // ---- moinmoin-appliance against an index on this machine -------------------------------------

    private Path index;

    private Path makeIndex() throws IOException {
        index = tmp.resolve("index");
        wheel("moin", "2.0.0b1", Map.of("moin/__init__.py", "def main():\n    print('stand-in moin')\n"),
                List.of("demo-dep==1.0"), "moin = moin:main");
        wheel("demo-dep", "1.0", Map.of("demo_dep/__init__.py", ""), List.of(), null);
        return index;
    }

    private String indexUrl() {
        return index.resolve("simple").toUri().toString();
    }

    private Path lock(String targets) throws IOException {
        Path in = tmp.resolve("requirements.in");
        Files.writeString(in, "moin==2.0.0b1\n");
        Path out = tmp.resolve("requirements-" + targets.replaceAll("[^0-9a-z]", "_") + ".txt");
        Map<String, String> env = new LinkedHashMap<>(PIP_ENV);
        env.putAll(Map.of("LOCK_INPUT", in.toString(), "LOCK_OUTPUT", out.toString(), "LOCK_PYTHON", PYTHON,
                "LOCK_TARGETS", targets));
        Tool.run(List.of("sh", MOIN.resolve("tools/lock-requirements").toString(), indexUrl()), null, env, null, 300)
                .assertSuccess();
        return out;
    }

    private Tool.Result install(Path lock, Path venv, String url, String timeout) {
        Map<String, String> env = new LinkedHashMap<>(PIP_ENV);
        env.putAll(Map.of("MOIN_VENV", venv.toString(), "MOIN_REQUIREMENTS", lock.toString(), "MOIN_PYTHON", PYTHON,
                "MOIN_CONFIG", tmp.resolve("no-config").toString(), "MOIN_INDEX_TIMEOUT", timeout));
        return Tool.run(List.of("sh", MOIN.resolve("files/install-moin").toString(), url), null, env, null, 300);
    }

    @Test
    void lockToolWritesAHashForEveryWheelOfEveryTarget() throws IOException {
        makeIndex();
        Path lock = lock("3.9:x86_64 3.11:aarch64");
        assertEquals(2, assertEveryRequirementHashed(lock));
        String text = Files.readString(lock);
        assertTrue(text.contains("# Targets (Python:architecture): 3.9:x86_64 3.11:aarch64\n"), text);
        assertTrue(text.contains("moin==2.0.0b1 \\\n    --hash=sha256:" + sha256(index.resolve(
                "files/moin-2.0.0b1-py3-none-any.whl")) + "\n"), text);
    }

    @Test
    void installerInstallsTheLockedReleaseOnceAndThenSkipsPip() throws IOException {
        makeIndex();
        Path lock = lock("3.9:x86_64 3.11:x86_64");
        Path venv = tmp.resolve("opt/moinmoin");
        Tool.Result first = install(lock, venv, indexUrl(), "20").assertSuccess();
        assertTrue(first.stdout().contains("moinmoin-appliance: MoinMoin installed in " + venv), first.stdout());
        Tool.run(venv.resolve("bin/moin").toString()).assertSuccess();
        assertEquals("stand-in moin\n", Tool.run(venv.resolve("bin/moin").toString()).stdout());
        Tool.Result again = install(lock, venv, indexUrl(), "20").assertSuccess();
        assertEquals("moinmoin-appliance: MoinMoin in " + venv + " is up to date\n", again.stdout());
    }

    @Test
    void tamperedFileIsRefusedByItsHash() throws IOException {
        makeIndex();
        Path lock = lock("3.11:x86_64");
        String text = Files.readString(lock);
        String good = sha256(index.resolve("files/demo_dep-1.0-py3-none-any.whl"));
        Files.writeString(lock, text.replace(good, "0".repeat(64)));
        Tool.Result r = install(lock, tmp.resolve("venv"), indexUrl(), "20").assertExit(1);
        assertTrue(r.stderr().contains("THESE PACKAGES DO NOT MATCH THE HASHES"), r.stderr());
        assertTrue(r.stderr().endsWith("moinmoin-appliance: pip could not install the locked MoinMoin release from "
                + indexUrl() + " (see pip's message above)\n"), r.stderr());
        assertTrue(!Files.exists(tmp.resolve("venv/bin/moin")), "nothing installed");
    }

    @Test
    void refusedConnectionFailsAtOnceNamingTheIndex() throws IOException {
        makeIndex();
        Path lock = lock("3.11:x86_64");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        Tool.Result r = install(lock, tmp.resolve("venv"), "http://user:secret@127.0.0.1:" + port + "/simple", "20")
                .assertExit(1);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "took " + millis + " ms");
        assertTrue(r.stderr().contains("Connection refused"), r.stderr());
        assertTrue(r.stderr().contains("moinmoin-appliance: cannot reach the Python package index at http://127.0.0.1:"
                + port + "/simple; check the URL"), r.stderr());
        assertTrue(!r.stderr().contains("secret"), "credentials in the URL are not printed: " + r.stderr());
    }

    @Test
    void silentIndexTimesOutInsteadOfHanging() throws Exception {
        makeIndex();
        Path lock = lock("3.11:x86_64");
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepts and never answers
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            Tool.Result r = install(lock, tmp.resolve("venv"), "http://127.0.0.1:" + silent.getLocalPort() + "/simple",
                    "3").assertExit(1);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 2_500 && millis < 15_000, "took " + millis + " ms");
            assertTrue(r.stderr().contains("timed out"), r.stderr());
            assertTrue(r.stderr().contains("cannot reach the Python package index"), r.stderr());
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void lockForAnotherPythonIsRefusedBeforeAnyDownload() throws IOException {
        makeIndex();
        Path lock = lock("3.9:x86_64");
        String hostPython = Tool.run(PYTHON, "-c", "import sys; print('%d.%d' % sys.version_info[:2])").stdout().strip();
        Tool.Result r = install(lock, tmp.resolve("venv"), indexUrl(), "20").assertExit(1);
        assertTrue(r.stderr().contains("was locked for Python 3.9:x86_64 but this host has Python " + hostPython),
                r.stderr());
    }

    @Test
    void unlockedRequirementsAndBadUrlsAreRefused() throws IOException {
        Tool.Result unlocked = install(MOIN.resolve("files/requirements.lock"), tmp.resolve("venv"),
                "https://pypi.org/simple", "20").assertExit(1);
        assertTrue(unlocked.stderr().contains("locks no MoinMoin release: this build of the appliance was made without"
                + " running tools/lock-requirements"), unlocked.stderr());
        Tool.Result badUrl = install(MOIN.resolve("files/requirements.lock"), tmp.resolve("venv"), "pypi.org", "20")
                .assertExit(1);
        assertTrue(badUrl.stderr().startsWith("moinmoin-appliance: 'pypi.org' is not an http(s):// or file:/// URL"),
                badUrl.stderr());
    }

    @Test
    void configureWikiNamesTheWikiAndItsSuperuser() throws IOException {
        Path config = tmp.resolve("wikiconfig.py");
        String template = "class Config(DefaultConfig):\n"
                + "    interwikiname = \"MyMoinMoin\"\n"
                + "    sitename = \"My MoinMoin\"\n"
                + "    acl_functions = \"YOUR-SUPER-USER-NAME:superuser\"\n"
                + "    acls = dict(before=\"YOUR-SUPER-EDITOR:read,write,create,destroy,admin\")\n"
                + "SECRET_KEY = \"WARNING: set this to a unique string to create secure cookies\"\n";
        Files.writeString(config, template);
        Tool.run(List.of(PYTHON, MOIN.resolve("files/configure-wiki.py").toString(), config.toString(),
                "Team's Wiki", "alice"), null, Map.of(), null, 60).assertSuccess();
        String text = Files.readString(config);
        assertTrue(text.contains("    sitename = \"Team's Wiki\"\n"), text);
        assertTrue(text.contains("    interwikiname = 'TeamSWiki'\n"), text);
        assertTrue(text.contains("    acl_functions = 'alice:superuser'\n"), text);
        assertTrue(text.contains("before=\"alice:read,write,create,destroy,admin\""), text);
        assertTrue(text.matches("(?s).*\nSECRET_KEY = '[0-9a-f]{64}'\n.*"), text);
        Tool.run(List.of(PYTHON, "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", config.toString()),
                null, Map.of(), null, 60).assertSuccess();

        Files.writeString(config, template.replace("    sitename = \"My MoinMoin\"\n", ""));
        Tool.Result other = Tool.run(List.of(PYTHON, MOIN.resolve("files/configure-wiki.py").toString(),
                config.toString(), "W", "alice"), null, Map.of(), null, 60).assertExit(1);
        assertTrue(other.stderr().contains("sitename not found in wikiconfig.py; this MoinMoin release has another"
                + " template"), other.stderr());
    }

    @Test
    void createWikiChecksItsInputsBeforeTouchingAnything() {
        Map<String, String> env = new LinkedHashMap<>(Map.of("MOIN_VENV", tmp.resolve("none").toString(),
                "MOIN_INSTANCE", tmp.resolve("instance").toString(), "MOIN_OWNER", "root"));
        String script = MOIN.resolve("files/create-wiki").toString();
        Tool.Result noVenv = Tool.run(List.of("sh", script), null, env, "pw\n".getBytes(StandardCharsets.UTF_8), 60)
                .assertExit(1);
        assertEquals("moinmoin-appliance: " + tmp.resolve("none") + "/bin/moin is missing; install-moin has not run\n",
                noVenv.stderr());
        env.put("MOIN_SUPERUSER", "bad name");
        Tool.Result badName = Tool.run(List.of("sh", script), null, env, new byte[0], 60).assertExit(1);
        assertTrue(badName.stderr().startsWith("moinmoin-appliance: superuser name 'bad name' may hold"),
                badName.stderr());
        env.put("MOIN_SUPERUSER", "admin");
        env.put("MOIN_OWNER", "no-such-user-here");
        Tool.Result badOwner = Tool.run(List.of("sh", script), null, env, new byte[0], 60).assertExit(1);
        assertTrue(badOwner.stderr().contains("user 'no-such-user-here' does not exist"), badOwner.stderr());
        assertTrue(!Files.exists(tmp.resolve("instance")), "nothing created");
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    /** A minimal py3-none-any wheel in a PEP 503 simple index. */
    private void wheel(String name, String version, Map<String, String> files, List<String> requires,
                       String consoleScript) throws IOException {
        String dist = name.replace('-', '_') + "-" + version + ".dist-info";
        Map<String, String> entries = new LinkedHashMap<>(files);
        StringBuilder meta = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        requires.forEach(r -> meta.append("Requires-Dist: ").append(r).append('\n'));
        entries.put(dist + "/METADATA", meta.toString());
        entries.put(dist + "/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        if (consoleScript != null) {
            entries.put(dist + "/entry_points.txt", "[console_scripts]\n" + consoleScript + "\n");
        }
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
            record.append(e.getKey()).append(",sha256=")
                    .append(Base64.getUrlEncoder().withoutPadding().encodeToString(digest(content))).append(',')
                    .append(content.length).append('\n');
        }
        entries.put(dist + "/RECORD", record + dist + "/RECORD,,\n");
        String fileName = name.replace('-', '_') + "-" + version + "-py3-none-any.whl";
        Path wheel = index.resolve("files").resolve(fileName);
        Files.createDirectories(wheel.getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.write(wheel, bytes.toByteArray());
        Path page = index.resolve("simple").resolve(name).resolve("index.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, "<html><body><a href=\"../../files/" + fileName + "#sha256=" + sha256(wheel) + "\">"
                + fileName + "</a></body></html>\n");
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
