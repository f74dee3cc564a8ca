package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;

/** Reads the .deb back with commons-compress (the real dpkg, lintian and install checks are in the ITs). */
class DebWriterTest {
    private static final Instant TIME = Instant.parse("2026-10-02T12:30:00Z");

    @TempDir
    Path tmp;

    @Test
    void theArchiveHasTheThreeMembersWithFixedOwnerAndTime() throws IOException {
        byte[] deb = build();
        List<String> names = new ArrayList<>();
        try (ArArchiveInputStream ar = new ArArchiveInputStream(new ByteArrayInputStream(deb))) {
            for (ArArchiveEntry e = ar.getNextEntry(); e != null; e = ar.getNextEntry()) {
                names.add(e.getName());
                assertEquals(TIME.getEpochSecond(), e.getLastModified(), e.getName());
                assertEquals(0, e.getUserId());
                assertEquals(0, e.getGroupId());
                if (e.getName().equals("debian-binary")) {
                    assertEquals("2.0\n", new String(ar.readAllBytes(), StandardCharsets.US_ASCII));
                }
            }
        }
        assertEquals(List.of("debian-binary", "control.tar.gz", "data.tar.gz"), names);
    }

    @Test
    void dataEntriesHaveTheirPlannedModeRootOwnerAndTheBuildTime() throws IOException {
        Map<String, TarArchiveEntry> data = new LinkedHashMap<>();
        Map<String, byte[]> content = new LinkedHashMap<>();
        readTar(member(build(), "data.tar.gz"), data, content);
        assertEquals("./", data.keySet().iterator().next(), "the root entry comes first, as dpkg-deb writes it");
        for (TarArchiveEntry e : data.values()) {
            assertEquals("root", e.getUserName(), e.getName());
            assertEquals("root", e.getGroupName(), e.getName());
            assertEquals(0, e.getLongUserId(), e.getName());
            assertEquals(TIME.toEpochMilli(), e.getModTime().getTime(), e.getName());
        }
        assertEquals(0755, data.get("./usr/libexec/va-test-appliance/helper").getMode() & 07777);
        assertEquals(0644, data.get("./etc/va-test-appliance/test.conf").getMode() & 07777);
        assertEquals(0755, data.get("./usr/share/virtual-appliance/").getMode() & 07777);
        assertTrue(data.get("./usr/share/virtual-appliance/").isDirectory());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("va-test-appliance/files/test.conf")),
                content.get("./etc/va-test-appliance/test.conf"));
    }

    @Test
    void controlHasFieldsScriptsConffilesAndChecksums() throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> content = new LinkedHashMap<>();
        readTar(member(build(), "control.tar.gz"), entries, content);
        String control = text(content, "./control");
        assertTrue(control.contains("Package: va-test-appliance\nVersion: 2.1-3\n"), control);
        assertTrue(control.contains("Maintainer: Test Maintainer <test@vatools.example.org>\n"), control);
        assertTrue(control.contains("Provides: virtual-appliance\n"), control);
        assertTrue(control.contains("Conflicts: virtual-appliance\n"), control);
        assertTrue(control.contains("Replaces: virtual-appliance\n"), control);
        assertTrue(control.contains("Section: metapackages\nPriority: optional\n"), control);
        assertTrue(control.contains("Depends: debconf, dpkg (>= 1.19)\n"), control);
        assertTrue(control.contains("Recommends: curl | wget\n"), control);
        assertTrue(control.contains("Installed-Size: "), control);
        assertTrue(control.contains("\n .\n"), "paragraph separator in the description: " + control);
        assertEquals("/etc/va-test-appliance/test.conf\n", text(content, "./conffiles"));
        assertTrue(text(content, "./md5sums").contains("  usr/share/virtual-appliance/va-test-appliance/appliance.yaml\n"));
        for (String script : List.of("./postinst", "./prerm", "./postrm")) {
            assertEquals(0755, entries.get(script).getMode() & 07777, script);
            assertTrue(text(content, script).startsWith("#!/bin/sh\n"), script);
        }
        assertTrue(text(content, "./postinst").contains("title=$(va_answer va-test/title)"),
                "the configure step is embedded: " + text(content, "./postinst"));
    }

    @Test
    void twoBuildsGiveTheSameBytes() throws IOException {
        assertArrayEquals(build(), build());
    }

    private byte[] build() throws IOException {
        Path dir = tmp.resolve("va-test-appliance");
        if (!Files.exists(dir)) {
            new TestAppliance().writeTo(tmp);
        }
        Appliance a = DescriptorReader.read(dir);
        DebPackage pkg = PackageAssembler.deb(a, ApplianceSources.read(a), TIME);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        new DebWriter(scratch).write(pkg, out);
        try (var left = Files.list(scratch)) {
            assertEquals(0, left.count(), "the writer leaves no temporary files behind");
        }
        return out.toByteArray();
    }

    private static byte[] member(byte[] deb, String name) throws IOException {
        try (ArArchiveInputStream ar = new ArArchiveInputStream(new ByteArrayInputStream(deb))) {
            for (ArArchiveEntry e = ar.getNextEntry(); e != null; e = ar.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return ar.readAllBytes();
                }
            }
        }
        throw new AssertionError("no member " + name);
    }

    private static void readTar(byte[] gz, Map<String, TarArchiveEntry> entries, Map<String, byte[]> content)
            throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e);
                content.put(e.getName(), tar.readAllBytes());
            }
        }
    }

    private static String text(Map<String, byte[]> content, String name) {
        byte[] bytes = content.get(name);
        if (bytes == null) {
            throw new AssertionError("no " + name + " in " + content.keySet());
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
