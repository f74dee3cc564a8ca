package org.vatools.repotools.publish.apt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;
import org.vatools.core.ApplianceException;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.core.pgp.SignatureVerifier;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.FileDigests;
import org.vatools.repotools.publish.FormatVerifier;

/**
 * Checks the APT side of a repository as a client would, and more: for every suite under
 * {@code apt/dists/}, the signatures of InRelease and Release.gpg, that InRelease says what Release
 * says, that Valid-Until has not passed, the size, SHA256 and SHA512 of every file the Release
 * lists and of its by-hash copies, that Packages.gz and Packages.xz hold exactly Packages, and for
 * every Packages entry the pool file's size, MD5 and SHA-256 and the seed's SHA-256. Each suite is
 * read through one resolution of its link, so a publish running meanwhile cannot mix generations.
 */
public final class AptVerifier implements FormatVerifier {
    private static final DateTimeFormatter UTC_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);
    private final Clock clock;

    public AptVerifier() {
        this(Clock.systemUTC());
    }

    public AptVerifier(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "apt";
    }

    @Override
    public List<String> verify(Path repoRoot, SignatureVerifier verifier) throws IOException {
        List<String> problems = new ArrayList<>();
        Path apt = repoRoot.resolve("apt");
        Path dists = apt.resolve("dists");
        if (!Files.isDirectory(dists)) {
            if (Files.exists(apt)) {
                problems.add(dists + ": missing");
            }
            return problems;
        }
        List<Path> suites = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dists)) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".")) {
                    suites.add(p);
                }
            }
        }
        suites.sort(null);
        if (suites.isEmpty()) {
            problems.add(dists + ": holds no suite");
        }
        Map<String, String> checkedPool = new HashMap<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path suite : suites) {
            Path real;
            try {
                real = suite.toRealPath();
            } catch (NoSuchFileException e) {
                problems.add(suite + ": a link to a generation folder that does not exist");
                continue;
            }
            if (!seen.add(real)) {
                continue; // a codename linked to its suite
            }
            verifySuite(apt, suite, real, verifier, problems, checkedPool);
        }
        return problems;
    }

    private void verifySuite(Path apt, Path suite, Path dir, SignatureVerifier verifier, List<String> problems,
                             Map<String, String> checkedPool) throws IOException {
        String name = "apt/dists/" + suite.getFileName();
        String signedText = null;
        Path inRelease = dir.resolve("InRelease");
        Path release = dir.resolve("Release");
        Path gpg = dir.resolve("Release.gpg");
        if (!Files.isRegularFile(inRelease)) {
            problems.add(name + "/InRelease: missing");
        } else {
            try {
                signedText = verifier.verifyClearSigned(Files.readAllBytes(inRelease), name + "/InRelease").text();
            } catch (ApplianceException e) {
                problems.add(e.getMessage());
            }
        }
        String releaseText = null;
        if (!Files.isRegularFile(release)) {
            problems.add(name + "/Release: missing");
        } else {
            byte[] bytes = Files.readAllBytes(release);
            releaseText = new String(bytes, StandardCharsets.UTF_8);
            if (!Files.isRegularFile(gpg)) {
                problems.add(name + "/Release.gpg: missing");
            } else {
                try {
                    verifier.verifyDetached(bytes, Files.readAllBytes(gpg), name + "/Release.gpg (over Release)");
                } catch (ApplianceException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (signedText != null && releaseText != null && !signedText.equals(releaseText)) {
            problems.add(name + "/InRelease: its text differs from " + name + "/Release");
        }
        String text = signedText != null ? signedText : releaseText;
        if (text == null) {
            return;
        }
        Map<String, String> fields = fields(text);
        checkValidUntil(name, fields, problems);
        Map<String, String[]> sha256 = list(fields.get("SHA256"));
        Map<String, String[]> sha512 = list(fields.get("SHA512"));
        if (sha256.isEmpty()) {
            problems.add(name + "/Release: lists no files under SHA256");
        }
        boolean byHash = "yes".equals(fields.get("Acquire-By-Hash"));
        for (Map.Entry<String, String[]> e : sha256.entrySet()) {
            String path = e.getKey();
            Path file = dir.resolve(path);
            String where = name + "/" + path;
            if (!Files.isRegularFile(file)) {
                problems.add(where + ": listed in Release but missing");
                continue;
            }
            FileDigests d = FileDigests.of(file, EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512));
            long size = Long.parseLong(e.getValue()[1]);
            if (d.size() != size) {
                problems.add(where + ": size " + d.size() + " but Release says " + size);
            }
            if (!d.sha256().equals(e.getValue()[0])) {
                problems.add(where + ": SHA256 " + d.sha256() + " but Release says " + e.getValue()[0]);
            }
            String[] s512 = sha512.get(path);
            if (s512 == null) {
                problems.add(where + ": listed under SHA256 but not under SHA512");
            } else if (!d.sha512().equals(s512[0])) {
                problems.add(where + ": SHA512 differs from what Release says");
            }
            if (byHash) {
                checkByHash(dir, name, path, "SHA256", e.getValue()[0], d, problems);
                if (s512 != null) {
                    checkByHash(dir, name, path, "SHA512", s512[0], d, problems);
                }
            }
        }
        for (String path : sha512.keySet()) {
            if (!sha256.containsKey(path)) {
                problems.add(name + "/" + path + ": listed under SHA512 but not under SHA256");
            }
        }
        for (String path : sha256.keySet()) {
            if (path.endsWith("/Packages")) {
                checkPackages(apt, dir, name, path, sha256, problems, checkedPool);
            }
        }
    }

    private void checkValidUntil(String name, Map<String, String> fields, List<String> problems) {
        String validUntil = fields.get("Valid-Until");
        if (validUntil == null) {
            return;
        }
        Instant until;
        try {
            until = parseDate(validUntil);
        } catch (DateTimeParseException e) {
            problems.add(name + "/Release: Valid-Until '" + validUntil + "' is not an RFC 2822 date");
            return;
        }
        if (!clock.instant().isBefore(until)) {
            problems.add(name + "/Release: expired on " + validUntil + " (Valid-Until); apt refuses it: publish"
                    + " again to sign it anew");
        }
    }

    static Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value, UTC_DATE).toInstant();
        } catch (DateTimeParseException e) {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
    }

    private static void checkByHash(Path dir, String name, String path, String algorithm, String hash,
                                    FileDigests d, List<String> problems) throws IOException {
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash + 1);
        String byHash = folder + "by-hash/" + algorithm + "/" + hash;
        Path file = dir.resolve(byHash);
        if (!Files.isRegularFile(file)) {
            problems.add(name + "/" + byHash + ": missing (Acquire-By-Hash: yes, for " + path + ")");
            return;
        }
        FileDigests b = FileDigests.of(file, EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512));
        String actual = algorithm.equals("SHA256") ? b.sha256() : b.sha512();
        if (!actual.equals(hash)) {
            problems.add(name + "/" + byHash + ": content has " + algorithm + " " + actual);
        }
    }

    private static void checkPackages(Path apt, Path dir, String name, String path, Map<String, String[]> listed,
                                      List<String> problems, Map<String, String> checkedPool) throws IOException {
        Path file = dir.resolve(path);
        if (!Files.isRegularFile(file)) {
            return;
        }
        byte[] plain = Files.readAllBytes(file);
        for (String ext : List.of(".gz", ".xz")) {
            Path compressed = dir.resolve(path + ext);
            if (listed.containsKey(path + ext) && Files.isRegularFile(compressed)) {
                byte[] unpacked;
                try (InputStream in = ext.equals(".gz")
                        ? new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(compressed)))
                        : new XZInputStream(new ByteArrayInputStream(Files.readAllBytes(compressed)))) {
                    unpacked = in.readAllBytes();
                } catch (IOException e) {
                    problems.add(name + "/" + path + ext + ": cannot be decompressed (" + e.getMessage() + ")");
                    continue;
                }
                if (!java.util.Arrays.equals(unpacked, plain)) {
                    problems.add(name + "/" + path + ext + ": does not hold the same entries as " + path);
                }
            }
        }
        String text = new String(plain, StandardCharsets.UTF_8);
        for (String paragraph : text.split("\n\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            Map<String, String> f = fields(paragraph);
            String pkg = f.getOrDefault("Package", "?") + "_" + f.getOrDefault("Version", "?") + "_"
                    + f.getOrDefault("Architecture", "?");
            String where = name + "/" + path + ": " + pkg;
            String filename = f.get("Filename");
            if (filename == null || f.get("SHA256") == null || f.get("Size") == null) {
                problems.add(where + ": the entry lacks Filename, Size or SHA256");
                continue;
            }
            checkPoolFile(apt, where, filename, f.get("SHA256"), f.get("Size"), f.get("MD5sum"), problems, checkedPool);
            String seed = f.get(PackageLayout.APT_SEED_FIELD);
            String seedSha = f.get(PackageLayout.APT_SEED_SHA256_FIELD);
            if ((seed == null) != (seedSha == null)) {
                problems.add(where + ": has only one of " + PackageLayout.APT_SEED_FIELD + " and "
                        + PackageLayout.APT_SEED_SHA256_FIELD);
            } else if (seed != null) {
                checkPoolFile(apt, where + " (seed)", seed, seedSha, null, null, problems, checkedPool);
            }
        }
    }

    private static void checkPoolFile(Path apt, String where, String filename, String sha256, String size, String md5,
                                      List<String> problems, Map<String, String> checkedPool) throws IOException {
        if (filename.startsWith("/") || filename.contains("..")) {
            problems.add(where + ": path " + filename + " leaves the repository");
            return;
        }
        String key = filename + " " + sha256 + " " + size + " " + md5;
        if (checkedPool.containsKey(key)) {
            String earlier = checkedPool.get(key);
            if (!earlier.isEmpty()) {
                problems.add(where + ": " + earlier);
            }
            return;
        }
        Path file = apt.resolve(filename);
        String problem = "";
        if (!Files.isRegularFile(file)) {
            problem = filename + " is missing";
        } else {
            FileDigests d = FileDigests.of(file, EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.MD5));
            if (size != null && d.size() != Long.parseLong(size)) {
                problem = filename + " has " + d.size() + " bytes but the index says " + size;
            } else if (!d.sha256().equals(sha256)) {
                problem = filename + " has SHA256 " + d.sha256() + " but the index says " + sha256;
            } else if (md5 != null && !d.md5().equals(md5)) {
                problem = filename + " has MD5 " + d.md5() + " but the index says " + md5;
            }
        }
        checkedPool.put(key, problem);
        if (!problem.isEmpty()) {
            problems.add(where + ": " + problem);
        }
    }

    /** Top-level fields of one Deb822 paragraph; a folded value keeps its continuation lines. */
    static Map<String, String> fields(String paragraph) {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : paragraph.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                fields.put(last, fields.get(last) + "\n" + line);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            last = line.substring(0, colon);
            fields.put(last, line.substring(colon + 1).strip());
        }
        return fields;
    }

    /** The {@code hash size path} lines of a SHA256 or SHA512 field, by path. */
    private static Map<String, String[]> list(String value) {
        Map<String, String[]> files = new LinkedHashMap<>();
        if (value == null) {
            return files;
        }
        for (String line : value.split("\n")) {
            String[] p = line.strip().split("\\s+");
            if (p.length == 3) {
                files.put(p[2], new String[] {p[0], p[1]});
            }
        }
        return files;
    }
}
