package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;
import org.vatools.core.descriptor.Family;
import org.vatools.repotools.build.PackageEntry.Directory;
import org.vatools.repotools.build.PackageEntry.RegularFile;
import org.vatools.testkit.Tool;

/**
 * Builds every appliance in appliance-packages/ plus a generated test appliance, and hands each
 * package to the distributions' own tools: dpkg-deb, lintian, dpkg (unpacked into an empty root)
 * for .deb; rpm -qp, rpm -K, rpmlint and rpm --root (installed with stand-ins for the RHEL packages
 * it requires) for .rpm. Maintainer scripts are run in {@link MaintainerScriptsIT}.
 */
class PackagesAcceptedByToolsIT {
    /** lintian overrides a package may carry, each justified in {@link LintianOverrides}. */
    private static final Set<String> ALLOWED_OVERRIDES = Set.of(LintianOverrides.INITIAL_UPLOAD);

    private static Path work;
    private static final List<Subject> SUBJECTS = new ArrayList<>();

    record Subject(Appliance appliance, Family family, Path file) {
        String label() {
            return file.getFileName().toString();
        }
    }

    @BeforeAll
    static void buildEverything() {
        RequiredTools.require("dpkg-deb", "dpkg", "dpkg-query", "lintian", "rpm", "rpmlint", "rpmbuild");
        work = BuildItSupport.workDir("packages-accepted");
        Path generated = new TestAppliance().writeTo(work.resolve("generated"));
        List<String> args = new ArrayList<>(List.of("build", "--out", work.resolve("packages").toString()));
        List<Path> appliances = new ArrayList<>(BuildItSupport.shippedAppliances());
        appliances.add(generated);
        appliances.forEach(p -> args.add(p.toString()));
        List<Path> files = BuildItSupport.build(Map.of(), args.toArray(String[]::new));
        for (Path dir : appliances) {
            Appliance a = DescriptorReader.read(dir);
            for (Family f : a.families()) {
                Path file = work.resolve("packages").resolve(PackageFileNames.of(f, a.name(), a.version()));
                assertTrue(files.contains(file), () -> file + " was not reported as written: " + files);
                SUBJECTS.add(new Subject(a, f, file));
            }
        }
    }

    @TestFactory
    Stream<DynamicContainer> eachPackage() {
        return SUBJECTS.stream().map(s -> dynamicContainer(s.label(), s.family() == Family.DEB
                ? Stream.of(
                        test("dpkg-deb -I shows the control fields", () -> debControl(s)),
                        test("dpkg-deb -c lists the planned entries", () -> debContents(s)),
                        test("lintian -EvIL +pedantic is clean", () -> lintian(s)),
                        test("dpkg --root --unpack installs the files", () -> dpkgUnpack(s)))
                : Stream.of(
                        test("rpm -qp shows provides, conflicts and requires", () -> rpmQuery(s)),
                        test("rpm -K finds the digests OK", () -> rpmDigests(s)),
                        test("rpmlint reports no error", () -> rpmlint(s)),
                        test("rpm --root installs and verifies it", () -> rpmInstall(s)))));
    }

    private static DynamicTest test(String name, Runnable check) {
        return dynamicTest(name, check::run);
    }

    private static void debControl(Subject s) {
        Appliance a = s.appliance();
        Tool.Result info = Tool.run("dpkg-deb", "-I", s.file().toString()).assertSuccess();
        assertTrue(info.stdout().contains(" postrm "), info.stdout());
        Map<String, String> fields = controlFields(Tool.run("dpkg-deb", "-f", s.file().toString())
                .assertSuccess().stdout());
        assertEquals(a.name(), fields.get("Package"));
        assertEquals(a.version().debian(), fields.get("Version"));
        assertEquals("all", fields.get("Architecture"));
        assertEquals(a.maintainer(), fields.get("Maintainer"));
        assertEquals(String.join(", ", a.dependsFor(Family.DEB)), fields.get("Depends"));
        assertEquals(a.recommendsFor(Family.DEB).isEmpty() ? null : String.join(", ", a.recommendsFor(Family.DEB)),
                fields.get("Recommends"));
        for (String field : List.of("Provides", "Conflicts", "Replaces")) {
            assertEquals("virtual-appliance", fields.get(field), field);
        }
        assertEquals("metapackages", fields.get("Section"));
        assertEquals("optional", fields.get("Priority"));
        assertEquals(a.homepage(), fields.get("Homepage"));
        assertTrue(fields.get("Installed-Size").matches("[0-9]+"), fields.toString());
        assertTrue(fields.get("Description").startsWith(a.summary() + "\n "), fields.get("Description"));
        assertTrue(fields.get("Description").lines().allMatch(l -> l.length() <= 80), fields.get("Description"));
    }

