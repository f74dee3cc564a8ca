package org.vatools.repotools.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.packager.rpm.FileFlags;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.RpmVersion;
import org.eclipse.packager.rpm.build.BuilderContext;
import org.eclipse.packager.rpm.build.BuilderOptions;
import org.eclipse.packager.rpm.build.DigestAlgorithm;
import org.eclipse.packager.rpm.build.FileInformation;
import org.eclipse.packager.rpm.build.FileInformationProvider;
import org.eclipse.packager.rpm.build.PayloadProcessors;
import org.eclipse.packager.rpm.build.RpmBuilder;
import org.eclipse.packager.rpm.coding.PayloadCoding;
import org.eclipse.packager.rpm.deps.RpmDependencyFlags;
import org.vatools.repotools.build.PackageEntry.Directory;
import org.vatools.repotools.build.PackageEntry.RegularFile;

/**
 * Writes an .rpm with Eclipse Packager ({@link RpmBuilder}), hiding its setters behind one
 * immutable input.
 *
 * <ul>
 * <li>SHA-256 file digests (the default MD5 is refused on FIPS hosts) and a SHA-256 payload digest.</li>
 * <li>gzip payload: Eclipse Packager 0.21.0 writes a broken {@code PayloadIsXz} requirement for xz
 *     and zstd payloads, which rpm cannot satisfy.</li>
 * <li>BUILDTIME and every file time are the package's time, BUILDHOST is fixed; dependencies are
 *     sorted by the library; files are added in path order. No signature: {@code publish} signs.</li>
 * <li>Only the appliance's own directories are listed; parents such as /usr/share belong to the
 *     packages that own them on the host.</li>
 * <li>SOURCERPM is set: rpm treats a header without it as a source package.</li>
 * </ul>
 */
public final class RpmWriter {
    public static final String ARCHITECTURE = "noarch";
    private static final String RICH_DEPENDENCIES = "rpmlib(RichDependencies)";
    private static final String RICH_DEPENDENCIES_VERSION = "4.12.0-1";

    private final Path scratch;

    /** @param scratch a folder for the writer's temporary files */
    public RpmWriter(Path scratch) {
        this.scratch = Objects.requireNonNull(scratch);
    }

