package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vatools.core.descriptor.ApplianceVersion;
import org.vatools.core.descriptor.Family;
import org.vatools.testkit.Tool;

/**
 * Runs the generated maintainer scripts the way the package managers run them: packages of a
 * generated test appliance are installed, upgraded, removed and purged with {@code dpkg --root}
 * and {@code rpm --root} in a throwaway Debian 12 root (mmdebstrap minbase, so it has a shell,
 * dpkg, apt and debconf; see {@link DebianTestRoot}). The appliance's steps write markers that show
 * which step ran with which arguments, VA_* variables and answers.
 *
 * <p>Dependencies: the .deb depends on debconf and dpkg, which the root has. The .rpm's
 * requirements (coreutils, bash, /bin/sh) are provided by a stand-in package built with rpmbuild,
 * because the real RHEL packages cannot be had on Debian; its scriptlets run with the root's
 * /bin/sh.
 */
class MaintainerScriptsIT {
    private static final String NAME = "va-test-appliance";
    private static final String OTHER = "other-test-appliance";
    private static final String ANSWERS = "etc/virtual-appliance/" + NAME + "/answers";

    private static Path packages;
    private static Path standIn;
    private final List<Path> roots = new ArrayList<>();

    @BeforeAll
    static void buildPackages() {
        RequiredTools.require("dpkg", "dpkg-query", "rpm", "rpmbuild", "chroot", "tar", "zstd");
        RequiredTools.requireRoot();
        Path work = BuildItSupport.workDir("maintainer-scripts");
        packages = work.resolve("packages");
        Path v1 = new TestAppliance().writeTo(work.resolve("v1"));
        Path v2 = new TestAppliance().version("2.2", "1").writeTo(work.resolve("v2"));
        Path other = new TestAppliance().name(OTHER).version("1.0", "1").changelog("""
                changelog:
                  - version: "1.0-1"
                    date: "2026-05-01"
                    changes: [First release.]
                """).writeTo(work.resolve("other"));
        BuildItSupport.build(Map.of(), "build", "-q", "--out", packages.toString(), v1.toString(), other.toString());
        BuildItSupport.build(Map.of(), "build", "-q", "--out", packages.toString(), v2.toString());
        List<String> requires = Tool.run("rpm", "-qp", "--requires", rpm("2.1", "3").toString()).assertSuccess()
                .stdout().lines().toList();
        standIn = RpmStandIns.build(work.resolve("stand-ins"), "vatools-stand-ins", RpmStandIns.capabilitiesFor(requires));
        DebianTestRoot.archive();
    }

    @AfterEach
    void deleteRoots() {
        roots.forEach(DebianTestRoot::delete);
        DebianTestRoot.deleteEmptyBase(roots);
    }

    // ---- deb -------------------------------------------------------------------------------

    @Test
    void debConfigureReadsTheAnswersFileOnInstallAndDebconfOnUpgrade() throws IOException {
        Path root = freshRoot("deb-configure");
        writeAnswers(root, "va-test va-test/title string From the answers file\n");
        dpkg(root, "-i", deb(NAME, "2.1-3")).assertSuccess();
        assertEquals("""
                args=configure\s
                name=va-test-appliance
                version=2.1-3
                family=deb
                title=From the answers file
                """, marker(root, "var/lib/" + NAME + "/configured"));
        Path conf = root.resolve("etc/" + NAME + "/test.conf");
        Files.writeString(conf, "# changed by the administrator\n");

        Files.delete(root.resolve(ANSWERS));
        chroot(root, "sh", "-c", "echo 'va-test va-test/title string From debconf' | debconf-set-selections")
                .assertSuccess();
        dpkg(root, "-i", deb(NAME, "2.2-1")).assertSuccess();
        String configured = marker(root, "var/lib/" + NAME + "/configured");
        assertTrue(configured.startsWith("args=configure 2.1-3\n"), "postinst gets the old version: " + configured);
        assertTrue(configured.contains("version=2.2-1\n") && configured.contains("title=From debconf\n"), configured);
        assertEquals("configure: configure \nconfigure: configure 2.1-3\n", marker(root, "var/lib/" + NAME + "/history"),
                "prerm upgrade does not run the remove step");
        assertEquals("# changed by the administrator\n", Files.readString(conf), "the conffile keeps local changes");
    }

