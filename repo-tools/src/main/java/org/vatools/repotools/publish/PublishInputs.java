package org.vatools.repotools.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.pkg.PackageFormat;

/**
 * The package files a publish was given, sorted into .deb and .rpm by their content
 * ({@link PackageFormat#detect}), never by their names. A folder contributes every package file
 * below it (hidden files and folders aside); other files in a folder are skipped. A file named
 * on the command line that is no package is an error naming it.
 *
 * @param skipped files in folders that are no package (for --verbose)
 */
public record PublishInputs(List<Path> debs, List<Path> rpms, List<Path> skipped) {

    public static PublishInputs classify(List<Path> inputs) throws IOException {
        return classify(inputs, java.util.EnumSet.allOf(PackageFormat.class));
    }

    /**
     * As {@link #classify(List)}; package files of a format not in {@code wanted} that a folder holds
     * are skipped (files named on the command line are kept, so the publisher can refuse them).
     */
    public static PublishInputs classify(List<Path> inputs, java.util.Set<PackageFormat> wanted) throws IOException {
        List<Path> debs = new ArrayList<>();
        List<Path> rpms = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(input)) {
                    files = walk.filter(p -> Files.isRegularFile(p) && !hidden(input, p)).sorted().toList();
                }
                for (Path f : files) {
                    PackageFormat format = formatOrNull(f);
                    if (format != null && !wanted.contains(format)) {
                        skipped.add(f);
                    } else if (format == PackageFormat.DEB) {
                        debs.add(f);
                    } else if (format == PackageFormat.RPM) {
                        rpms.add(f);
                    } else {
                        skipped.add(f);
                    }
                }
            } else if (Files.isRegularFile(input)) {
                try {
                    PackageFormat format = PackageFormat.detect(input);
                    (format == PackageFormat.DEB ? debs : rpms).add(input);
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
            } else if (Files.exists(input, LinkOption.NOFOLLOW_LINKS) || Files.exists(input)) {
                problems.add(Problem.inFile(input.toString(), "neither a package file nor a folder"));
            } else {
                throw new ApplianceException(ExitCode.NOT_FOUND, input + ": no such file or folder");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new PublishInputs(dedupe(debs), dedupe(rpms), skipped);
    }

    private static List<Path> dedupe(List<Path> files) throws IOException {
        List<Path> result = new ArrayList<>();
        java.util.Set<Path> real = new java.util.HashSet<>();
        for (Path f : files) {
            if (real.add(f.toRealPath())) {
                result.add(f);
            }
        }
        result.sort(null);
        return result;
    }

    private static boolean hidden(Path base, Path p) {
        for (Path part : base.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static PackageFormat formatOrNull(Path file) throws IOException {
        try {
            return PackageFormat.detect(file);
        } catch (InvalidInputException e) {
            return null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