    public void write(RpmPackage pkg, OutputStream out) throws IOException {
        Path work = Files.createTempDirectory(scratch, "rpm-");
        Path target = work.resolve("package.rpm");
        try {
            BuilderOptions options = new BuilderOptions();
            options.setFileDigestAlgorithm(DigestAlgorithm.SHA256);
            options.setPayloadCoding(PayloadCoding.GZIP);
            options.setOpenOptions(new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE});
            try {
                options.addPayloadProcessor(PayloadProcessors.payloadDigest(DigestAlgorithm.SHA256));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java has no SHA-256", e);
            }
            Integer epoch = pkg.version().epoch() > 0 ? pkg.version().epoch() : null;
            RpmVersion version = new RpmVersion(epoch, pkg.version().version(), pkg.version().release());
            try (RpmBuilder builder = new RpmBuilder(pkg.name(), version, ARCHITECTURE, target, options)) {
                RpmBuilder.PackageInformation info = new RpmBuilder.PackageInformation();
                info.setSummary(pkg.summary());
                info.setDescription(pkg.description());
                info.setLicense(pkg.license());
                info.setGroup(pkg.group());
                info.setUrl(pkg.url());
                info.setPackager(pkg.packager());
                info.setBuildHost(pkg.buildHost());
                info.setSourcePackage(pkg.sourceRpm());
                builder.setInformation(info);

                boolean rich = false;
                for (RpmRelation r : pkg.requires()) {
                    builder.addRequirement(r.name(), r.version(), flags(r));
                    rich |= r.rich();
                }
                for (RpmRelation r : pkg.recommends()) {
                    builder.addRecommends(r.name(), r.version(), flags(r));
                    rich |= r.rich();
                }
                if (rich) {
                    builder.addRequirement(RICH_DEPENDENCIES, RICH_DEPENDENCIES_VERSION, RpmDependencyFlags.RPMLIB,
                            RpmDependencyFlags.LESS, RpmDependencyFlags.EQUAL);
                }
                for (RpmRelation r : pkg.provides()) {
                    builder.addProvides(r.name(), r.version(), flags(r));
                }
                for (RpmRelation r : pkg.conflicts()) {
                    builder.addConflicts(r.name(), r.version(), flags(r));
                }

                RpmScriptlets scripts = pkg.scripts();
                if (scripts.post() != null) {
                    builder.setPostInstallationScript(scripts.post());
                }
                if (scripts.preun() != null) {
                    builder.setPreRemoveScript(scripts.preun());
                }
                if (scripts.postun() != null) {
                    builder.setPostRemoveScript(scripts.postun());
                }

                BuilderContext ctx = builder.newContext();
                for (PackageEntry entry : pkg.contents().entries()) {
                    if (entry instanceof Directory d && d.owned()) {
                        ctx.addDirectory(d.path(), info(pkg, d.mode(), Set.of()));
                    } else if (entry instanceof RegularFile f) {
                        ctx.addFile(f.path(), f.content(), info(pkg, f.mode(), fileFlags(f)));
                    }
                }

                int buildTime = (int) pkg.buildTime().getEpochSecond();
                List<RpmPackage.Change> changes = pkg.changelog();
                builder.setHeaderCustomizer(header -> {
                    header.putInt(RpmTag.BUILDTIME, buildTime);
                    if (!changes.isEmpty()) {
                        header.putInt(RpmTag.CHANGELOG_TIMESTAMP,
                                changes.stream().mapToInt(c -> (int) c.time().getEpochSecond()).toArray());
                        header.putStringArray(RpmTag.CHANGELOG_AUTHOR,
                                changes.stream().map(RpmPackage.Change::author).toArray(String[]::new));
                        header.putStringArray(RpmTag.CHANGELOG_TEXT,
                                changes.stream().map(RpmPackage.Change::text).toArray(String[]::new));
                    }
                });
                builder.build();
            }
            Files.copy(target, out);
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(work);
        }
    }

    private static Set<FileFlags> fileFlags(RegularFile f) {
        Set<FileFlags> flags = EnumSet.noneOf(FileFlags.class);
        if (f.conffile()) {
            flags.add(FileFlags.CONFIGURATION);
            flags.add(FileFlags.NOREPLACE);
        }
        switch (f.role()) {
            case DOC -> flags.add(FileFlags.DOC);
            case LICENSE -> {
                // %license, and %doc too: it lives in /usr/share/doc, where rpm tools expect documentation
                flags.add(FileFlags.LICENSE);
                flags.add(FileFlags.DOC);
            }
            default -> {
            }
        }
        return flags;
    }

    private static FileInformationProvider<Object> info(RpmPackage pkg, int mode, Set<FileFlags> flags) {
        return (targetName, object, type) -> {
            FileInformation info = new FileInformation();
            info.setTimestamp(pkg.buildTime());
            info.setUser(PackageEntry.OWNER);
            info.setGroup(PackageEntry.OWNER);
            info.setMode((short) mode);
            EnumSet<FileFlags> fileFlags = EnumSet.noneOf(FileFlags.class);
            fileFlags.addAll(flags);
            info.setFileFlags(fileFlags);
            return info;
        };
    }

    private static RpmDependencyFlags[] flags(RpmRelation r) {
        if (r.operator() == null) {
            return new RpmDependencyFlags[0];
        }
        return switch (r.operator()) {
            case "<" -> new RpmDependencyFlags[] {RpmDependencyFlags.LESS};
            case "<=" -> new RpmDependencyFlags[] {RpmDependencyFlags.LESS, RpmDependencyFlags.EQUAL};
            case "=" -> new RpmDependencyFlags[] {RpmDependencyFlags.EQUAL};
            case ">=" -> new RpmDependencyFlags[] {RpmDependencyFlags.GREATER, RpmDependencyFlags.EQUAL};
            case ">" -> new RpmDependencyFlags[] {RpmDependencyFlags.GREATER};
            default -> throw new IllegalArgumentException("unknown operator in " + r);
        };
    }
}
