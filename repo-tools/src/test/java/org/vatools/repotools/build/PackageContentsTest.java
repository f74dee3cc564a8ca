package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.InvalidInputException;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;
import org.vatools.core.descriptor.Family;
import org.vatools.repotools.build.PackageEntry.Directory;
import org.vatools.repotools.build.PackageEntry.RegularFile;


class PackageContentsTest {
    private static final Instant TIME = Instant.parse("2026-10-02T12:30:00Z");

    @TempDir
    Path tmp;

    @Test
    void theDebPlanHoldsDescriptorSeedHooksDocsAndTheDebFiles() throws IOException {
        Path dir = new TestAppliance().writeTo(tmp);
        Appliance a = DescriptorReader.read(dir);
        PackageContents deb = PackageContents.plan(a, ApplianceSources.read(a), Family.DEB, TIME);

        Map<String, String> files = summary(deb);
        assertEquals(Map.of(
                "/etc/va-test-appliance/test.conf", "644 conffile PLAIN",
                "/usr/libexec/va-test-appliance/helper", "755 PLAIN",
                "/usr/libexec/virtual-appliance/va-test-appliance/pre-backup", "755 PLAIN",
                "/usr/share/doc/va-test-appliance/changelog.Debian.gz", "644 DOC",
                "/usr/share/doc/va-test-appliance/copyright", "644 LICENSE",
                "/usr/share/va-test-appliance/deb-only.yaml", "644 PLAIN",
                "/usr/share/virtual-appliance/va-test-appliance/appliance.yaml", "644 PLAIN",
                "/usr/share/virtual-appliance/va-test-appliance/va-test-appliance.seed", "644 PLAIN"), files);
        assertArrayEquals(Files.readAllBytes(dir.resolve("appliance.yaml")),
                file(deb, "/usr/share/virtual-appliance/va-test-appliance/appliance.yaml").content());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("seeds/va-test-appliance.seed")),
                file(deb, "/usr/share/virtual-appliance/va-test-appliance/va-test-appliance.seed").content());
        assertEquals(List.of("/etc/va-test-appliance/test.conf"),
                deb.conffiles().stream().map(RegularFile::path).toList());
    }

    @Test
    void theRpmPlanHasNoDebianChangelogAndOnlyTheRpmFiles() {
        Appliance a = DescriptorReader.read(new TestAppliance().writeTo(tmp));
        PackageContents rpm = PackageContents.plan(a, ApplianceSources.read(a), Family.RPM, TIME);
        Map<String, String> files = summary(rpm);
        assertTrue(files.containsKey("/usr/share/va-test-appliance/rpm-only.yaml"), files.toString());
        assertFalse(files.containsKey("/usr/share/va-test-appliance/deb-only.yaml"), files.toString());
        assertFalse(files.containsKey("/usr/share/doc/va-test-appliance/changelog.Debian.gz"), files.toString());
        assertEquals("644 LICENSE", files.get("/usr/share/doc/va-test-appliance/copyright"));
    }

    @Test
    void everyParentIsADirectoryEntryAndOnlyTheAppliancesOwnAreOwned() {
        Appliance a = DescriptorReader.read(new TestAppliance().writeTo(tmp));
        PackageContents deb = PackageContents.plan(a, ApplianceSources.read(a), Family.DEB, TIME);
        List<String> dirs = deb.directories().stream().map(Directory::path).toList();
        assertEquals(List.of("/", "/etc", "/etc/va-test-appliance", "/usr", "/usr/libexec",
                "/usr/libexec/va-test-appliance", "/usr/libexec/virtual-appliance",
                "/usr/libexec/virtual-appliance/va-test-appliance", "/usr/share", "/usr/share/doc",
                "/usr/share/doc/va-test-appliance", "/usr/share/va-test-appliance", "/usr/share/virtual-appliance",
                "/usr/share/virtual-appliance/va-test-appliance"), dirs);
        assertEquals(List.of("/usr/libexec/virtual-appliance", "/usr/libexec/virtual-appliance/va-test-appliance",
                        "/usr/share/doc/va-test-appliance", "/usr/share/virtual-appliance",
                        "/usr/share/virtual-appliance/va-test-appliance"),
                deb.ownedDirectories().stream().map(Directory::path).toList());
        assertTrue(deb.directories().stream().allMatch(d -> d.mode() == 0755));
        List<String> order = deb.entries().stream().map(PackageEntry::path).toList();
        assertEquals(order.stream().sorted().toList(), order, "entries come in path order, parents first");
    }

    @Test
    void copyrightIsDep5WithTheChangelogYears() {
        Appliance a = DescriptorReader.read(new TestAppliance().writeTo(tmp));
        String copyright = new String(file(PackageContents.plan(a, ApplianceSources.read(a), Family.DEB, TIME),
                "/usr/share/doc/va-test-appliance/copyright").content(), StandardCharsets.UTF_8);
        assertTrue(copyright.startsWith("Format: " + CopyrightFile.FORMAT + "\n"), copyright);
        assertTrue(copyright.contains("\nFiles: *\nCopyright: 2025-2026 Test Maintainer <test@vatools.example.org>\n"
                + "License: MIT\n"), copyright);
    }

    @Test
    void theDebianChangelogIsGzippedWithoutNameOrTime() throws IOException {
        Appliance a = DescriptorReader.read(new TestAppliance().writeTo(tmp));
        byte[] gz = file(PackageContents.plan(a, ApplianceSources.read(a), Family.DEB, TIME),
                "/usr/share/doc/va-test-appliance/changelog.Debian.gz").content();
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3}, java.util.Arrays.copyOf(gz, 10));
        String text;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(text.startsWith("va-test-appliance (2.1-3) stable; urgency=medium\n\n  * Second release,"), text);
        assertTrue(text.contains("\n -- Test Maintainer <test@vatools.example.org>  Fri, 02 Oct 2026 12:30:00 +0000\n"),
                text);
        assertTrue(text.contains("va-test-appliance (1.0-1) stable; urgency=medium"), text);
    }

    @Test
    void aFirstReleaseGetsTheLintianOverrideForTheMissingItpBug() {
        Appliance a = DescriptorReader.read(new TestAppliance().version("1.0", "1").changelog("""
                changelog:
                  - version: "1.0-1"
                    date: "2026-01-01"
                    changes: [First release.]
                """).writeTo(tmp));
        PackageContents deb = PackageContents.plan(a, ApplianceSources.read(a), Family.DEB, TIME);
        String override = new String(file(deb, "/usr/share/lintian/overrides/va-test-appliance").content(),
                StandardCharsets.UTF_8);
        assertTrue(override.endsWith("\nva-test-appliance: initial-upload-closes-no-bugs\n"), override);
        assertTrue(override.startsWith("# "), "the override carries its reason: " + override);
        PackageContents rpm = PackageContents.plan(a, ApplianceSources.read(a), Family.RPM, TIME);
        assertFalse(summary(rpm).containsKey("/usr/share/lintian/overrides/va-test-appliance"));
    }

    @Test
    void withoutAChangelogOneEntryIsMadeAtTheBuildTime() {
        Appliance a = DescriptorReader.read(new TestAppliance().changelog("").writeTo(tmp));
        assertEquals(1, PackageContents.changelog(a, TIME).size());
        assertEquals(TIME, PackageContents.changelog(a, TIME).get(0).date());
        assertEquals("2.1-3", PackageContents.changelog(a, TIME).get(0).version());
    }

    @Test
    void aFileThatIsAlsoAFolderOfAnotherFileIsRefused() throws IOException {
        Path dir = new TestAppliance().writeTo(tmp);
        Path yaml = dir.resolve("appliance.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("target: /usr/libexec/va-test-appliance/helper",
                "target: /etc/va-test-appliance"));
        Appliance a = DescriptorReader.read(dir);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PackageContents.plan(a, ApplianceSources.read(a), Family.DEB, TIME));
        assertTrue(e.getMessage().contains("'/etc/va-test-appliance' is installed as a file and is also the folder"),
                e.getMessage());
    }

    @Test
    void theModesAndTimesOfTheSourceFilesDoNotMatter() throws IOException {
        Path dir = new TestAppliance().writeTo(tmp);
        Appliance a = DescriptorReader.read(dir);
        PackageContents before = PackageContents.plan(a, ApplianceSources.read(a), Family.DEB, TIME);
        Files.setPosixFilePermissions(dir.resolve("files/test.conf"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwx------"));
        Files.setLastModifiedTime(dir.resolve("files/helper"), java.nio.file.attribute.FileTime.from(Instant.EPOCH));
        PackageContents after = PackageContents.plan(a, ApplianceSources.read(a), Family.DEB, TIME);
        assertEquals(before, after);
    }

    private static Map<String, String> summary(PackageContents contents) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RegularFile f : contents.files()) {
            out.put(f.path(), Integer.toOctalString(f.mode()) + (f.conffile() ? " conffile" : "") + " " + f.role());
        }
        return out;
    }

    private static RegularFile file(PackageContents contents, String path) {
        return contents.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is not in " + contents.files()));
    }

}
