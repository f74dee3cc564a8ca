package org.vatools.repotools.publish.yum;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.vatools.core.pgp.SignatureVerifier;
import org.vatools.core.pgp.Signer;
import org.vatools.core.pgp.SigningKeys;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.time.SourceDateEpoch;
import org.vatools.repotools.publish.FormatPublisher;
import org.vatools.repotools.publish.PublishOptions;
import org.vatools.repotools.publish.PublishRequest;
import org.vatools.repotools.publish.PublishSummary;

/** Publishes into a test repository with {@link YumPublisher} and reads back what it wrote. */
public final class YumRepo {
    public final Path root;
    public SigningKeys keys;
    public Instant time = Instant.parse("2026-03-01T12:00:00Z");
    public int keepVersions;
    public boolean replace;
    public Duration keep = Duration.ofHours(1);
    public final StringWriter progress = new StringWriter();

    public YumRepo(Path root, SigningKeys keys) {
        this.root = root;
        this.keys = keys;
    }

    public PublishOptions options() {
        return new PublishOptions("stable", null, "main", List.of("amd64"), null, null, null, keepVersions, replace,
                keep);
    }

    public PublishRequest request(List<Path> packages, List<PublishRequest.Removal> removals) {
        Clock clock = SourceDateEpoch.fixedClock(time);
        return new PublishRequest(root, packages, removals, keys, new Signer(keys, clock), clock, options(),
                new PrintWriter(progress, true));
    }

    public PublishSummary publish(Path... packages) throws IOException {
        return publish(List.of(packages), List.of());
    }

    public PublishSummary publish(List<Path> packages, List<PublishRequest.Removal> removals) throws IOException {
        return publish(request(packages, removals));
    }

    public static PublishSummary publish(PublishRequest request) throws IOException {
        try (FormatPublisher.StagedPublish staged = new YumPublisher().stage(request)) {
            return staged.commit();
        }
    }

    public List<String> verify() throws IOException {
        return new YumVerifier().verify(root, new SignatureVerifier(keys.publicKeyring(), SourceDateEpoch.fixedClock(
                time)));
    }

    public Path yum() {
        return root.resolve("yum");
    }

    public byte[] repomd() throws IOException {
        return Files.readAllBytes(yum().resolve("repodata/repomd.xml"));
    }

    /** The uncompressed content of the data file of {@code type}. */
    public String data(String type) throws IOException {
        String repomd = new String(repomd(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<data type=\"" + Pattern.quote(type) + "\">.*?<location href=\"([^\"]+)\"",
                Pattern.DOTALL).matcher(repomd);
        if (!m.find()) {
            throw new AssertionError("repomd.xml lists no " + type + ":\n" + repomd);
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(yum().resolve(
                m.group(1)))))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every file and symlink under the repository with its content's SHA-256 (symlinks: their target). */
    public Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(rel, HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest().digest(
                            Files.readAllBytes(p))));
                } else if (!rel.isEmpty()) {
                    files.put(rel + "/", "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The hrefs primary.xml lists. */
    public List<String> hrefs() throws IOException {
        List<String> hrefs = new ArrayList<>();
        Matcher m = Pattern.compile("<location href=\"([^\"]+)\"/>").matcher(data("primary"));
        while (m.find()) {
            hrefs.add(m.group(1));
        }
        return hrefs;
    }
}
