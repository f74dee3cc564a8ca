package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.vatools.core.pgp.Passphrase;
import org.vatools.core.pgp.SecretKeyFile;
import org.vatools.core.pgp.Signer;
import org.vatools.core.pgp.SigningKey;
import org.vatools.core.pgp.SigningKeys;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.time.SourceDateEpoch;
import org.vatools.repotools.publish.PublishOptions;
import org.vatools.repotools.publish.PublishRequest;

/**
 * What bench/yum-bench.sh times (a measurement, not a test), one JVM per run like the command:
 * <pre>
 * publish KEYFILE REPO SOURCE_DATE_EPOCH INPUT...   a complete publish (read, sign, repodata, switch)
 * metadata OUT DIR                                  repodata for the rpms of DIR without signing them:
 *                                                   the work createrepo_c does (read, SHA-256, XML, gzip)
 * sign KEYFILE COUNT                                COUNT rpm header signatures over a 4 KiB header
 * </pre>
 * An INPUT that is a folder stands for the rpms in it.
 */
public final class YumPublishBenchmark {
    private YumPublishBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "publish" -> publish(args);
            case "metadata" -> {
                int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
                for (int r = 1; r <= rounds; r++) {
                    long start = System.nanoTime();
                    metadata(Path.of(args[1]).resolve(rounds == 1 ? "" : "round-" + r), Path.of(args[2]));
                    if (rounds > 1) {
                        System.out.printf(Locale.ROOT, "metadata round %d: %.0f ms%n", r, (System.nanoTime() - start) / 1e6);
                    }
                }
            }
            case "sign" -> sign(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("publish, metadata or sign");
        }
    }

    private static List<Path> rpms(List<String> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String in : inputs) {
            Path p = Path.of(in);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    files.addAll(s.filter(f -> f.toString().endsWith(".rpm")).sorted().toList());
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    private static void publish(String[] args) throws IOException {
        Instant time = Instant.ofEpochSecond(Long.parseLong(args[3]));
        Clock clock = SourceDateEpoch.fixedClock(time);
        SigningKeys keys = SigningKeys.of(List.of(SecretKeyFile.load(Path.of(args[1]), Passphrase.none(), time)));
        PublishOptions options = new PublishOptions("stable", null, "main", List.of("amd64"), null, null, null, 0, false,
                Duration.ofDays(1));
        PrintWriter progress = new PrintWriter(System.err, true);
        PublishRequest request = new PublishRequest(Path.of(args[2]), rpms(List.of(args).subList(4, args.length)),
                List.of(), keys, new Signer(keys, clock), clock, options, progress);
        var summary = YumRepo.publish(request);
        System.err.println("yum: added " + summary.added().size() + ", removed " + summary.removed().size() + ", total " + summary.total());
    }

    private static void metadata(Path out, Path dir) throws Exception {
        List<Path> files = rpms(List.of(dir.toString()));
        Path repodata = Files.createDirectories(out.resolve("repodata"));
        long now = Instant.now().getEpochSecond();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<YumPackage>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    RpmInput.Loaded in = RpmInput.read(f, ReadOptions.defaults().withDigests(DigestAlgorithm.SHA256));
                    String sha = in.rpm().digests().sha256();
                    String href = "packages/" + f.getFileName();
                    RepodataXml.Location at = new RepodataXml.Location(sha, href, Files.size(f),
                            Files.getLastModifiedTime(f).toMillis() / 1000, in.rpm().layout().headerStart(),
                            in.rpm().layout().headerEnd());
                    return new YumPackage(sha, in.rpm().name(), in.rpm().arch(), "", in.rpm().version(),
                            in.rpm().release(), href, Files.size(f), in.input().headerSha256(), List.of(), at.fileTime(), null,
                            RepodataXml.primary(in.rpm(), at), RepodataXml.filelists(in.rpm(), sha),
                            RepodataXml.other(in.rpm(), sha));
                }));
            }
            List<YumPackage> packages = new ArrayList<>();
            for (Future<YumPackage> f : futures) {
                packages.add(f.get());
            }
            packages.sort(YumPublisher.PACKAGE_ORDER);
            long read = System.nanoTime();
            int n = packages.size();
            List<Future<RepodataFile>> written = List.of(
                    pool.submit(() -> RepodataWriter.write(repodata, "primary", String.format(RepodataXml.PRIMARY_START,
                            n), () -> packages.stream().map(YumPackage::primary).iterator(), RepodataXml.PRIMARY_END,
                            now)),
                    pool.submit(() -> RepodataWriter.write(repodata, "filelists", String.format(
                            RepodataXml.FILELISTS_START, n), () -> packages.stream().map(YumPackage::filelists)
                            .iterator(), RepodataXml.FILELISTS_END, now)),
                    pool.submit(() -> RepodataWriter.write(repodata, "other", String.format(RepodataXml.OTHER_START, n),
                            () -> packages.stream().map(YumPackage::other).iterator(), RepodataXml.OTHER_END, now)));
            List<RepodataFile> data = new ArrayList<>();
            for (Future<RepodataFile> f : written) {
                data.add(f.get());
            }
            Files.write(repodata.resolve("repomd.xml"), RepomdXml.write(now, data));
            System.err.printf(Locale.ROOT, "metadata: read and entries %.0f ms, repodata files %.0f ms%n",
                    (read - start) / 1e6, (System.nanoTime() - read) / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sign(Path keyFile, int count) {
        SigningKey key = SecretKeyFile.load(keyFile, Passphrase.none(), Instant.now());
        byte[] header = new byte[4096];
        Instant time = key.creationTime().plusSeconds(1);
        for (int i = 0; i < 20; i++) {
            Signer.signaturePacket(key, header, time);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            header[i % header.length]++;
            Signer.signaturePacket(key, header, time);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf(Locale.ROOT, "%s: %d signatures in %.0f ms = %.3f ms per rpm (one thread)%n",
                key.algorithmName(), count, ms, ms / count);
    }
}
