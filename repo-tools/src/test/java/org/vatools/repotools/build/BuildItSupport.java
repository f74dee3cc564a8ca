package org.vatools.repotools.build;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.vatools.repotools.cli.RepoToolsMain;

/** Where the integration tests find the project and keep their work. */
final class BuildItSupport {
    private BuildItSupport() {
    }

    /** The repo-tools module folder (Maven's basedir). */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /** The checkout's appliance-packages folder. */
    static Path shippedAppliancesDir() {
        return moduleDir().getParent().resolve("appliance-packages");
    }

    /** Every appliance folder in appliance-packages/, sorted by name. */
    static List<Path> shippedAppliances() {
        try (Stream<Path> dirs = Files.list(shippedAppliancesDir())) {
            List<Path> out = dirs.filter(d -> Files.isRegularFile(d.resolve("appliance.yaml")))
                    .sorted(Comparator.comparing(Path::toString)).toList();
            if (out.isEmpty()) {
                throw new AssertionError("no appliance in " + shippedAppliancesDir());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, empty work folder under target/it-work/NAME. */
    static Path workDir(String name) {
        Path dir = moduleDir().resolve("target/it-work").resolve(name);
        DebianTestRoot.delete(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code repo-tools ARGS} in this JVM; fails the test unless it exits 0; returns the written files. */
    static List<Path> build(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RepoToolsMain.run(args, new PrintWriter(out), new PrintWriter(err), env);
        if (exit != 0) {
            throw new AssertionError("repo-tools " + String.join(" ", args) + " exited " + exit + "\n" + err);
        }
        List<Path> files = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                files.add(Path.of(line.substring(0, line.indexOf("  "))));
            }
        }
        return files;
    }
}