    private static void debContents(Subject s) {
        Map<String, String> expected = new TreeMap<>();
        for (PackageEntry e : plan(s).entries()) {
            String path = e.path().equals("/") ? "./" : "." + e.path() + (e instanceof Directory ? "/" : "");
            expected.put(path, (e instanceof Directory ? "d" : "-") + perms(e.mode()) + " root/root");
        }
        Map<String, String> listed = new TreeMap<>();
        for (String line : Tool.run("dpkg-deb", "-c", s.file().toString()).assertSuccess().stdout().split("\n")) {
            String[] f = line.split("\\s+", 6);
            listed.put(f[5], f[0] + " " + f[1]);
        }
        assertEquals(expected, listed);
    }

    private static void lintian(Subject s) {
        Tool.Result r = Tool.run("lintian", "-EvIL", "+pedantic", "--show-overrides", s.file().toString());
        List<String> tags = r.stdout().lines().filter(l -> l.matches("^[A-Z]: .*") && !l.startsWith("N: ")).toList();
        List<String> reported = tags.stream().filter(l -> !l.startsWith("O: ")).toList();
        assertEquals(List.of(), reported, "lintian tags (errors, warnings, info, pedantic):\n" + r.stdout());
        for (String o : tags.stream().filter(l -> l.startsWith("O: ")).toList()) {
            String tag = o.substring(o.indexOf(": ", 3) + 2).split(" ")[0];
            assertTrue(ALLOWED_OVERRIDES.contains(tag), "override without a documented reason: " + o);
        }
        assertEquals(0, r.exitCode(), r.describe("lintian failed"));
    }

    private static void dpkgUnpack(Subject s) {
        Path root = emptyRoot(s);
        Tool.run("dpkg", "--root=" + root, "--unpack", s.file().toString()).assertSuccess();
        String status = Tool.run("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W",
                "-f=${db:Status-Abbrev}|${Version}|${Provides}", s.appliance().name()).assertSuccess().stdout();
        assertEquals("iU |" + s.appliance().version().debian() + "|virtual-appliance", status.strip());
        PackageContents plan = plan(s);
        Set<String> conffiles = new java.util.HashSet<>();
        plan.conffiles().forEach(c -> conffiles.add(c.path()));
        String verify = Tool.run("dpkg", "--root=" + root, "--verify", s.appliance().name()).stdout();
        for (String line : verify.lines().toList()) {
            // before configure, dpkg keeps a new conffile as FILE.dpkg-new
            assertTrue(line.matches("missing\\s+c (\\S+)") && conffiles.contains(line.replaceAll(".* ", "")), verify);
        }
        for (RegularFile f : plan.files()) {
            Path onDisk = root.resolve(f.path().substring(1) + (f.conffile() ? ".dpkg-new" : ""));
            assertTrue(Files.isRegularFile(onDisk), onDisk + " was not unpacked");
            assertEquals(perms(f.mode()), permsOf(onDisk), onDisk.toString());
        }
        DebianTestRoot.delete(root);
        DebianTestRoot.deleteEmptyBase(List.of(root));
    }