    @Test
    void debConfigureFailsWithoutAnAnswer() {
        Path root = freshRoot("deb-no-answer");
        Tool.Result r = dpkg(root, "-i", deb(NAME, "2.1-3"));
        assertNotEquals(0, r.exitCode(), r.describe("installing without an answer must fail"));
        assertTrue(r.stderr().contains(NAME + ": no answer to 'va-test/title' in /" + ANSWERS + " or in debconf"),
                r.stderr());
        assertEquals("iF", status(root, NAME).substring(0, 2), "dpkg leaves the package half-configured");
    }

    @Test
    void debRemoveKeepsConfigurationAndPurgeDeletesItAndTheAnswers() throws IOException {
        Path root = freshRoot("deb-remove-purge");
        writeAnswers(root, "va-test va-test/title string T\n");
        dpkg(root, "-i", deb(NAME, "2.1-3")).assertSuccess();
        dpkg(root, "-r", NAME).assertSuccess();
        assertEquals("configure: configure \nremove: remove\n", marker(root, "var/lib/" + NAME + "/history"));
        assertTrue(Files.exists(root.resolve("etc/" + NAME + "/test.conf")), "remove keeps conffiles");
        assertTrue(Files.exists(root.resolve(ANSWERS)), "remove keeps the answers");
        assertEquals("rc ", status(root, NAME).substring(0, 3));

        dpkg(root, "-P", NAME).assertSuccess();
        assertEquals("purge: purge deb\n", marker(root, "var/lib/" + NAME + "-purged"));
        assertFalse(Files.exists(root.resolve("etc/virtual-appliance")), "purge deletes the answers and their folder");
        assertFalse(Files.exists(root.resolve("etc/" + NAME + "/test.conf")), "purge deletes conffiles");
        assertFalse(Files.exists(root.resolve("usr/share/virtual-appliance/" + NAME)));
    }

    @Test
    void dpkgRefusesASecondApplianceAndAptSwapsThem() throws IOException {
        Path root = freshRoot("deb-swap");
        writeAnswers(root, "va-test va-test/title string First\n");
        dpkg(root, "-i", deb(NAME, "2.1-3")).assertSuccess();
        Tool.Result refused = dpkg(root, "-i", deb(OTHER, "1.0-1"));
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains(OTHER + " conflicts with virtual-appliance"), refused.stderr());

