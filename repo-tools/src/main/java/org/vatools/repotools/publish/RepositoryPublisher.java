package org.vatools.repotools.publish;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.pgp.Signer;
import org.vatools.core.pgp.SigningKeys;

/**
 * {@code repo-tools publish} without its command line: takes the repository lock, stages every
 * format (nothing visible changes; bad input in any format stops here), then commits each format
 * and writes the public keyring files. When anything fails before the commits, the repository is
 * as it was: staged files are discarded, and folders this publish created are removed again.
 */
public final class RepositoryPublisher {
    private final List<FormatPublisher> formats;
    private final Duration lockTimeout;

    public RepositoryPublisher(List<FormatPublisher> formats, Duration lockTimeout) {
        this.formats = List.copyOf(formats);
        this.lockTimeout = lockTimeout;
    }

    /** What to publish. {@code wanted} names the formats to publish ("apt", "yum"). */
    public record Job(Path repoRoot, PublishInputs inputs, List<PublishRequest.Removal> removals, SigningKeys keys,
                      Clock clock, Clock wallClock, PublishOptions options, List<String> wanted) {
    }

    public List<PublishSummary> publish(Job job, PrintWriter progress) throws IOException {
        checkFormats(job);
        Path root = job.repoRoot();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, root + ": exists and is not a folder");
        }
        boolean createdRoot = !Files.exists(root);
        boolean createdState = !Files.exists(root.resolve(".vatools"));
        boolean done = false;
        try {
            Files.createDirectories(root);
            if (!Files.isWritable(root)) {
                throw new ApplianceException(ExitCode.ENVIRONMENT, root + ": the repository folder is not writable;"
                        + " publish as a user who may write there");
            }
            List<PublishSummary> summaries;
            try (RepositoryLock lock = RepositoryLock.acquire(root, lockTimeout, progress)) {
                summaries = stageAndCommit(job, progress);
            } catch (java.nio.file.FileSystemException e) {
                String file = e.getFile() == null ? root.toString() : e.getFile();
                String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
                throw new ApplianceException(ExitCode.ENVIRONMENT, file + ": cannot write (" + reason + "); nothing was"
                        + " published and the repository is as it was. Publish as a user who may write to " + root
                        + " (and check that it is not read-only or immutable)", e);
            }
            done = true;
            return summaries;
        } finally {
            if (!done) {
                undoCreated(root, createdRoot, createdState);
            }
        }
    }

    private List<PublishSummary> stageAndCommit(Job job, PrintWriter progress) throws IOException {
        Signer signer = new Signer(job.keys(), job.clock());
        List<FormatPublisher.StagedPublish> staged = new ArrayList<>();
        try {
            for (FormatPublisher format : formats) {
                if (!job.wanted().contains(format.name())) {
                    continue;
                }
                List<Path> packages = format.name().equals("yum") ? job.inputs().rpms() : job.inputs().debs();
                PublishRequest request = new PublishRequest(job.repoRoot(), packages, job.removals(), job.keys(),
                        signer, job.clock(), job.options(), progress, job.wallClock());
                staged.add(format.stage(request));
            }
            List<PublishSummary> summaries = new ArrayList<>();
            for (FormatPublisher.StagedPublish s : staged) {
                summaries.add(s.commit());
            }
            KeyringFiles.write(job.repoRoot(), job.keys().publicKeyring());
            return summaries;
        } finally {
            IOException first = null;
            for (FormatPublisher.StagedPublish s : staged) {
                try {
                    s.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private void checkFormats(Job job) {
        List<String> names = formats.stream().map(FormatPublisher::name).toList();
        if (job.wanted().stream().noneMatch(names::contains)) {
            throw new ApplianceException(ExitCode.USAGE, "--format " + String.join(",", job.wanted()) + ": this build"
                    + " of repo-tools publishes only " + String.join(", ", names));
        }
        if (!job.inputs().rpms().isEmpty()) {
            if (!names.contains("yum")) {
                throw new InvalidInputException(job.inputs().rpms().stream().map(p -> Problem.inFile(p.toString(),
                        "an rpm package, but YUM publishing is not available in this build of repo-tools; publish"
                                + " only .deb files here (--format apt skips rpm files inside folders)")).toList());
            }
            if (!job.wanted().contains("yum")) {
                throw new ApplianceException(ExitCode.USAGE, job.inputs().rpms().get(0) + " is an rpm package but"
                        + " --format does not include yum");
            }
        }
        if (!job.inputs().debs().isEmpty() && !job.wanted().contains("apt")) {
            throw new ApplianceException(ExitCode.USAGE, job.inputs().debs().get(0) + " is a Debian package but"
                    + " --format does not include apt");
        }
    }

    private static void undoCreated(Path root, boolean createdRoot, boolean createdState) {
        try {
            if (createdState || createdRoot) {
                deleteTree(root.resolve(".vatools"));
            }
            if (createdRoot) {
                Files.deleteIfExists(root);
            }
        } catch (DirectoryNotEmptyException e) {
            // something else is in it now: leave it
        } catch (IOException e) {
            // best effort: the original failure is what the user needs to see
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