    private static void rpmQuery(Subject s) {
        Appliance a = s.appliance();
        String file = s.file().toString();
        List<String> provides = lines(Tool.run("rpm", "-qp", "--provides", file).assertSuccess().stdout());
        assertTrue(provides.contains("virtual-appliance"), provides.toString());
        assertTrue(provides.contains(a.name() + " = " + a.version().rpmEvr()), provides.toString());
        assertEquals(List.of("virtual-appliance"),
                lines(Tool.run("rpm", "-qp", "--conflicts", file).assertSuccess().stdout()));
        List<String> requires = lines(Tool.run("rpm", "-qp", "--requires", file).assertSuccess().stdout());
        for (String dep : a.dependsFor(Family.RPM)) {
            assertTrue(requires.contains(dep.strip().replaceAll("\\s+", " ")), dep + " not in " + requires);
        }
        List<String> recommends = lines(Tool.run("rpm", "-qp", "--recommends", file).assertSuccess().stdout());
        assertEquals(a.recommendsFor(Family.RPM).stream().map(String::strip).sorted().toList(),
                recommends.stream().sorted().toList());
    }

    private static void rpmDigests(Subject s) {
        Tool.Result k = Tool.run("rpm", "-K", s.file().toString()).assertSuccess();
        assertTrue(k.stdout().strip().endsWith("digests OK"), k.stdout());
        Tool.Result kv = Tool.run("rpm", "-Kv", s.file().toString()).assertSuccess();
        assertTrue(kv.stdout().contains("Header SHA256 digest: OK"), kv.stdout());
        assertTrue(kv.stdout().contains("Payload SHA256 digest: OK"), kv.stdout());
    }

    private static void rpmlint(Subject s) {
        Path config = BuildItSupport.moduleDir().resolve("src/test/resources/rpmlint/vatools.toml");
        Tool.Result r = Tool.run("rpmlint", "-c", config.toString(), s.file().toString());
        assertTrue(r.stdout().contains(" 0 errors,"), r.describe("rpmlint reported errors"));
        assertTrue(r.stdout().lines().noneMatch(l -> l.contains(": E: ")), r.stdout());
    }

    private static void rpmInstall(Subject s) {
        Path root = emptyRoot(s);
        List<String> requires = lines(Tool.run("rpm", "-qp", "--requires", s.file().toString()).assertSuccess().stdout());
        Path standIn = RpmStandIns.build(BuildItSupport.workDir("stand-ins/" + s.label()), "vatools-stand-ins",
                RpmStandIns.capabilitiesFor(requires));
        Tool.run("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "-i", "--noscripts",
                standIn.toString(), s.file().toString()).assertSuccess();
        String name = s.appliance().name();
        assertEquals(name + "-" + s.appliance().version().version() + "-" + s.appliance().version().release()
                + ".noarch", Tool.run("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "-q", name)
                .assertSuccess().stdout().strip());
        Tool.Result verify = Tool.run("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "-V", name);
        assertEquals("", verify.stdout(), verify.describe("rpm -V found differences"));
        verify.assertSuccess();
        for (RegularFile f : plan(s).files()) {
            Path onDisk = root.resolve(f.path().substring(1));
            assertEquals(perms(f.mode()), permsOf(onDisk), onDisk.toString());
        }
        DebianTestRoot.delete(root);
        DebianTestRoot.deleteEmptyBase(List.of(root));
    }

    /** An empty folder to install into: no shell, so nothing can run in it. */
    private static Path emptyRoot(Subject s) {
        Path root = DebianTestRoot.placeFor("empty-" + s.label());
        DebianTestRoot.delete(root);
        try {
            return Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PackageContents plan(Subject s) {
        Instant time = BuildTime.of(s.appliance(), Optional.empty());
        return PackageContents.plan(s.appliance(), ApplianceSources.read(s.appliance()), s.family(), time);
    }

    private static Map<String, String> controlFields(String control) {
        Map<String, String> fields = new LinkedHashMap<>();
        String current = null;
        for (String line : control.split("\n")) {
            if (line.startsWith(" ") && current != null) {
                fields.put(current, fields.get(current) + "\n" + line);
            } else if (line.contains(":")) {
                current = line.substring(0, line.indexOf(':'));
                fields.put(current, line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return fields;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String perms(int mode) {
        return PosixFilePermissions.toString(PosixFilePermissions.fromString(rwx(mode)));
    }

    private static String rwx(int mode) {
        String bits = "rwxrwxrwx";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (1 << (8 - i))) != 0 ? bits.charAt(i) : '-');
        }
        return sb.toString();
    }

    private static String permsOf(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
