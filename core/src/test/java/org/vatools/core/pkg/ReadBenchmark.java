package org.vatools.core.pkg;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.vatools.core.pkg.deb.DebPackage;
import org.vatools.core.pkg.deb.DebReader;
import org.vatools.core.pkg.rpm.RpmPackage;
import org.vatools.core.pkg.rpm.RpmReader;

/**
 * Times reading every package of a folder, as bench/package-readers.sh runs it (a measurement,
 * not a test). Modes: {@code index} (metadata and digests, what a repository index needs: four
 * digests for a .deb, SHA-256 for an rpm), {@code extract} (also the appliance's seed and
 * descriptor), {@code list} (also a .deb's data file list). Prints wall time and the reading thread's
 * CPU time (the steadier figure on a shared machine).
 * <pre>ReadBenchmark MODE ROUNDS DIR...</pre>
 */
public final class ReadBenchmark {
    private ReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        int rounds = Integer.parseInt(args[1]);
        for (int a = 2; a < args.length; a++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(Path.of(args[a]))) {
                files = s.filter(p -> p.toString().endsWith(".deb") || p.toString().endsWith(".rpm")).sorted().toList();
            }
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long check = 0;
                for (Path f : files) {
                    check += read(f, mode);
                }
                double ms = (System.nanoTime() - start) / 1e6;
                double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
                System.out.printf("%-7s %s round %d: %d files (%.1f MB) in %.0f ms wall, %.0f ms cpu = %.3f ms/file"
                        + " [%d]%n", mode, Path.of(args[a]).getFileName(), round, files.size(), bytes / 1e6, ms, cpu,
                        cpu / files.size(), check);
            }
        }
    }

    private static long read(Path file, String mode) throws IOException {
        WantedFiles appliance = name -> Set.of("/usr/share/virtual-appliance/" + name + "/" + name + ".seed",
                "/usr/share/virtual-appliance/" + name + "/appliance.yaml");
        if (file.toString().endsWith(".deb")) {
            ReadOptions options = switch (mode) {
                case "index" -> ReadOptions.defaults();
                case "extract" -> ReadOptions.defaults().extracting(appliance);
                default -> ReadOptions.defaults().withDataFiles().extracting(appliance);
            };
            DebPackage deb = DebReader.read(file, options);
            return deb.digests().size() + deb.extractedFiles().size();
        }
        ReadOptions options = ReadOptions.defaults().withDigests(DigestAlgorithm.SHA256);
        if (!mode.equals("index")) {
            options = options.extracting(appliance);
        }
        RpmPackage rpm = RpmReader.read(file, options);
        return rpm.digests().size() + rpm.files().size() + rpm.extractedFiles().size();
    }
}
