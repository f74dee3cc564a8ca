package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.vatools.core.io.AtomicFiles;
import org.vatools.core.pgp.KeyFiles;
import org.vatools.core.repo.YumRepoFile;
import org.vatools.repotools.publish.FormatPublisher;
import org.vatools.repotools.publish.PublishRequest;
import org.vatools.repotools.publish.PublishSummary;

/**
 * A staged YUM publish. {@link #commit} makes it visible in this order, each step an atomic
 * rename, so that a client (or a publish killed at any instant) sees the old or the new
 * repository:
 * <ol>
 * <li>{@code archive-keyring.asc} and {@code vatools.repo} at the root, when they changed;
 * <li>new package files and seeds into {@code yum/packages/} (no index lists them yet);
 * <li>the new repodata folder to {@code yum/repodata.ID};
 * <li>the new state to {@code .vatools/state/yum/state};
 * <li>the {@code yum/repodata} symlink to {@code repodata.ID} (a new symlink renamed over the old one);
 * <li>then repodata folders and files that no kept generation needs are deleted.
 * </ol>
 */
final class StagedYumPublish implements FormatPublisher.StagedPublish {
    private final PublishRequest request;
    private final YumLayout layout;
    private final PublishSummary summary;
    private final List<StagedPackage> signed;
    private final String generation;
    private final List<String> droppedGenerations;
    private final List<String> deletedFiles;
    private final Timings timings;
    private final Consumer<String> checkpoints;
    private final boolean repository;
    private boolean committed;

    /**
     * @param generation the repodata folder to switch to; null when nothing is to be switched
     *                   (no change); a generation without staged files when only the switch of an
     *                   interrupted publish is left to do
     */
    StagedYumPublish(PublishRequest request, YumLayout layout, PublishSummary summary, List<StagedPackage> signed,
                     String generation, List<String> droppedGenerations, List<String> deletedFiles, Timings timings,
                     Consumer<String> checkpoints, boolean repository) {
        this.checkpoints = checkpoints;
        this.repository = repository;
        this.request = request;
        this.layout = layout;
        this.summary = summary;
        this.signed = List.copyOf(signed);
        this.generation = generation;
        this.droppedGenerations = List.copyOf(droppedGenerations);
        this.deletedFiles = List.copyOf(deletedFiles);
        this.timings = timings;
    }

    @Override
    public PublishSummary commit() throws IOException {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        committed = true;
        if (!repository) {
            return summary;
        }
        writeIfChanged(layout.root.resolve(KeyFiles.ARMORED_KEYRING), request.keys().publicKeyring().armored());
        writeIfChanged(layout.root.resolve(YumRepoFile.PUBLISHED_FILE), YumRepoFile.published().bytes());
        if (generation == null) {
            return summary;
        }
        Path stagedRepodata = layout.staging.resolve("repodata");
        for (StagedPackage s : signed) {
            moveIn(s.stagedRpm(), layout.underYum(s.entry().href()));
            if (s.stagedSeed() != null) {
                moveIn(s.stagedSeed(), layout.underYum(s.entry().seed().href()));
            }
        }
        if (!signed.isEmpty()) {
            YumLayout.syncFolder(layout.packages);
        }
        checkpoints.accept("yum:packages");
        Path target = layout.generation(generation);
        if (Files.isDirectory(stagedRepodata)) {
            Files.move(stagedRepodata, target);
            YumLayout.syncFolder(target);
            YumLayout.syncFolder(layout.yum);
            checkpoints.accept("yum:repodata");
            Path stagedState = layout.staging.resolve("state");
            Files.createDirectories(layout.stateFile.getParent());
            AtomicFiles.move(stagedState, layout.stateFile);
            YumLayout.syncFolder(layout.stateFile.getParent());
            checkpoints.accept("yum:state");
        }
        switchRepodata(generation);
        checkpoints.accept("yum:switched");
        for (String dir : droppedGenerations) {
            YumLayout.deleteTree(layout.generation(dir));
        }
        for (String path : deletedFiles) {
            Path file = layout.underYum(path);
            Files.deleteIfExists(file);
            Path parent = file.getParent();
            if (!parent.equals(layout.packages) && parent.startsWith(layout.packages)) {
                try (var left = Files.list(parent)) {
                    if (left.findAny().isEmpty()) {
                        Files.deleteIfExists(parent);
                    }
                }
            }
        }
        checkpoints.accept("yum:cleaned");
        timings.lap("switched yum/repodata to " + generation);
        return summary;
    }

    /** Replaces the {@code yum/repodata} symlink in one rename(2). */
    private void switchRepodata(String dir) throws IOException {
        Path tmp = layout.yum.resolve(AtomicFiles.TEMP_PREFIX + "repodata-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(dir));
        AtomicFiles.move(tmp, layout.repodata);
        YumLayout.syncFolder(layout.yum);
    }

    /** Moves a staged file to its published place; a file with the same bytes there already stays. */
    private static void moveIn(Path staged, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.mismatch(target, staged) == -1) {
                Files.delete(staged);
                return;
            }
            throw new IOException(target + " appeared while publishing, with other content; is another tool"
                    + " writing into the repository?");
        }
        Files.move(staged, target);
    }

    private static void writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        AtomicFiles.write(file, content);
    }

    @Override
    public void close() throws IOException {
        discard(layout);
    }

    /** Deletes what a publish staged (and the staging folder when no other format uses it). */
    static void discard(YumLayout layout) throws IOException {
        YumLayout.deleteTree(layout.staging);
        try (var left = Files.list(layout.staging.getParent())) {
            if (left.findAny().isEmpty()) {
                Files.deleteIfExists(layout.staging.getParent());
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
            // another format's staging is still there, or nothing was staged
        }
    }
}
