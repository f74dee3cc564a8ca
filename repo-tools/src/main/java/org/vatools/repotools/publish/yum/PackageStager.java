package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.FileDigests;
import org.vatools.core.pkg.rpm.RpmPackage;
import org.vatools.repotools.publish.rpm.RpmSigner;
import org.vatools.repotools.publish.rpm.SignedRpm;

/**
 * Signs the packages a publish adds into {@code .vatools/staging/yum/incoming/}, on every core,
 * extracts their seeds beside them, chooses where each will lie under {@code yum/packages/} and
 * makes its repodata entries. Each input is read again here (the plan kept only its identity).
 */
final class PackageStager {
    private final YumLayout layout;
    private final RpmSigner signer;
    private final long now;
    private final ExecutorService pool;

    PackageStager(YumLayout layout, RpmSigner signer, long now, ExecutorService pool) {
        this.layout = layout;
        this.signer = signer;
        this.now = now;
        this.pool = pool;
    }

    /** Signs the plan's new packages and re-signs those whose signing key changed, in parallel. */
    List<StagedPackage> sign(PublishPlan plan) throws IOException {
        Path incoming = Files.createDirectories(layout.staging.resolve("incoming"));
        Set<String> contested = contestedNames(plan);
        List<Callable<StagedPackage>> tasks = new ArrayList<>();
        int n = 0;
        for (RpmInput in : plan.toSign) {
            Path target = incoming.resolve(n++ + ".rpm");
            tasks.add(() -> signOne(in, target, contested));
        }
        for (YumPackage p : plan.resign) {
            Path target = incoming.resolve(n++ + ".rpm");
            tasks.add(() -> signOne(RpmInput.read(layout.underYum(p.href())).input(), target, contested));
        }
        return Parallel.runAll(pool, tasks, "signing packages");
    }

    /**
     * File names that several packages of the new repository would want ({@code packages/N-V-R.A.rpm}
     * for two epochs of one version, or {@code packages/N-V-R.seed} with different seeds): the new
     * packages among them go into a folder named by their checksum instead.
     */
    private static Set<String> contestedNames(PublishPlan plan) {
        Map<String, Set<String>> claims = new HashMap<>();
        for (YumPackage p : plan.kept) {
            claims.computeIfAbsent(p.href(), k -> new HashSet<>()).add(p.pkgid());
            if (p.seed() != null) {
                claims.computeIfAbsent(p.seed().href(), k -> new HashSet<>()).add(p.seed().sha256());
            }
        }
        for (RpmInput in : plan.toSign) {
            claims.computeIfAbsent(rpmName(in), k -> new HashSet<>()).add("new:" + in.headerSha256());
            if (in.hasSeed()) {
                claims.computeIfAbsent(seedName("packages", in), k -> new HashSet<>()).add(sha256(in.seed()));
            }
        }
        for (YumPackage p : plan.resign) {
            claims.computeIfAbsent("packages/" + p.name() + "-" + p.version() + "-" + p.release() + "." + p.arch()
                    + ".rpm", k -> new HashSet<>()).add("new:" + p.headerSha256());
        }
        Set<String> contested = new HashSet<>();
        claims.forEach((name, claimants) -> {
            if (claimants.size() > 1) {
                contested.add(name);
            }
        });
        return contested;
    }

    private static String rpmName(RpmInput in) {
        return "packages/" + in.nvra() + ".rpm";
    }

    private static String seedName(String dir, RpmInput in) {
        return dir + "/" + in.key().name() + "-" + in.key().version() + "-" + in.key().release() + ".seed";
    }

    private StagedPackage signOne(RpmInput in, Path staged, Set<String> contested) throws IOException {
        RpmPackage rpm = RpmInput.read(in.file()).rpm();
        if (!RpmSigner.headerSha256(rpm).equals(in.headerSha256())) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, in.file() + ": changed while it was being"
                    + " published; publish it again when it is complete");
        }
        SignedRpm result;
        try (OutputStream out = Files.newOutputStream(staged)) {
            result = signer.sign(rpm, in.file(), out);
        }
        FileTime time = FileTime.fromMillis(now * 1000);
        Files.setLastModifiedTime(staged, time);
        String subfolder = "packages/" + result.sha256().substring(0, 16);
        String href = rpmName(in);
        if (contested.contains(href) || occupied(href, result.sha256())) {
            href = subfolder + "/" + in.nvra() + ".rpm";
        }
        Path stagedSeed = null;
        YumPackage.Seed seed = null;
        if (in.hasSeed()) {
            String seedSha = sha256(in.seed());
            String dir = href.substring(0, href.lastIndexOf('/'));
            String seedHref = seedName(dir, in);
            if (contested.contains(seedHref) || occupied(seedHref, seedSha)) {
                seedHref = seedName(subfolder, in);
            }
            stagedSeed = staged.resolveSibling(staged.getFileName() + ".seed");
            Files.write(stagedSeed, in.seed());
            Files.setLastModifiedTime(stagedSeed, time);
            seed = new YumPackage.Seed(seedHref, seedSha, in.seed().length);
        }
        RepodataXml.Location location = new RepodataXml.Location(result.sha256(), href, result.size(), now,
                result.headerStart(), result.headerEnd());
        String epoch = rpm.epoch().isPresent() ? Long.toString(rpm.epoch().getAsLong()) : "";
        YumPackage entry = new YumPackage(result.sha256(), rpm.name(), rpm.arch(), epoch, rpm.version(),
                rpm.release(), href, result.size(), result.headerSha256(), result.signers(), now, seed,
                RepodataXml.primary(rpm, location), RepodataXml.filelists(rpm, result.sha256()),
                RepodataXml.other(rpm, result.sha256()));
        return new StagedPackage(entry, staged, stagedSeed);
    }

    /** True when a file other than one with {@code sha256} lies at {@code href} (a published or kept one). */
    private boolean occupied(String href, String sha256) throws IOException {
        Path path = layout.underYum(href);
        if (!Files.exists(path)) {
            return false;
        }
        return !FileDigests.of(path, Set.of(DigestAlgorithm.SHA256)).sha256().equals(sha256);
    }

    static String sha256(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest().digest(bytes));
    }
}
