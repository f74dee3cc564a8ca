package org.vatools.repotools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.Fingerprint;
import org.vatools.core.pgp.KeyFiles;
import org.vatools.core.pgp.PublicKeyring;
import org.vatools.core.pgp.SignatureVerifier;
import org.vatools.repotools.publish.FormatVerifier;
import org.vatools.repotools.publish.PublishFormats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code repo-tools verify --repo DIR [--keyring FILE]}: checks every signature and hash of a repository. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a published repository as its clients would, and more: every signature, every hash"
                + " an index lists (and its by-hash copies), every pool file against its index entry, every seed.",
            "Names each mismatch. Without --keyring it uses the repository's own archive-keyring.gpg, which proves"
                + " only that the repository is consistent, not who signed it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:everything verified", " 3:the keyring is not a public keyring",
            " 5:a signature, hash or file did not verify (each is listed)", "11:no repository or keyring there"})
public final class VerifyCommand implements Callable<Integer>, GlobalOptions.Aware {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository folder.")
    Path repo;

    @Option(names = "--keyring", paramLabel = "FILE",
            description = "Public keys to trust (armored or binary). Default: the repository's own "
                    + KeyFiles.BINARY_KEYRING + ".")
    Path keyring;

    Clock clock = Clock.systemUTC();

    @Override
    public GlobalOptions global() {
        return global;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(repo)) {
            throw new ApplianceException(ExitCode.NOT_FOUND, repo + ": no such repository folder");
        }
        if (!Files.isDirectory(repo.resolve("apt")) && !Files.isDirectory(repo.resolve("yum"))) {
            throw new ApplianceException(ExitCode.NOT_FOUND, repo + ": holds neither apt/ nor yum/; nothing to verify");
        }
        Path keys = keyring != null ? keyring : repo.resolve(KeyFiles.BINARY_KEYRING);
        PublicKeyring trusted = PublicKeyring.read(keys);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!global.quiet) {
            out.printf("Keyring: %s (%s)%n", keys, String.join(", ",
                    trusted.fingerprints().stream().map(Fingerprint::hex).toList()));
        }
        if (keyring == null) {
            err.println("repo-tools: warning: verifying with the repository's own keyring proves only that the"
                    + " repository is consistent, not who signed it; give --keyring with the key your clients trust");
        }
        SignatureVerifier verifier = new SignatureVerifier(trusted, clock);
        List<String> problems = new ArrayList<>();
        for (FormatVerifier v : PublishFormats.verifiers(clock)) {
            List<String> found = v.verify(repo, verifier);
            problems.addAll(found);
            if (!global.quiet) {
                out.printf("%s: %s%n", v.name(), found.isEmpty() ? "verified" : found.size() + " problem"
                        + (found.size() == 1 ? "" : "s"));
            }
        }
        if (Files.isDirectory(repo.resolve("yum")) && PublishFormats.verifiers(clock).stream()
                .noneMatch(v -> v.name().equals("yum"))) {
            problems.add(repo.resolve("yum") + ": YUM verification is not available in this build of repo-tools");
        }
        out.flush();
        if (!problems.isEmpty()) {
            throw new ApplianceException(ExitCode.VERIFICATION_FAILED, String.join("\n", problems));
        }
        if (!global.quiet) {
            out.println("Verified " + repo);
        }
        return ExitCode.OK.code();
    }
}
