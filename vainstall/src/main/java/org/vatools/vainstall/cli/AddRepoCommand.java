package org.vatools.vainstall.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.pm.PackageManagers;
import org.vatools.vainstall.repo.RepositoryAdder;
import org.vatools.vainstall.repo.RepositoryKey;
import org.vatools.vainstall.repo.RepositorySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vainstall add-repo URL --keyring FILE}. */
@Command(name = "add-repo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Configures a repository published by repo-tools, signature checks on, and fetches its indexes"
                + " once to prove the key matches (unless --no-update); if that fails, nothing stays configured.",
                "apt: /etc/apt/sources.list.d/ID.sources with Signed-By: /etc/apt/keyrings/ID.gpg.",
                "dnf: /etc/yum.repos.d/ID.repo (gpgcheck=1, repo_gpgcheck=1, gpgkey=/etc/pki/rpm-gpg/ID.asc)."})
final class AddRepoCommand implements Callable<Integer>, EnvironmentAware {
    @Mixin
    GlobalOptions global;

    @Mixin
    TargetOptions targets;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The repository's root (holding apt/ and yum/).")
    String url;

    @Option(names = "--keyring", required = true, paramLabel = "FILE", description = "The repository's public key:"
            + " archive-keyring.asc or archive-keyring.gpg as published with it (check its fingerprint first).")
    Path keyring;

    @Option(names = "--name", paramLabel = "ID", description = "Name of the files written (default: from the URL).")
    String name;

    @Option(names = "--suite", paramLabel = "SUITE", defaultValue = "stable",
            description = "apt suite (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(names = "--component", paramLabel = "COMPONENT", defaultValue = "main",
            description = "apt component (default: ${DEFAULT-VALUE}).")
    String component;

    @Option(names = "--no-update", description = "Do not fetch the repository's indexes to check its signature.")
    boolean noUpdate;

    @Option(names = "--dry-run", description = "Print the files that would be written; change nothing.")
    boolean dryRun;

    private Environment env;

    @Override
    public void environment(Environment e) {
        this.env = e;
    }

    @Override
    public Integer call() {
        RepositorySpec repo = RepositorySpec.of(url, name, suite, component);
        Path file = env.workingDir().resolve(keyring);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.NOT_FOUND, file + ": cannot read the keyring: " + e.getMessage(), e);
        }
        RepositoryKey key = RepositoryKey.read(bytes, file.toString());
        return TargetRunner.run(env, global, targets, spec.commandLine().getOut(), spec.commandLine().getErr(), false,
                (target, io) -> {
                    new RepositoryAdder(target, PackageManagers.detect(target), io).add(repo, key, !noUpdate, dryRun);
                    return ExitCode.OK.code();
                });
    }
}
