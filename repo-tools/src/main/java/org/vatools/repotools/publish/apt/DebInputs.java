package org.vatools.repotools.publish.apt;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.pkg.deb.DebPackage;
import org.vatools.core.pkg.deb.DebReader;

/**
 * Reads the .deb files given to a publish, each once: the file is copied into the staging folder
 * while {@link DebReader} parses it and computes its size, MD5 and SHA-256 from the same bytes.
 * An appliance (Provides: virtual-appliance) is read a second time, from the staged copy, for its
 * seed. Files are read on several threads; every problem of every file is reported together.
 */
public final class DebInputs {
    private DebInputs() {
    }

    /** One input: where it came from, its staged copy, what the reader found, and the seed of an appliance. */
    public record Read(Path input, Path staged, DebPackage deb, byte[] seed) {
        public boolean isAppliance() {
            return seed != null;
        }
    }

    /**
     * How inputs get into the staging folder.
     *
     * @param durable  force each staged copy to disk
     * @param hardlink link the input instead of copying it when both are on one file system (the
     *                 input must then never be rewritten in place, or the published file changes too)
     * @param poolRoot when not null, the folder under which each package's usual pool folder
     *                 ({@code <component>/<prefix>/<source>}) is created while reading, so that
     *                 slow folder creation overlaps with reading
     * @param component the component of those pool folders
     */
    public record Staging(boolean durable, boolean hardlink, Path poolRoot, String component) {
    }

    /**
     * @throws InvalidInputException listing every file that is not a valid package
     */
    public static List<Read> read(List<Path> inputs, Path stagingDir, ExecutorService pool, Staging how)
            throws IOException {
        Files.createDirectories(stagingDir);
        List<Future<Read>> futures = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path input = inputs.get(i);
            Path staged = stagingDir.resolve(i + ".deb");
            futures.add(pool.submit(() -> readOne(input, staged, how)));
        }
        List<Read> result = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        IOException ioFailure = null;
        for (Future<Read> f : futures) {
            try {
                result.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the packages", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InvalidInputException invalid) {
                    problems.addAll(invalid.problems());
                } else if (cause instanceof IOException io) {
                    if (ioFailure == null) {
                        ioFailure = io;
                    }
                } else if (cause instanceof RuntimeException r) {
                    throw r;
                } else {
                    throw new IOException(cause);
                }
            }
        }
        if (ioFailure != null) {
            throw ioFailure;
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return result;
    }

    static Read readOne(Path input, Path staged, Staging how) throws IOException {
        long size = Files.size(input);
        DebPackage deb = null;
        ReadOptions options = ReadOptions.defaults().withDigests(DigestAlgorithm.MD5, DigestAlgorithm.SHA256);
        if (how.hardlink()) {
            try {
                Files.createLink(staged, input);
                try (InputStream in = Files.newInputStream(staged)) {
                    deb = DebReader.read(in, input.toString(), size, options);
                }
            } catch (java.nio.file.FileSystemException e) {
                Files.deleteIfExists(staged);
                deb = null;
            }
        }
        if (deb == null) {
            try (InputStream in = Files.newInputStream(input);
                 FileChannel channel = FileChannel.open(staged, StandardOpenOption.CREATE_NEW,
                         StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                deb = DebReader.read(new Tee(in, out), input.toString(), size, options);
                if (how.durable()) {
                    channel.force(true);
                }
            }
        }
        if (how.poolRoot() != null) {
            String source = PoolLayout.sourceName(deb.control().get("Source").orElse(null), deb.name());
            Files.createDirectories(how.poolRoot().resolve(PoolLayout.directory(how.component(), source)));
        }
        byte[] seed = null;
        if (providesAppliance(deb.control().get("Provides").orElse(""))) {
            String seedPath = PackageLayout.seedPath(deb.name());
            seed = DebReader.read(staged, ReadOptions.defaults().withDigests().extracting(seedPath))
                    .extractedFile(seedPath).orElseThrow(() -> new InvalidInputException(Problem.inFile(
                            input.toString(), "provides " + PackageLayout.VIRTUAL_PACKAGE + " but has no seed at "
                                    + seedPath + "; an appliance package carries its seed there (build it with"
                                    + " 'repo-tools build')")));
        }
        return new Read(input, staged, deb, seed);
    }

    /** True when a Provides field names virtual-appliance (with or without a version). */
    static boolean providesAppliance(String provides) {
        for (String item : provides.split(",")) {
            String name = item.strip();
            int cut = name.indexOf('(');
            if (cut >= 0) {
                name = name.substring(0, cut).strip();
            }
            int colon = name.indexOf(':');
            if (colon >= 0) {
                name = name.substring(0, colon);
            }
            if (name.equals(PackageLayout.VIRTUAL_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    /** Copies every byte read (and skipped) into {@code out}. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream out;

        Tee(InputStream in, OutputStream out) {
            super(in);
            this.out = out;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                out.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                out.write(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long left = n;
            while (left > 0) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, left));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
