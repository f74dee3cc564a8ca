package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.vatools.core.ApplianceException;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.PackagePolicy;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.pkg.rpm.RpmDependency;
import org.vatools.core.pkg.rpm.RpmEvr;
import org.vatools.core.pkg.rpm.RpmPackage;
import org.vatools.core.pkg.rpm.RpmReader;
import org.vatools.repotools.publish.rpm.RpmSigner;

/**
 * One input rpm, read and checked: a binary package whose name, version, release and arch are
 * safe in a file name. An appliance (it provides {@code virtual-appliance}) brings its seed from
 * {@code /usr/share/virtual-appliance/NAME/NAME.seed}, unless it was built without one
 * ({@code seed: none}). Only what the publisher decides
 * with is kept (a few hundred bytes), not the package's whole header: a publish of thousands of
 * packages reads the few it signs again.
 *
 * @param file         the input file
 * @param key          name, arch, epoch, version, release
 * @param nvra         {@code name-version-release.arch}
 * @param headerSha256 SHA-256 of the main header: the package's content, whoever signed it
 * @param seed         the appliance's seed, or null for other packages
 */
record RpmInput(Path file, YumPackage.Key key, String nvra, String headerSha256, byte[] seed) {
    static final String VIRTUAL_APPLIANCE = "virtual-appliance";
    private static final Pattern ARCH = Pattern.compile("[A-Za-z0-9_]+");

    /** An input with the package as read. */
    record Loaded(RpmInput input, RpmPackage rpm) {
    }

    RpmEvr evr() {
        return new RpmEvr(key.epoch(), key.version(), key.release());
    }

    /** True for an appliance with a seed, which is published beside the package. */
    boolean hasSeed() {
        return seed != null;
    }

    static boolean providesVirtualAppliance(RpmPackage rpm) {
        for (RpmDependency p : rpm.provides()) {
            if (p.name().equals(VIRTUAL_APPLIANCE)) {
                return true;
            }
        }
        return false;
    }

    /** Reads one file; bad input is an {@link InvalidInputException} naming the file. */
    static Loaded read(Path file) throws IOException {
        return read(file, ReadOptions.defaults().withDigests());
    }

    /** Reads one file, computing the digests {@code options} asks for in the same pass. */
    static Loaded read(Path file, ReadOptions options) throws IOException {
        RpmPackage rpm = RpmReader.read(file, options.extracting(name -> Set.of(YumLayout.seedPath(name))));
        List<Problem> problems = new ArrayList<>();
        String source = file.toString();
        if (rpm.isSourcePackage()) {
            problems.add(Problem.inFile(source, "is a source package (" + rpm.nvra() + "); a YUM repository of"
                    + " binary packages takes built rpms only, publish the .noarch.rpm or .<arch>.rpm made from it"));
        }
        PackagePolicy.rpmName(rpm.name()).ifPresent(p -> problems.add(Problem.inFile(source, "NAME: " + p)));
        PackagePolicy.rpmVersionPart(rpm.version(), "version").ifPresent(
                p -> problems.add(Problem.inFile(source, "VERSION: " + p)));
        PackagePolicy.rpmVersionPart(rpm.release(), "release").ifPresent(
                p -> problems.add(Problem.inFile(source, "RELEASE: " + p)));
        if (!rpm.isSourcePackage() && !ARCH.matcher(rpm.arch()).matches()) {
            problems.add(Problem.inFile(source, "ARCH: '" + rpm.arch() + "' is not an rpm architecture name"));
        }
        // an appliance made with 'seed: none' has none: it is published without one
        byte[] seed = providesVirtualAppliance(rpm) ? rpm.extractedFile(YumLayout.seedPath(rpm.name())).orElse(null)
                : null;
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String epoch = rpm.epoch().isPresent() ? Long.toString(rpm.epoch().getAsLong()) : "0";
        YumPackage.Key key = new YumPackage.Key(rpm.name(), rpm.arch(), epoch, rpm.version(), rpm.release());
        return new Loaded(new RpmInput(file, key, rpm.nvra(), RpmSigner.headerSha256(rpm), seed), rpm);
    }

    /**
     * Reads every file on {@code pool}; throws one {@link InvalidInputException} with the problems of
     * every bad file (so one run shows them all), or the first other failure.
     */
    static List<RpmInput> readAll(List<Path> files, ExecutorService pool) throws IOException {
        List<Future<RpmInput>> futures = new ArrayList<>(files.size());
        for (Path f : files) {
            futures.add(pool.submit(() -> read(f).input()));
        }
        List<RpmInput> inputs = new ArrayList<>(files.size());
        List<Problem> problems = new ArrayList<>();
        for (Future<RpmInput> f : futures) {
            try {
                inputs.add(f.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InvalidInputException invalid) {
                    problems.addAll(invalid.problems());
                } else if (cause instanceof IOException io) {
                    throw io;
                } else if (cause instanceof ApplianceException a) {
                    throw a;
                } else if (cause instanceof RuntimeException r) {
                    throw r;
                } else {
                    throw new IllegalStateException(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading packages", e);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return inputs;
    }
}
