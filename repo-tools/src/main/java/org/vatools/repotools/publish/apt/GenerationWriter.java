package org.vatools.repotools.publish.apt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.vatools.core.pgp.Signer;
import org.vatools.core.pkg.DigestAlgorithm;

/**
 * Writes one generation of a suite (everything under {@code apt/dists/<suite>/}) into a folder:
 * per component and architecture Packages, Packages.gz, Packages.xz and a Release, each also under
 * {@code by-hash/SHA256/<hex>} and {@code by-hash/SHA512/<hex>} (apt asks by-hash for the
 * strongest hash the Release lists, SHA512 here), the by-hash files of earlier generations that
 * are still within their retention time, and the suite's Release, InRelease and Release.gpg.
 */
final class GenerationWriter {
    private static final HexFormat HEX = HexFormat.of();
    private final boolean durable;
    private long signingNanos;

    /** How long the last {@link #write} spent signing (InRelease and Release.gpg). */
    long signingMillis() {
        return signingNanos / 1_000_000;
    }

    GenerationWriter(boolean durable) {
        this.durable = durable;
    }

    /** What the Release says besides the file lists. */
    record Suite(String suite, String codename, String origin, String label, List<String> architectures,
                 List<String> components, Instant date, Instant validUntil) {
    }

    /**
     * @param previous          the current generation's folder, or null
     * @param retainedByHash    superseded time (epoch seconds) by path relative to the generation folder
     * @return the by-hash files kept from earlier generations, with their superseded times, as
     *         state records (path "dists/" + relative path)
     */
    List<AptState.Retained> write(Path out, Suite s, List<AptEntry> entries, IndexCompressor compressor,
                                  Signer signer, Path previous, Map<String, Long> retainedByHash, long now,
                                  long retentionSeconds) throws IOException {
        Files.createDirectories(out);
        List<IndexCompressor.Index> indexes = new ArrayList<>();
        List<String[]> where = new ArrayList<>();
        for (String component : s.components()) {
            for (String arch : s.architectures()) {
                List<String> ids = new ArrayList<>();
                List<String> paragraphs = new ArrayList<>();
                for (AptEntry e : entries) {
                    if (e.component().equals(component)
                            && (e.architecture().equals(arch) || e.architecture().equals("all"))) {
                        ids.add(e.describe());
                        paragraphs.add(e.paragraph());
                    }
                }
                indexes.add(new IndexCompressor.Index(ids, paragraphs));
                where.add(new String[] {component, arch});
            }
        }
        List<IndexCompressor.Compressed> compressed = compressor.compress(indexes);
        List<ReleaseFile.Listed> listed = new ArrayList<>();
        Set<String> current = new HashSet<>();
        Map<String, Path> written = new HashMap<>();
        for (int i = 0; i < indexes.size(); i++) {
            String dir = where.get(i)[0] + "/binary-" + where.get(i)[1];
            Path d = out.resolve(dir);
            Files.createDirectories(d.resolve("by-hash/SHA256"));
            Files.createDirectories(d.resolve("by-hash/SHA512"));
            IndexCompressor.Compressed c = compressed.get(i);
            byte[] release = ReleaseFile.component(s.origin(), s.label(), s.suite(), where.get(i)[0], where.get(i)[1])
                    .getBytes(StandardCharsets.UTF_8);
            String[][] files = {{"Packages", null}, {"Packages.gz", null}, {"Packages.xz", null}, {"Release", null}};
            byte[][] contents = {c.plain(), c.gz(), c.xz(), release};
            for (int f = 0; f < files.length; f++) {
                byte[] content = contents[f];
                String sha256 = hex(DigestAlgorithm.SHA256, content);
                String sha512 = hex(DigestAlgorithm.SHA512, content);
                Path file = d.resolve(files[f][0]);
                Path same = written.get(sha512);
                if (same != null) {
                    Files.createLink(file, same);
                } else {
                    FileOps.write(file, content, durable);
                    written.put(sha512, file);
                }
                listed.add(new ReleaseFile.Listed(dir + "/" + files[f][0], content.length, sha256, sha512));
                link(d.resolve("by-hash/SHA256").resolve(sha256), file);
                link(d.resolve("by-hash/SHA512").resolve(sha512), file);
                current.add(dir + "/by-hash/SHA256/" + sha256);
                current.add(dir + "/by-hash/SHA512/" + sha512);
            }
        }
        List<AptState.Retained> kept = keepOldByHash(out, previous, current, retainedByHash, now, retentionSeconds);
        listed.sort(Comparator.comparing(ReleaseFile.Listed::path));
        String text = ReleaseFile.suite(s.origin(), s.label(), s.suite(), s.codename(), s.date(), s.validUntil(),
                s.architectures(), s.components(), listed);
        byte[] releaseBytes = text.getBytes(StandardCharsets.UTF_8);
        FileOps.write(out.resolve("Release"), releaseBytes, durable);
        long signing = System.nanoTime();
        byte[] detached = signer.detachedSignature(releaseBytes);
        byte[] inRelease = signer.clearSign(text);
        signingNanos = System.nanoTime() - signing;
        FileOps.write(out.resolve("Release.gpg"), detached, durable);
        FileOps.write(out.resolve("InRelease"), inRelease, durable);
        return kept;
    }

    private static void link(Path link, Path target) throws IOException {
        if (!Files.exists(link)) {
            Files.createLink(link, target);
        }
    }

    private static List<AptState.Retained> keepOldByHash(Path out, Path previous, Set<String> current,
                                                         Map<String, Long> retainedByHash, long now,
                                                         long retentionSeconds) throws IOException {
        List<AptState.Retained> kept = new ArrayList<>();
        if (previous == null || !Files.isDirectory(previous)) {
            return kept;
        }
        List<Path> old;
        try (Stream<Path> files = Files.walk(previous)) {
            old = files.filter(p -> p.getParent() != null && p.getParent().getParent() != null
                    && p.getParent().getParent().getFileName().toString().equals("by-hash")
                    && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path p : old) {
            String rel = previous.relativize(p).toString();
            if (current.contains(rel)) {
                continue;
            }
            long since = retainedByHash.getOrDefault(rel, now);
            if (now - since >= retentionSeconds) {
                continue;
            }
            Path target = out.resolve(rel);
            Files.createDirectories(target.getParent());
            Files.createLink(target, p);
            kept.add(new AptState.Retained(since, "-", "dists/" + rel));
        }
        return kept;
    }

    private static String hex(DigestAlgorithm algorithm, byte[] content) {
        return HEX.formatHex(algorithm.newDigest().digest(content));
    }
}