        Path otherAnswers = root.resolve("etc/virtual-appliance/" + OTHER + "/answers");
        Files.createDirectories(otherAnswers.getParent());
        Files.writeString(otherAnswers, "va-test va-test/title string Second\n");
        Files.copy(deb(OTHER, "1.0-1"), root.resolve("tmp/other.deb"));
        chroot(root, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q",
                "--no-install-recommends", "/tmp/other.deb").assertSuccess();
        assertEquals("rc ", status(root, NAME).substring(0, 3), "apt removed the first appliance");
        assertEquals("ii ", status(root, OTHER).substring(0, 3));
        assertEquals("configure: configure \nremove: remove\n", marker(root, "var/lib/" + NAME + "/history"));
        assertTrue(marker(root, "var/lib/" + OTHER + "/configured").contains("title=Second\n"));
    }

    // ---- rpm -------------------------------------------------------------------------------

    @Test
    void rpmPostRunsOnInstallAndUpgradeAndEraseRemovesAndPurges() throws IOException {
        Path root = freshRoot("rpm-lifecycle");
        writeAnswers(root, "va-test va-test/title string From the answers file\n");
        rpmCmd(root, "-i", standIn.toString(), rpm("2.1", "3").toString()).assertSuccess();
        assertEquals("""
                args=1
                name=va-test-appliance
                version=2.1-3
                family=rpm
                title=From the answers file
                """, marker(root, "var/lib/" + NAME + "/configured"));
        Path conf = root.resolve("etc/" + NAME + "/test.conf");
        Files.writeString(conf, "# changed by the administrator\n");

        rpmCmd(root, "-U", rpm("2.2", "1").toString()).assertSuccess();
        assertTrue(marker(root, "var/lib/" + NAME + "/configured").startsWith("args=2\n"));
        assertEquals("configure: 1\nconfigure: 2\n", marker(root, "var/lib/" + NAME + "/history"),
                "%preun and %postun of the old version do nothing on upgrade");
        assertEquals("# changed by the administrator\n", Files.readString(conf), "%config(noreplace) keeps changes");
        assertTrue(Files.exists(root.resolve(ANSWERS)));

        rpmCmd(root, "-e", NAME).assertSuccess();
        assertEquals("purge: 0 rpm\n", marker(root, "var/lib/" + NAME + "-purged"));
        assertFalse(Files.exists(root.resolve("etc/virtual-appliance")), "erase deletes the answers");
        assertFalse(Files.exists(root.resolve("usr/share/virtual-appliance/" + NAME)));
        assertTrue(Files.exists(root.resolve("etc/" + NAME + "/test.conf.rpmsave")),
                "rpm saves a changed config file on erase");
    }

    @Test
    void rpmRemoveStepRunsOnErase() throws IOException {
        Path root = freshRoot("rpm-erase");
        writeAnswers(root, "va-test va-test/title string T\n");
        rpmCmd(root, "-i", standIn.toString(), rpm("2.1", "3").toString()).assertSuccess();
        Path history = root.resolve("var/lib/" + NAME + "/history");
        // the purge step deletes /var/lib/NAME; keep what the remove step wrote
        chroot(root, "sh", "-c", "ln /var/lib/" + NAME + "/history /var/lib/history-copy").assertSuccess();
        rpmCmd(root, "-e", NAME).assertSuccess();
        assertFalse(Files.exists(history));
        assertEquals("configure: 1\nremove: 0\n", marker(root, "var/lib/history-copy"));
    }

    @Test
    void rpmRefusesASecondAppliance() {
        Path root = freshRoot("rpm-conflict");
        writeAnswers(root, "va-test va-test/title string T\n");
        rpmCmd(root, "-i", standIn.toString(), rpm("2.1", "3").toString()).assertSuccess();
        Path other = packages.resolve(PackageFileNames.of(Family.RPM, OTHER, new ApplianceVersion(0, "1.0", "1")));
        Tool.Result r = rpmCmd(root, "-i", other.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("virtual-appliance conflicts with (installed) " + NAME + "-2.1-3.noarch"),
                r.stderr());
        assertEquals(NAME + "-2.1-3.noarch", rpmCmd(root, "-q", NAME).assertSuccess().stdout().strip());
    }

    // ---- va_answer -------------------------------------------------------------------------

    @Test
    void vaAnswerParsesTheAnswersFileAsDebconfSetSelectionsDoes() throws IOException {
        Path root = freshRoot("va-answer");
        String prologue = prologue(Family.DEB);
        assertTrue(Tool.run("dpkg-deb", "-I", deb(NAME, "2.1-3").toString(), "postinst").assertSuccess().stdout()
                .contains(prologue), "the tested function is the one in the package");
        Files.writeString(root.resolve("tmp/prologue.sh"), prologue);
        writeAnswers(root, String.join("\n",
                "# a comment, then a blank line",
                "",
                "   va-test   va-test/indented   string   two  spaces kept ",
                "va-test va-test/continued string first \\",
                "second",
                "va-test va-test/crlf string windows\r",
                "va-test va-test/twice string old",
                "va-test va-test/twice string new",
                "va-test va-test/empty string",
                "va-test va-test/flag seen true",
                "va-test va-test/password password s3cret $HOME `id`",
                "va-test va-test/last-line string no newline at the end"));
        assertEquals("  two  spaces kept \n", answer(root, "va-test/indented").stdout());
        assertEquals("first second\n", answer(root, "va-test/continued").stdout());
        assertEquals("windows\n", answer(root, "va-test/crlf").stdout());
        assertEquals("new\n", answer(root, "va-test/twice").stdout(), "the last line wins");
        assertEquals("\n", answer(root, "va-test/empty").stdout());
        assertEquals("s3cret $HOME `id`\n", answer(root, "va-test/password").stdout(), "values are not expanded");
        assertEquals("no newline at the end\n", answer(root, "va-test/last-line").stdout());
        Tool.Result seen = answer(root, "va-test/flag");
        assertEquals(1, seen.exitCode(), "a 'seen' line sets a flag, not an answer");

        chroot(root, "sh", "-c", "echo 'va-test va-test/in-debconf string from the database' | debconf-set-selections")
                .assertSuccess();
        assertEquals("from the database\n", answer(root, "va-test/in-debconf").stdout(),
                "a question the file does not answer comes from debconf");
        Tool.Result missing = answer(root, "va-test/nowhere");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("no answer to 'va-test/nowhere'"), missing.stderr());

        Files.writeString(root.resolve("tmp/prologue.sh"), prologue(Family.RPM));
        Tool.Result rpmHost = answer(root, "va-test/in-debconf");
        assertEquals(1, rpmHost.exitCode(), "the rpm scripts never ask debconf");
        assertEquals("new\n", answer(root, "va-test/twice").stdout());
    }

    // ---- helpers ---------------------------------------------------------------------------

    private Path freshRoot(String name) {
        Path root = DebianTestRoot.placeFor(name);
        DebianTestRoot.delete(root);
        roots.add(root);
        return DebianTestRoot.extract(root);
    }

    private static Path deb(String name, String version) {
        return packages.resolve(name + "_" + version + "_all.deb");
    }

    private static Path rpm(String version, String release) {
        return packages.resolve(PackageFileNames.of(Family.RPM, NAME, new ApplianceVersion(0, version, release)));
    }

    private static Tool.Result dpkg(Path root, String... args) {
        List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-unsafe-io"));
        for (String a : args) {
            cmd.add(a);
        }
        return Tool.run(cmd, null, Map.of("DEBIAN_FRONTEND", "noninteractive"), null, 300);
    }

    private static Tool.Result dpkg(Path root, String option, Path file) {
        return dpkg(root, option, file.toString());
    }

    private static Tool.Result rpmCmd(Path root, String... args) {
        List<String> cmd = new ArrayList<>(List.of("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm"));
        for (String a : args) {
            cmd.add(a);
        }
        return Tool.run(cmd, null, Map.of(), null, 300);
    }

    private static Tool.Result chroot(Path root, String... command) {
        List<String> cmd = new ArrayList<>(List.of("chroot", root.toString()));
        for (String c : command) {
            cmd.add(c);
        }
        return Tool.run(cmd, null, Map.of("DEBIAN_FRONTEND", "noninteractive"), null, 300);
    }

    private static String status(Path root, String pkg) {
        return Tool.run("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W", "-f=${db:Status-Abbrev}",
                pkg).assertSuccess().stdout();
    }

    private static void writeAnswers(Path root, String text) {
        try {
            Path file = root.resolve(ANSWERS);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String marker(Path root, String path) throws IOException {
        Path file = root.resolve(path);
        assertTrue(Files.isRegularFile(file), "no marker " + file + ": the step did not run");
        return Files.readString(file);
    }

    /** The VA_* settings and va_answer of the generated scripts, without the steps. */
    private static String prologue(Family family) {
        ApplianceVersion v = new ApplianceVersion(0, "2.1", "3");
        String script = family == Family.DEB
                ? MaintainerScriptGenerator.deb(NAME, v, new ScriptFragments(":", null, null)).postinst()
                : MaintainerScriptGenerator.rpm(NAME, v, new ScriptFragments(":", null, null)).post();
        int start = script.indexOf("VA_NAME=");
        return script.substring(start, script.indexOf("# The appliance's configure step"));
    }

    private static Tool.Result answer(Path root, String question) {
        return chroot(root, "/bin/sh", "-c", "set -e; . /tmp/prologue.sh; va_answer \"$1\"", "sh", question);
    }
}
