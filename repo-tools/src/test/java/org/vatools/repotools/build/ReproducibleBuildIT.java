package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vatools.testkit.Tool;

/**
 * Builds the shipped appliances and a generated one twice through bin/repo-tools, as a user runs
 * it, and compares the packages byte for byte. The second build sees a copy of the sources in
 * another folder with other file times and modes, another umask, working folder, time zone and
 * locale, and DEBFULLNAME, DEBEMAIL and DEBVERSION set (which jdeb would otherwise write into the
 * .deb).
 */
class ReproducibleBuildIT {
    private static final String EPOCH = "1790000000";

    @Test
    void theSameInputsGiveTheSameBytesWhateverTheEnvironment() throws IOException {
        Path work = BuildItSupport.workDir("reproducible");
        Path srcA = copySources(work.resolve("a"));
        Path srcB = copySources(work.resolve("b"));
        disturb(srcB);

        Map<String, String> envA = new HashMap<>(Map.of("SOURCE_DATE_EPOCH", EPOCH));
        List<String> cmdA = new ArrayList<>(List.of(launcherPath().toString(), "build", "--out",
                work.resolve("out-a").toString()));
        cmdA.addAll(List.of(appliances(srcA)));
        Tool.Result a = Tool.run(cmdA, work, envA, null, 600);
        a.assertSuccess();

        Map<String, String> envB = new HashMap<>(Map.of(
                "DEBFULLNAME", "Someone Else", "DEBEMAIL", "someone@example.net", "DEBVERSION", "99:9-9",
                "TZ", "Pacific/Chatham", "LANG", "de_DE.UTF-8", "LC_ALL", "tr_TR.UTF-8"));
        Path otherCwd = Files.createDirectories(work.resolve("elsewhere"));
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "umask 077; exec \"$0\" \"$@\"", launcherPath().toString(),
                "build", "--source-date-epoch", EPOCH, "--out", work.resolve("out-b").toString()));
        cmd.addAll(List.of(appliances(srcB)));
        Tool.Result b = Tool.run(cmd, otherCwd, envB, null, 600);
        b.assertSuccess();

        List<String> names = names(work.resolve("out-a"));
        assertEquals(names, names(work.resolve("out-b")));
        assertTrue(names.size() >= 3, "at least the shipped .deb and the generated .deb and .rpm: " + names);
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(work.resolve("out-a").resolve(name)),
                    Files.readAllBytes(work.resolve("out-b").resolve(name)), name + " differs between the builds");
        }
        assertEquals(a.stdout().replace(work.resolve("out-a").toString(), "OUT"),
                b.stdout().replace(work.resolve("out-b").toString(), "OUT"), "same sizes and SHA-256 reported");
    }

    @Test
    void withoutTheLauncherJdebsEnvironmentOverrideIsRefusedNotWritten() throws IOException {
        Path work = BuildItSupport.workDir("reproducible-guard");
        Path src = new TestAppliance().writeTo(work.resolve("src"));
        Path lib = BuildItSupport.moduleDir().resolve("target");
        Tool.Result r = Tool.run(List.of("java", "-cp", lib.resolve("repo-tools.jar") + ":" + lib.resolve("lib") + "/*",
                        "org.vatools.repotools.cli.RepoToolsMain", "build", "--format", "deb", "--out",
                        work.resolve("out").toString(), src.toString()), work,
                Map.of("DEBFULLNAME", "Someone Else", "DEBEMAIL", "someone@example.net"), null, 300);
        assertEquals(4, r.exitCode(), r.describe("expected the environment error"));
        assertTrue(r.stderr().contains("jdeb wrote Maintainer 'Someone Else <someone@example.net>'"), r.stderr());
        assertTrue(r.stderr().contains("unset DEBVERSION, DEBFULLNAME and DEBEMAIL"), r.stderr());
        assertEquals(List.of(), names(work.resolve("out")), "no package is written");
    }

    private static Path launcherPath() {
        return BuildItSupport.moduleDir().resolve("bin/repo-tools");
    }

    /** appliance-packages/ and seeds/ of the checkout, plus a generated appliance, under {@code dir}. */
    private static Path copySources(Path dir) throws IOException {
        Path checkout = BuildItSupport.moduleDir().getParent();
        for (String folder : List.of("appliance-packages", "seeds")) {
            copyTree(checkout.resolve(folder), dir.resolve(folder));
        }
        new TestAppliance().writeTo(dir.resolve("appliance-packages"));
        return dir;
    }

    private static String[] appliances(Path src) throws IOException {
        try (Stream<Path> dirs = Files.list(src.resolve("appliance-packages"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("appliance.yaml"))).sorted()
                    .map(Path::toString).toArray(String[]::new);
        }
    }

    /** Other times and modes on every source file. */
    private static void disturb(Path src) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            int i = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2001-02-03T04:05:06Z").plusSeconds(i++ * 3601L)));
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(i % 2 == 0 ? "rwx------" : "rw-r-----"));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
