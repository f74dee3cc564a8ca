package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Where the YUM part of a repository lives:
 * <pre>
 * vatools.repo                        ready .repo file (baseurl to fill in)
 * yum/packages/NAME-VERSION-RELEASE.ARCH.rpm      the signed packages
 * yum/packages/NAME-VERSION-RELEASE.seed          appliance seeds
 * yum/repodata -&gt; repodata.ID                    symlink, swapped in one rename(2)
 * yum/repodata.ID/repomd.xml, repomd.xml.asc, SHA256-TYPE.xml.gz   one folder per generation
 * .vatools/state/yum/state            what the publisher remembers
 * .vatools/staging/yum/               the publish in progress
 * </pre>
 */
final class YumLayout {
    static final String REPODATA = "repodata";
    static final String REPOMD = "repomd.xml";
    static final String REPOMD_ASC = "repomd.xml.asc";
    static final String SEED_DIR = "/usr/share/virtual-appliance/";

    final Path root;
    final Path yum;
    final Path packages;
    final Path repodata;
    final Path stateFile;
    final Path staging;

    YumLayout(Path root) {
        this.root = root;
        this.yum = root.resolve("yum");
        this.packages = yum.resolve("packages");
        this.repodata = yum.resolve(REPODATA);
        this.stateFile = root.resolve(".vatools").resolve("state").resolve("yum").resolve("state");
        this.staging = root.resolve(".vatools").resolve("staging").resolve("yum");
    }

    /** The path inside the payload where an appliance's seed is. */
    static String seedPath(String name) {
        return SEED_DIR + name + "/" + name + ".seed";
    }

    /** The folder {@code yum/repodata} points to, or empty when there is no symlink yet. */
    Optional<String> currentGeneration() throws IOException {
        if (Files.isSymbolicLink(repodata)) {
            return Optional.of(Files.readSymbolicLink(repodata).toString());
        }
        return Optional.empty();
    }

    /** True when {@code yum/repodata} exists but is not our symlink (a folder made by createrepo, say). */
    boolean repodataIsForeign() {
        return Files.exists(repodata, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(repodata);
    }

    Path generation(String dir) {
        return yum.resolve(dir);
    }

    /** A path under {@code yum/} from a location such as {@code packages/x.rpm}. */
    Path underYum(String href) {
        return yum.resolve(href);
    }

    /** Forces a folder's entries (renames, new files) to disk. */
    static void syncFolder(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (NoSuchFileException e) {
            // nothing to force
        }
    }

    /** Deletes a file or folder tree; missing is fine. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
