package org.vatools.repotools.build;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.vafer.jdeb.Compression;
import org.vafer.jdeb.Console;
import org.vafer.jdeb.DataConsumer;
import org.vafer.jdeb.DataProducer;
import org.vafer.jdeb.DebMaker;
import org.vafer.jdeb.PackagingException;
import org.vafer.jdeb.debian.BinaryPackageControlFile;
import org.vafer.jdeb.shaded.commons.compress.archivers.tar.TarArchiveEntry;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.repotools.build.PackageEntry.Directory;
import org.vatools.repotools.build.PackageEntry.RegularFile;

/**
 * Writes a .deb with jdeb ({@link DebMaker}, library use), hiding its many setters behind one
 * immutable input.
 *
 * <p>What it takes care of (docs/reference/package-layout.md):
 * <ul>
 * <li>Every data entry is produced here with an explicit mode, root:root and the package's time,
 *     so nothing about the files on disk (mode, mtime, owner, umask) reaches the package.</li>
 * <li>{@code setOutputTimestampMs} fixes the time of the ar members and of both tar archives;
 *     jdeb does not read SOURCE_DATE_EPOCH itself.</li>
 * <li>jdeb replaces Version with {@code $DEBVERSION} and Maintainer with
 *     {@code $DEBFULLNAME <$DEBEMAIL>} when they are set in the process environment. The writer
 *     compares what jdeb wrote with its input and refuses the package if they differ, so a user's
 *     environment can never change a package unnoticed; {@code bin/repo-tools} unsets the three
 *     variables so the command line is never affected.</li>
 * <li>Only {@link DebMaker#createDeb} is used, not {@code makeDeb}, which would also write a
 *     .changes file next to the package.</li>
 * </ul>
 * jdeb's control-file token replacement is off (no resolver), so {@code [[...]]} in scripts and
 * descriptions stays as written.
 */
public final class DebWriter {
    private final Path scratch;

    /** @param scratch a folder for the writer's temporary files (control folder, unfinished .deb) */
    public DebWriter(Path scratch) {
        this.scratch = Objects.requireNonNull(scratch);
    }

    /** Builds the package and copies its bytes to {@code out}. */
    public void write(DebPackage pkg, OutputStream out) throws IOException {
        Path work = Files.createTempDirectory(scratch, "deb-");
        try {
            Path control = Files.createDirectory(work.resolve("control"));
            Files.writeString(control.resolve("control"), pkg.control().text(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> script : pkg.scripts().byName().entrySet()) {
                Files.writeString(control.resolve(script.getKey()), script.getValue(), StandardCharsets.UTF_8);
            }
            List<RegularFile> conffiles = pkg.contents().conffiles();
            if (!conffiles.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                conffiles.forEach(f -> sb.append(f.path()).append('\n'));
                Files.writeString(control.resolve("conffiles"), sb, StandardCharsets.UTF_8);
            }
            Path deb = work.resolve("package.deb");
            CollectingConsole console = new CollectingConsole();
            DebMaker maker = new DebMaker(console, List.of(new ContentsProducer(pkg)), List.of());
            maker.setControl(control.toFile());
            maker.setDeb(deb.toFile());
            maker.setCompression(Compression.GZIP.name().toLowerCase(java.util.Locale.ROOT));
            maker.setEncoding(StandardCharsets.UTF_8);
            maker.setOutputTimestampMs(pkg.modificationTime().toEpochMilli());
            maker.setTarLongFileMode("posix");
            maker.setTarBigNumberMode("posix");
            BinaryPackageControlFile written;
            try {
                maker.validate();
                written = maker.createDeb(Compression.GZIP);
            } catch (PackagingException e) {
                throw new IOException("jdeb could not build " + pkg.control().packageName() + ": " + rootMessage(e)
                        + console.warnings(), e);
            }
            checkUnchanged(pkg.control(), written);
            Files.copy(deb, out);
        } finally {
            deleteTree(work);
        }
    }

    /** Refuses a package whose control fields jdeb took from the environment instead of the input. */
    private static void checkUnchanged(DebControl expected, BinaryPackageControlFile written) {
        List<String> changed = new ArrayList<>();
        if (!expected.version().equals(written.get("Version"))) {
            changed.add("Version '" + written.get("Version") + "' (from $DEBVERSION) instead of '"
                    + expected.version() + "'");
        }
        if (!expected.maintainer().equals(written.get("Maintainer"))) {
            changed.add("Maintainer '" + written.get("Maintainer") + "' (from $DEBFULLNAME and $DEBEMAIL) instead of '"
                    + expected.maintainer() + "'");
        }
        if (!expected.packageName().equals(written.get("Package"))) {
            changed.add("Package '" + written.get("Package") + "' instead of '" + expected.packageName() + "'");
        }
        if (!changed.isEmpty()) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, expected.packageName()
                    + ": jdeb wrote " + String.join(" and ", changed) + " because they are set in this process's"
                    + " environment; unset DEBVERSION, DEBFULLNAME and DEBEMAIL (bin/repo-tools does) and build again");
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + ": " + root;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Feeds the planned directories and files to jdeb, in path order, with fixed metadata. */
    private static final class ContentsProducer implements DataProducer {
        private final DebPackage pkg;

        ContentsProducer(DebPackage pkg) {
            this.pkg = pkg;
        }

        @Override
        public void produce(DataConsumer consumer) throws IOException {
            long time = pkg.modificationTime().toEpochMilli();
            for (PackageEntry entry : pkg.contents().entries()) {
                if (entry instanceof Directory d) {
                    String name = d.path().equals("/") ? "./" : "." + d.path() + "/";
                    TarArchiveEntry e = new TarArchiveEntry(name, true);
                    fill(e, 040000 | d.mode(), time);
                    consumer.onEachDir(e);
                } else if (entry instanceof RegularFile f) {
                    TarArchiveEntry e = new TarArchiveEntry("." + f.path(), true);
                    fill(e, 0100000 | f.mode(), time);
                    e.setSize(f.size());
                    consumer.onEachFile(new ByteArrayInputStream(f.content()), e);
                }
            }
        }

        private static void fill(TarArchiveEntry e, int mode, long time) {
            e.setMode(mode);
            e.setUserId(0);
            e.setGroupId(0);
            e.setUserName(PackageEntry.OWNER);
            e.setGroupName(PackageEntry.OWNER);
            e.setModTime(time);
        }
    }

    /** Keeps jdeb's warnings for error messages; its info and debug chatter is dropped. */
    private static final class CollectingConsole implements Console {
        private final List<String> warnings = new ArrayList<>();

        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        String warnings() {
            return warnings.isEmpty() ? "" : " (jdeb warnings: " + String.join("; ", warnings) + ")";
        }
    }
}
