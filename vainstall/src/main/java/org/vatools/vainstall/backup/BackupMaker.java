package org.vatools.vainstall.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.BackupSets;
import org.vatools.core.io.AtomicFiles;
import org.vatools.core.pgp.MessageEncryption;
import org.vatools.vainstall.host.HostFacts;
import org.vatools.vainstall.host.HostFactsReader;
import org.vatools.vainstall.install.Reporter;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.CommandFailedException;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * {@code vainstall backup}: runs the appliance's pre-backup hook with {@code VA_BACKUP_DIR} set to
 * a private folder on the target, streams every declared set and that folder through the target's
 * tar into the backup file, and writes the file atomically (complete, or not at all), encrypted
 * when asked. Nothing on the target changes but the hook's own work and its folder, which is
 * removed afterwards.
 */
public final class BackupMaker {
    private final Target target;
    private final PackageManager pm;
    private final Reporter reporter;
    private final Consumer<String> progress;
    private final Clock clock;
    private final String tool;
    private final SecureRandom random;

    /** @param tool this tool and its version, recorded in info.yaml */
    public BackupMaker(Target target, PackageManager pm, Reporter reporter, Consumer<String> progress, Clock clock,
                       String tool, SecureRandom random) {
        this.target = target;
        this.pm = pm;
        this.reporter = reporter;
        this.progress = progress;
        this.clock = clock;
        this.tool = tool;
        this.random = random;
    }

    public BackupResult backup(BackupRequest request) {
        ApplianceOnTarget appliance = ApplianceOnTarget.find(target, pm, request.name());
        return backup(appliance, request);
    }

