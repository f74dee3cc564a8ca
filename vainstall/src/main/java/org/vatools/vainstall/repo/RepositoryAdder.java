package org.vatools.vainstall.repo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Family;
import org.vatools.vainstall.install.Reporter;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.CommandFailedException;
import org.vatools.vainstall.target.FileMode;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;
import org.vatools.vainstall.target.TargetFiles;

/**
 * {@code vainstall add-repo}: configures a repository published by repo-tools, with signature
 * checks on. apt hosts get a deb822 {@code /etc/apt/sources.list.d/<id>.sources} whose
 * {@code Signed-By} names the key copied to {@code /etc/apt/keyrings/<id>.gpg} (so the key vouches
 * for this repository only); dnf hosts get {@code /etc/yum.repos.d/<id>.repo} with gpgcheck=1,
 * repo_gpgcheck=1 and the key in {@code /etc/pki/rpm-gpg/<id>.asc}. Unless told not to, the new
 * repository alone is then fetched once; if that fails (wrong key, wrong URL) the files are taken
 * away again, so the host is left as it was.
 */
public final class RepositoryAdder {
    private final Target target;
    private final PackageManager pm;
    private final Reporter reporter;

    public RepositoryAdder(Target target, PackageManager pm, Reporter reporter) {
        this.target = target;
        this.pm = pm;
        this.reporter = reporter;
    }

    /** A file add-repo writes. */
    public record RepoFile(String path, byte[] content) {
    }

    public static List<RepoFile> files(RepositorySpec spec, RepositoryKey key, Family family) {
        if (family == Family.DEB) {
            String keyPath = "/etc/apt/keyrings/" + spec.id() + ".gpg";
            String sources = "# " + spec.id() + ": appliances, added by vainstall add-repo\n"
                    + "Types: deb\n"
                    + "URIs: " + spec.aptUrl() + "\n"
                    + "Suites: " + spec.suite() + "\n"
                    + "Components: " + spec.component() + "\n"
                    + "Signed-By: " + keyPath + "\n";
            return List.of(new RepoFile(keyPath, key.binary()),
                    new RepoFile("/etc/apt/sources.list.d/" + spec.id() + ".sources", utf8(sources)));
        }
        String keyPath = "/etc/pki/rpm-gpg/" + spec.id() + ".asc";
        String repo = "# " + spec.id() + ": appliances, added by vainstall add-repo\n"
                + "[" + spec.id() + "]\n"
                + "name=" + spec.id() + " appliances\n"
                + "baseurl=" + spec.yumUrl() + "\n"
                + "enabled=1\n"
                + "gpgcheck=1\n"
                + "repo_gpgcheck=1\n"
                + "gpgkey=file://" + keyPath + "\n";
        return List.of(new RepoFile(keyPath, key.armored()), new RepoFile("/etc/yum.repos.d/" + spec.id() + ".repo",
                utf8(repo)));
    }

    public void add(RepositorySpec spec, RepositoryKey key, boolean verify, boolean dryRun) {
        List<RepoFile> files = files(spec, key, pm.family());
        TargetFiles tf = target.files();
        boolean same = true;
        for (RepoFile f : files) {
            Optional<byte[]> existing = tf.read(f.path());
            if (existing.isPresent() && !Arrays.equals(existing.get(), f.content())) {
                throw new ApplianceException(ExitCode.CONFLICT, f.path() + " exists on " + target.describe()
                        + " with other content: a repository named '" + spec.id() + "' is configured already."
                        + " Choose another --name, or remove its files first");
            }
            same &= existing.isPresent();
        }
        String fingerprints = String.join(", ", key.fingerprints());
        if (dryRun) {
            StringBuilder sb = new StringBuilder("Would write on " + target.describe() + " (nothing was changed):\n");
            for (RepoFile f : files) {
                sb.append("  ").append(f.path()).append(" (0644)");
                if (!f.path().contains("/keyrings/") && !f.path().contains("/rpm-gpg/")) {
                    sb.append(":\n");
                    new String(f.content(), StandardCharsets.UTF_8).lines().forEach(l -> sb.append("    ").append(l)
                            .append('\n'));
                } else {
                    sb.append(": key ").append(fingerprints).append('\n');
                }
            }
            reporter.result(sb.toString());
            return;
        }
        List<String> written = new ArrayList<>();
        if (!same) {
            for (RepoFile f : files) {
                tf.makeDirectories(f.path().substring(0, f.path().lastIndexOf('/')), 0755);
                tf.write(f.path(), f.content(), FileMode.publicReadable());
                written.add(f.path());
                reporter.detail("wrote " + f.path());
            }
        } else {
            reporter.step("Repository " + spec.id() + " is configured already with the same key");
        }
        if (verify) {
            reporter.step("Fetching the indexes of " + spec.id() + " to check its signature");
            Result r = target.run(verifyCommand(spec));
            if (!r.succeeded()) {
                for (String path : written) {
                    tf.remove(path);
                }
                boolean signature = (r.stderrTail() + r.stdoutText()).matches("(?s).*(NO_PUBKEY|not signed|signature"
                        + "|Signature|BADSIG|GPG).*");
                throw new CommandFailedException(signature ? ExitCode.VERIFICATION_FAILED : ExitCode.PACKAGE_MANAGER,
                        "the repository " + spec.url() + " did not verify with the key " + fingerprints
                        + (written.isEmpty() ? "" : "; its files were removed again"), r);
            }
        }
        reporter.result("Added repository " + spec.id() + " (" + (pm.family() == Family.DEB
                ? spec.aptUrl() + " " + spec.suite() + " " + spec.component() : spec.yumUrl()) + ") on "
                + target.describe() + ", signed by " + fingerprints);
    }

    /** Fetches only the new repository's indexes, with signature checks on. */
    Command verifyCommand(RepositorySpec spec) {
        if (pm.family() == Family.DEB) {
            return Command.of("apt-get", "update", "--error-on=any",
                    "-o", "Dir::Etc::SourceList=/etc/apt/sources.list.d/" + spec.id() + ".sources",
                    "-o", "Dir::Etc::SourceParts=-", "-o", "APT::Get::List-Cleanup=0").streaming()
                    .withTimeout(java.time.Duration.ofMinutes(10));
        }
        return Command.of("dnf", "-y", "makecache", "--refresh", "--repo", spec.id(),
                "--setopt=" + spec.id() + ".skip_if_unavailable=False").streaming()
                .withTimeout(java.time.Duration.ofMinutes(10));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
