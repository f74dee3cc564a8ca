package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.RpmVersion;
import org.eclipse.packager.rpm.build.BuilderContext;
import org.eclipse.packager.rpm.build.BuilderOptions;
import org.eclipse.packager.rpm.build.PayloadProcessors;
import org.eclipse.packager.rpm.build.RpmBuilder;
import org.eclipse.packager.rpm.coding.PayloadCoding;
import org.eclipse.packager.rpm.deps.RpmDependencyFlags;

/**
 * Small rpms made in Java (Eclipse Packager) for the fast unit tests, which run no external tool.
 * The integration tests use the real rpmbuild instead ({@link YumFixtures#rpmbuild}).
 */
final class TestRpms {
    /** BUILDTIME of the test packages: after the test keys' creation. */
    static final Instant BUILT = Instant.parse("2026-02-01T10:00:00Z");

    private TestRpms() {
    }

    /** A package {@code name-version-release.noarch.rpm} in {@code dir}; {@code content} makes it differ. */
    static Path build(Path dir, String name, String version, String release, boolean appliance, String content)
            throws IOException {
        return build(dir, name, version, release, appliance, content, BUILT);
    }

    static Path build(Path dir, String name, String version, String release, boolean appliance, String content,
                      Instant built) throws IOException {
        return build(dir, name, version, release, appliance, content, built, appliance, false);
    }

    /** An appliance that lacks its seed. */
    static Path withoutSeed(Path dir) throws IOException {
        return build(dir, "seedless", "1", "1", true, "no seed", BUILT, false, false);
    }

    /** A source package (SOURCEPACKAGE set). */
    static Path source(Path dir) throws IOException {
        return build(dir, "srcpkg", "1", "1", false, "source", BUILT, false, true);
    }

    private static Path build(Path dir, String name, String version, String release, boolean appliance,
                              String content, Instant built, boolean seed, boolean source) throws IOException {
        Path work = Files.createTempDirectory(Files.createDirectories(dir), "build-");
        BuilderOptions options = new BuilderOptions();
        options.setFileDigestAlgorithm(org.eclipse.packager.rpm.build.DigestAlgorithm.SHA256);
        options.setPayloadCoding(PayloadCoding.GZIP);
        try {
            options.addPayloadProcessor(PayloadProcessors.payloadDigest(
                    org.eclipse.packager.rpm.build.DigestAlgorithm.SHA256));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path built2;
        try (RpmBuilder builder = new RpmBuilder(name, new RpmVersion(version, release), "noarch", work, options)) {
            RpmBuilder.PackageInformation info = new RpmBuilder.PackageInformation();
            info.setSummary(name + " for tests");
            info.setDescription("The " + name + " test package.");
            info.setLicense("MIT");
            info.setGroup("Unspecified");
            info.setBuildHost("build.example.org");
            if (!source) {
                info.setSourcePackage(name + "-" + version + "-" + release + ".src.rpm");
            }
            builder.setInformation(info);
            if (appliance) {
                builder.addProvides("virtual-appliance", "", new RpmDependencyFlags[0]);
                builder.addConflicts("virtual-appliance", "", new RpmDependencyFlags[0]);
            }
            builder.addRequirement("/bin/sh", "", new RpmDependencyFlags[0]);
            BuilderContext ctx = builder.newContext();
            ctx.addFile("/usr/share/" + name + "/content", content.getBytes(StandardCharsets.UTF_8));
            ctx.addFile("/usr/bin/" + name, ("#!/bin/sh\necho " + name + "\n").getBytes(StandardCharsets.UTF_8));
            if (seed) {
                ctx.addFile(YumLayout.seedPath(name), (name + " " + name + "/title string " + content + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            int time = (int) built.getEpochSecond();
            builder.setHeaderCustomizer(header -> {
                header.putInt(RpmTag.BUILDTIME, time);
                header.putInt(RpmTag.CHANGELOG_TIMESTAMP, time);
                header.putStringArray(RpmTag.CHANGELOG_AUTHOR, "Test <test@example.org> - " + version + "-" + release);
                header.putStringArray(RpmTag.CHANGELOG_TEXT, "- " + content);
                if (source) {
                    header.putInt(1106, 1); // SOURCEPACKAGE (Eclipse Packager's SOURCE_PACKAGE is SOURCERPM)
                }
            });
            builder.build();
            built2 = builder.getTargetFile();
        }
        Path target = dir.resolve(built2.getFileName());
        Files.move(built2, target, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(work);
        return target;
    }
}