    /** Backs up {@code appliance}, found already (update uses this). */
    public BackupResult backup(ApplianceOnTarget appliance, BackupRequest request) {
        BackupSets sets = appliance.backup();
        if (sets.isEmpty()) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, appliance.name() + " declares no backup sets"
                    + " (backup.sysconfig, backup.appdata in its appliance.yaml), so there is nothing to back up");
        }
        HookRunner hooks = new HookRunner(target, appliance.name());
        if (sets.preBackupHook().isPresent()) {
            hooks.requirePresent(HookRunner.PRE_BACKUP);
        }
        Path out = request.out().toAbsolutePath();
        if (!request.overwrite() && Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new ApplianceException(ExitCode.CONFLICT, out + " exists; choose another file name (or --force to"
                    + " replace it)");
        }
        if (!Files.isDirectory(out.getParent())) {
            throw new ApplianceException(ExitCode.NOT_FOUND, out.getParent() + ": no such folder for the backup file");
        }
        HostFacts facts = HostFactsReader.read(target, pm.family());
        String hostname = target.run(Command.of("uname", "-n")).stdoutText().strip();
        HostSummary host = new HostSummary(hostname, facts.os().prettyName(), facts.os().id(), facts.os().versionId(),
                facts.architecture(), target.describe());
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        reporter.step("Backing up " + appliance.name() + " " + appliance.version() + " from " + target.describe()
                + " to " + out + (request.encryptTo() == null ? "" : " (encrypted to " + request.encryptTo().describe()
                + ")"));
        BackupInfo[] written = new BackupInfo[1];
        try {
            AtomicFiles.write(out, PosixFilePermissions.fromString("rw-------"), stream -> {
                if (request.encryptTo() == null) {
                    written[0] = write(stream, appliance, hooks, host, created);
                    return;
                }
                try (OutputStream encrypted = MessageEncryption.encrypt(stream, request.encryptTo(),
                        out.getFileName().toString(), random)) {
                    written[0] = write(encrypted, appliance, hooks, host, created);
                }
            });
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "cannot write " + out + ": " + e.getMessage()
                    + "; no backup file was written", e);
        }
        long size;
        String sha;
        try (InputStream in = new DigestInputStream(Files.newInputStream(out), MessageDigest.getInstance("SHA-256"))) {
            size = in.transferTo(OutputStream.nullOutputStream());
            sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "cannot read back " + out + ": " + e.getMessage(), e);
        }
        for (String s : written[0].skipped()) {
            reporter.warn(s);
        }
        return new BackupResult(out, size, sha, written[0], request.encryptTo() != null);
    }

    private BackupInfo write(OutputStream out, ApplianceOnTarget appliance, HookRunner hooks, HostSummary host,
                             Instant created) throws IOException {
        BackupSets sets = appliance.backup();
        List<String> skipped = new ArrayList<>();
        String hookDir = null;
        try {
            HookData hookData = null;
            if (sets.preBackupHook().isPresent()) {
                hookDir = target.files().makeTempDir();
                reporter.step("Running the pre-backup hook (" + hooks.path(HookRunner.PRE_BACKUP) + ")");
                hooks.run(HookRunner.PRE_BACKUP, env(appliance, hookDir));
            }
            AbfWriter w = new AbfWriter(out, created);
            w.writeVersion();
            List<BackupSet> recorded = new ArrayList<>();
            for (BackupCategory category : BackupCategory.values()) {
                AbfWriter.TarMember member = w.openTar(category);
                List<String> paths = appliance.sets(category);
                for (int i = 0; i < paths.size(); i++) {
                    recorded.add(copySet(member, category, i, paths.get(i), skipped));
                }
                if (category == BackupCategory.APPDATA && hookDir != null) {
                    AbfWriter.TarMember.Group g = member.group(AbfFormat.HOOK_GROUP, null);
                    Progress p = new Progress(progress, clock, "  hook data", -1);
                    stream(hookDir, g, "the pre-backup hook's folder " + hookDir, skipped, p);
                    g.close();
                    hookData = new HookData(g.entries(), g.bytes());
                    reporter.detail("  hook data: " + g.entries() + " entries, " + Sizes.human(g.bytes()));
                }
                member.close();
            }
            BackupInfo info = new BackupInfo(appliance.name(), appliance.version(), appliance.family(), created, tool,
                    host, recorded, hookData, skipped);
            w.finish(info);
            return info;
        } finally {
            if (hookDir != null) {
                try {
                    target.files().remove(hookDir);
                } catch (RuntimeException e) {
                    reporter.warn("could not remove " + hookDir + " on " + target.describe() + ": " + e.getMessage());
                }
            }
        }
    }

    static Map<String, String> env(ApplianceOnTarget appliance, String backupDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VA_BACKUP_DIR", backupDir);
        env.put("VA_NAME", appliance.name());
        env.put("VA_VERSION", appliance.version());
        return env;
    }

    private BackupSet copySet(AbfWriter.TarMember member, BackupCategory category, int index, String path,
                              List<String> skipped) throws IOException {
        if (!target.run(Command.of("test", "-d", path)).succeeded()) {
            skipped.add(path + ": the " + category.key() + " folder does not exist on " + target.describe()
                    + "; recorded as absent");
            return new BackupSet(category, index, path, false, 0, 0);
        }
        AbfWriter.TarMember.Group g = member.group(AbfFormat.group(index), path);
        Progress p = new Progress(progress, clock, "  " + path, -1);
        stream(path, g, path, skipped, p);
        g.close();
        p.done();
        reporter.detail("  " + path + ": " + g.entries() + " entries, " + Sizes.human(g.bytes()));
        return new BackupSet(category, index, path, true, g.entries(), g.bytes());
    }

    /** Streams the target's {@code tar --create} of {@code dir} into the group. */
    private void stream(String dir, AbfWriter.TarMember.Group group, String what, List<String> skipped,
                        Progress progress) {
        Command tar = TargetTar.create(dir);
        Result r = target.stream(tar, null, in -> TargetTar.copyInto(in, group, dir, skipped, progress));
        if (r.exitCode() == 1) {
            // GNU tar: "some files differ", a file changed while it was read
            reporter.warn("tar reported changes while it read " + what + ": " + r.stderrTail().strip());
            skipped.add(what + ": files changed while they were read (tar exit 1); the backup holds them as read");
        } else if (!r.succeeded()) {
            throw new CommandFailedException(ExitCode.ENVIRONMENT, "cannot read " + what + " on " + target.describe(), r);
        }
    }
}
