package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.packager.rpm.FileFlags;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.parse.InputHeader;
import org.eclipse.packager.rpm.parse.RpmInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;

/** Reads the .rpm header back with Eclipse Packager's parser (rpm, rpmlint and installs are in the ITs). */
class RpmWriterTest {
    private static final Instant TIME = Instant.parse("2026-10-02T12:30:00Z");

    @TempDir
    Path tmp;

    @Test
    void headerCarriesIdentityAndFixedBuildTimeAndHost() throws IOException {
        InputHeader<RpmTag> h = header(build());
        assertEquals("va-test-appliance", string(h, RpmTag.NAME));
        assertEquals("2.1", string(h, RpmTag.VERSION));
        assertEquals("3", string(h, RpmTag.RELEASE));
        assertEquals("noarch", string(h, RpmTag.ARCH));
        assertEquals((int) TIME.getEpochSecond(), ints(h, RpmTag.BUILDTIME).get(0));
        assertEquals(PackageAssembler.RPM_BUILD_HOST, string(h, RpmTag.BUILDHOST));
        assertEquals("va-test-appliance-2.1-3.src.rpm", string(h, RpmTag.SOURCE_PACKAGE));
        assertEquals("MIT", string(h, RpmTag.LICENSE));
        assertEquals("https://vatools.example.org/test", string(h, RpmTag.URL));
        assertEquals("gzip", string(h, RpmTag.PAYLOAD_CODING));
        assertEquals(8, ints(h, RpmTag.FILE_DIGESTALGO).get(0), "SHA-256 file digests (8)");
        assertEquals(8, ints(h, RpmTag.PAYLOAD_DIGEST_ALGO).get(0), "SHA-256 payload digest (8)");
    }

    @Test
    void dependenciesProvideAndConflictWithTheVirtualPackage() throws IOException {
        InputHeader<RpmTag> h = header(build());
        assertTrue(strings(h, RpmTag.PROVIDE_NAME).contains("virtual-appliance"));
        assertEquals(List.of("virtual-appliance"), strings(h, RpmTag.CONFLICT_NAME));
        List<String> requires = strings(h, RpmTag.REQUIRE_NAME);
        assertTrue(requires.containsAll(List.of("coreutils", "bash", "/bin/sh")), requires.toString());
        assertEquals("4.0", strings(h, RpmTag.REQUIRE_VERSION).get(requires.indexOf("bash")));
        assertEquals(List.of("curl"), strings(h, RpmTag.RECOMMEND_NAME));
    }

    @Test
    void filesHaveModesOwnersTimesAndConfigDocLicenseFlags() throws IOException {
        InputHeader<RpmTag> h = header(build());
        List<String> dirs = strings(h, RpmTag.DIRNAMES);
        List<String> bases = strings(h, RpmTag.BASENAMES);
        List<Integer> index = ints(h, RpmTag.DIR_INDEXES);
        List<Integer> modes = ints(h, RpmTag.FILE_MODES);
        List<Integer> flags = ints(h, RpmTag.FILE_FLAGS);
        List<Integer> mtimes = ints(h, RpmTag.FILE_MTIMES);
        Map<String, Integer> modeOf = new LinkedHashMap<>();
        Map<String, Integer> flagsOf = new LinkedHashMap<>();
        for (int i = 0; i < bases.size(); i++) {
            String path = dirs.get(index.get(i)) + bases.get(i);
            modeOf.put(path, modes.get(i) & 0xffff);
            flagsOf.put(path, flags.get(i));
            assertEquals((int) TIME.getEpochSecond(), mtimes.get(i), path);
        }
        assertTrue(strings(h, RpmTag.FILE_USERNAME).stream().allMatch("root"::equals));
        assertTrue(strings(h, RpmTag.FILE_GROUPNAME).stream().allMatch("root"::equals));
        assertEquals(0100755, modeOf.get("/usr/libexec/va-test-appliance/helper"));
        assertEquals(040755, modeOf.get("/usr/share/virtual-appliance/va-test-appliance"));
        assertEquals(FileFlags.CONFIGURATION.getValue() | FileFlags.NOREPLACE.getValue(),
                flagsOf.get("/etc/va-test-appliance/test.conf"));
        assertEquals(FileFlags.LICENSE.getValue() | FileFlags.DOC.getValue(),
                flagsOf.get("/usr/share/doc/va-test-appliance/copyright"));
        assertTrue(modeOf.containsKey("/usr/share/va-test-appliance/rpm-only.yaml"));
        assertTrue(!modeOf.containsKey("/usr/share/va-test-appliance/deb-only.yaml"));
        assertTrue(!modeOf.containsKey("/usr/share") && !modeOf.containsKey("/etc"),
                "directories of the host are not claimed: " + modeOf.keySet());
    }

    @Test
    void scriptletsAndChangelogAreInTheHeader() throws IOException {
        InputHeader<RpmTag> h = header(build());
        assertTrue(string(h, RpmTag.POSTINSTALL_SCRIPT).contains("VA_FAMILY='rpm'"));
        assertEquals(List.of((int) TIME.getEpochSecond(), (int) Instant.parse("2025-01-15T00:00:00Z").getEpochSecond()),
                ints(h, RpmTag.CHANGELOG_TIMESTAMP));
        assertEquals(List.of("Test Maintainer <test@vatools.example.org> - 2.1-3",
                "Test Maintainer <test@vatools.example.org> - 1.0-1"), strings(h, RpmTag.CHANGELOG_AUTHOR));
        assertTrue(strings(h, RpmTag.CHANGELOG_TEXT).get(0).startsWith("- Second release,"));
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
        RpmPackage pkg = PackageAssembler.rpm(a, ApplianceSources.read(a), TIME);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        new RpmWriter(scratch).write(pkg, out);
        try (var left = Files.list(scratch)) {
            assertEquals(0, left.count(), "the writer leaves no temporary files behind");
        }
        return out.toByteArray();
    }

    private static InputHeader<RpmTag> header(byte[] rpm) throws IOException {
        try (RpmInputStream in = new RpmInputStream(new ByteArrayInputStream(rpm))) {
            return in.getPayloadHeader();
        }
    }

    private static String string(InputHeader<RpmTag> h, RpmTag tag) {
        List<Object> values = values(h, tag);
        return String.valueOf(values.get(0));
    }

    private static List<String> strings(InputHeader<RpmTag> h, RpmTag tag) {
        return values(h, tag).stream().map(String::valueOf).toList();
    }

    private static List<Integer> ints(InputHeader<RpmTag> h, RpmTag tag) {
        return values(h, tag).stream().map(v -> ((Number) v).intValue()).toList();
    }

    private static List<Object> values(InputHeader<RpmTag> h, RpmTag tag) {
        Object v = h.getOptionalTag(tag).orElseThrow(() -> new AssertionError("no " + tag + " in the header"));
        List<Object> out = new ArrayList<>();
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(Array.get(v, i));
            }
        } else {
            out.add(v);
        }
        return out;
    }
}
