package org.vatools.vainstall.pm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;
import org.vatools.vainstall.target.TargetFiles;

/**
 * The seed beside a .deb: the package's Packages entry names it in {@link AvailablePackage#SEED_FIELD}
 * (a path relative to the repository root, like Filename) and its SHA-256 in
 * {@link AvailablePackage#SEED_SHA256_FIELD}. That entry comes from the index apt verified with the
 * repository's key, so the hash is trusted. The repository's URL is where apt would fetch the
 * package from ({@code apt-get download --print-uris}) minus its Filename; apt's own downloader
 * ({@code apt-helper download-file URL FILE SHA256:hash}) fetches the seed on the target and
 * checks the hash, and the bytes are checked once more here.
 */
public final class AptPublishedSeeds implements PublishedSeeds {
    static final String APT_HELPER = "/usr/lib/apt/apt-helper";
    private static final Pattern URI_LINE = Pattern.compile("'([^']+)'\\s+(\\S+)\\s+.*");

    private final Target target;

    public AptPublishedSeeds(Target target) {
        this.target = target;
    }

    @Override
    public Optional<byte[]> fetch(AvailablePackage pkg) {
        Optional<String> seedPath = pkg.field(AvailablePackage.SEED_FIELD);
        if (seedPath.isEmpty()) {
            return Optional.empty();
        }
        String expected = pkg.field(AvailablePackage.SEED_SHA256_FIELD).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> s.matches("[0-9a-f]{64}"))
                .orElseThrow(() -> new ApplianceException(ExitCode.VERIFICATION_FAILED, pkg.name() + " " + pkg.version()
                        + ": the index names a seed (" + seedPath.get() + ") without a valid "
                        + AvailablePackage.SEED_SHA256_FIELD + "; refusing an unauthenticated seed"));
        if (seedPath.get().contains("..") || seedPath.get().startsWith("/") || seedPath.get().contains("://")) {
            throw new ApplianceException(ExitCode.VERIFICATION_FAILED, pkg.name() + ": the seed path '" + seedPath.get()
                    + "' in the index is not a path inside the repository");
        }
        String url = repositoryRoot(pkg) + seedPath.get();
        TargetFiles files = target.files();
        String dir = files.makeTempDir();
        try {
            String file = dir + "/seed";
            Result r = target.run(Command.of(APT_HELPER, "download-file", url, file, "SHA256:" + expected));
            if (!r.succeeded()) {
                if (Failures.isVerification(r)) {
                    throw new org.vatools.vainstall.target.CommandFailedException(ExitCode.VERIFICATION_FAILED,
                            "the seed published beside " + pkg.name() + " does not match the SHA-256 in the signed index", r);
                }
                throw new org.vatools.vainstall.target.CommandFailedException(ExitCode.ENVIRONMENT,
                        "cannot download the seed published beside " + pkg.name(), r);
            }
            byte[] seed = files.readRequired(file);
            String actual = sha256(seed);
            if (!actual.equals(expected)) {
                throw new ApplianceException(ExitCode.VERIFICATION_FAILED, url + ": SHA-256 " + actual
                        + " does not match " + expected + " from the signed index; the seed was not used");
            }
            return Optional.of(seed);
        } finally {
            files.remove(dir);
        }
    }

    /** The repository root URL (ending in '/'), from where apt would download the package. */
    String repositoryRoot(AvailablePackage pkg) {
        String filename = pkg.field("Filename").orElseThrow(() -> new ApplianceException(ExitCode.PACKAGE_MANAGER,
                pkg.name() + ": its index entry has no Filename"));
        Result r = target.run(Command.of("apt-get", "download", "--print-uris", pkg.name() + "=" + pkg.version()))
                .requireSuccess(ExitCode.PACKAGE_MANAGER, "cannot find where apt downloads " + pkg.name() + " from");
        return rootFromPrintUris(r.stdoutText(), filename).orElseThrow(() -> new ApplianceException(
                ExitCode.PACKAGE_MANAGER, "apt-get download --print-uris did not list " + filename + ": "
                + r.stdoutText().strip()));
    }

    /** Reads {@code 'URL' file size hash} lines; the root is URL minus the Filename at its end. */
    static Optional<String> rootFromPrintUris(String output, String filename) {
        for (String line : output.split("\n")) {
            Matcher m = URI_LINE.matcher(line.strip());
            if (m.matches() && m.group(1).endsWith("/" + filename)) {
                return Optional.of(m.group(1).substring(0, m.group(1).length() - filename.length()));
            }
        }
        return Optional.empty();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
