package org.vatools.vainstall.backup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.install.Reporter;
import org.vatools.vainstall.pm.InstalledAppliance;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.pm.PackageManagers;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * {@code vainstall restore}: checks everything before changing anything, then changes the target
 * in a way that can be undone.
 * <ol>
 * <li>Verify the whole file (checksums, structure, every entry, bombs bounded by the target's
 *     free space) without touching the target.</li>
 * <li>Check it against the target: the same appliance (or install it first, with --install), a
 *     version no newer than the installed one, the same sets, its hooks present, its owners
 *     known, enough free space for every set on its file system.</li>
 * <li>Extract each set into a staging folder beside it (same file system), reading the file a
 *     second time and checking it again; the live data is untouched.</li>
 * <li>Swap: each set's folder is renamed aside and its staging folder renamed into place.</li>
 * <li>Run the post-restore hook, then (backup older than the installed appliance) the migrate hook.</li>
 * <li>Remove the old folders; write the restore log.</li>
 * </ol>
 * A failure in steps 3 to 5 puts every set back as it was (the old folders are renamed back) and
 * removes what the restore created; the log says what happened. What a hook did outside the sets
 * (a database it loaded) cannot be undone by vainstall, and the error says so.
 */
public final class Restorer {
    /** Installs an appliance first ({@code restore --install}), with the install command's answers. */
    @FunctionalInterface
    public interface Install {
        void install(String name);
    }

    private final Target target;
    private final Reporter reporter;
    private final Consumer<String> progress;
    private final Clock clock;

    public Restorer(Target target, Reporter reporter, Consumer<String> progress, Clock clock) {
        this.target = target;
        this.reporter = reporter;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * @param install installs the backup's appliance when it is not installed, or null to refuse then
     */
    public RestoreOutcome restore(BackupFile file, Install install) {
        PackageManager pm = PackageManagers.detect(target);
        Optional<InstalledAppliance> occupying = ApplianceOnTarget.occupying(pm);
        ApplianceOnTarget before = occupying.isPresent() && occupying.get().state().equals("installed")
                ? ApplianceOnTarget.find(target, pm, occupying.get().name()) : null;
        DiskSpace disk = new DiskSpace(target);
        List<String> places = new ArrayList<>(List.of("/", "/tmp"));
        if (before != null) {
            places.addAll(before.backup().sysconfig());
            places.addAll(before.backup().appdata());
        }
        long free = disk.totalAvailable(places);

        reporter.step("Checking " + file.path() + (file.encrypted() ? " (decrypting as it is read)" : ""));
        AbfReader reader = new AbfReader(file, AbfReader.Limits.defaults().withMaxExpandedBytes(free), progress, clock);
        AbfReader.SetLayout layout = before == null ? null : before.layout();
        VerifiedBackup verified = reader.verify(layout);
        BackupInfo info = verified.info();
        reporter.detail("  " + describe(verified));

        boolean installed = false;
        if (occupying.isPresent() && !occupying.get().name().equals(info.appliance())) {
            throw new ApplianceException(ExitCode.CONFLICT, file.path() + " is a backup of " + info.appliance() + " "
                    + info.version() + ", but " + occupying.get().name() + " " + occupying.get().version()
                    + " is installed on " + target.describe() + "; restore it on a host running " + info.appliance()
                    + " (or onto a fresh one with --install); nothing was changed");
        }
        if (occupying.isEmpty()) {
            if (install == null) {
                throw new ApplianceException(ExitCode.NOT_FOUND, info.appliance() + " is not installed on "
                        + target.describe() + "; rerun with --install to install it from the configured repositories"
                        + " first (with the same answer options as 'vainstall install'); nothing was changed");
            }
            reporter.step("Installing " + info.appliance() + " first (--install)");
            install.install(info.appliance());
            installed = true;
        } else if (install != null) {
            reporter.detail(info.appliance() + " is installed already; --install has nothing to do");
        }
        ApplianceOnTarget appliance = installed || before == null ? ApplianceOnTarget.find(target, pm, info.appliance())
                : before;
        if (verified.format() == AbfFormat.LEGACY_VERSION && layout == null) {
            // a format-1 backup's entries are placed by the installed appliance's sets: check again with them
            verified = reader.verify(appliance.layout());
            info = verified.info();
        }
        Plan plan = plan(file, verified, appliance, disk);
        return execute(file, reader, plan, installed);
    }

    static String describe(VerifiedBackup v) {
        BackupInfo i = v.info();
        return i.appliance() + " " + i.version() + (v.format() == AbfFormat.LEGACY_VERSION ? " (format 1)" : ", made "
                + i.created() + " on " + (i.host().hostname().isEmpty() ? "?" : i.host().hostname())) + ": "
                + i.totalEntries() + " entries, " + Sizes.human(i.totalBytes());
    }

    /** What the restore will do, every check passed. */
    private record Plan(VerifiedBackup backup, ApplianceOnTarget appliance, List<Swap> swaps, boolean migrate,
                        AbfReader.SetLayout layout) {
    }

    /** One set: where its data goes and how it is swapped in. */
    private static final class Swap {
        final BackupSet set;
        final String path;
        final String parent;
        final String base;
        final boolean existed;
        String createdParent;
        String staging;
        String old;
        boolean swapped;

        Swap(BackupSet set, String path, boolean existed) {
            this.set = set;
            this.path = path;
            int slash = path.lastIndexOf('/');
            this.parent = slash == 0 ? "/" : path.substring(0, slash);
            this.base = path.substring(slash + 1);
            this.existed = existed;
        }

        String sibling(String kind) {
            return (parent.equals("/") ? "" : parent) + "/." + base + ".vainstall-" + kind + ".XXXXXXXX";
        }
    }

    private Plan plan(BackupFile file, VerifiedBackup verified, ApplianceOnTarget appliance, DiskSpace disk) {
        BackupInfo info = verified.info();
        String name = appliance.name();
        int cmp = ApplianceOnTarget.compareVersions(appliance.family(), info.version(), appliance.version());
        if (cmp > 0) {
            throw new ApplianceException(ExitCode.CONFLICT, file.path() + " is a backup of " + name + " " + info.version()
                    + ", newer than the " + appliance.version() + " installed on " + target.describe() + "; data of a"
                    + " newer version may not work with an older one. Upgrade the appliance first (vainstall update "
                    + name + "); nothing was changed");
        }
        boolean migrate = cmp < 0;
        HookRunner hooks = new HookRunner(target, name);
        var declared = appliance.backup();
        if (declared.postRestoreHook().isPresent()) {
            hooks.requirePresent(HookRunner.POST_RESTORE);
        } else if (info.hookData() != null && info.hookData().entries() > 1) {
            throw new ApplianceException(ExitCode.CONFLICT, file.path() + " holds what the pre-backup hook of " + name
                    + " wrote (" + info.hookData().entries() + " entries, such as a database dump), but the installed "
                    + name + " " + appliance.version() + " declares no post-restore hook to load it; restoring the"
                    + " files alone would leave its data inconsistent. Nothing was changed");
        }
        if (migrate) {
            if (declared.migrateHook().isPresent()) {
                hooks.requirePresent(HookRunner.MIGRATE);
            } else {
                reporter.warn("the backup is of " + name + " " + info.version() + ", older than the installed "
                        + appliance.version() + ", and " + name + " declares no migrate hook: its data is restored"
                        + " as it was");
            }
        }
        List<String> unmatched = new ArrayList<>();
        List<Swap> swaps = new ArrayList<>();
        List<DiskSpace.Need> needs = new ArrayList<>();
        for (BackupSet s : info.sets()) {
            if (!appliance.sets(s.category()).contains(s.path())) {
                unmatched.add(s.category().key() + " " + s.path());
                continue;
            }
            if (!s.present()) {
                reporter.detail("  " + s.path() + " was absent when the backup was made; left as it is");
                continue;
            }
            String real = s.path();
            boolean exists = target.run(Command.of("test", "-e", s.path())).succeeded();
            if (exists) {
                real = target.run(Command.of("readlink", "-f", "--", s.path()))
                        .requireSuccess(ExitCode.ENVIRONMENT, "cannot resolve " + s.path()).stdoutText().strip();
                if (!target.run(Command.of("test", "-d", real)).succeeded()) {
                    throw new ApplianceException(ExitCode.CONFLICT, s.path() + " exists on " + target.describe()
                            + " but is not a folder; nothing was changed");
                }
                if (!EntryRules.isCleanAbsolute(real)) {
                    throw new ApplianceException(ExitCode.CONFLICT, s.path() + " resolves to '" + real + "' on "
                            + target.describe() + ", which cannot be restored into; nothing was changed");
                }
            }
            swaps.add(new Swap(s, real, exists));
            needs.add(new DiskSpace.Need(s.path(), real, s.bytes(), s.entries()));
        }
        if (!unmatched.isEmpty()) {
            throw new ApplianceException(ExitCode.CONFLICT, file.path() + " holds " + String.join(", ", unmatched)
                    + ", which the installed " + name + " " + appliance.version() + " does not declare (it declares"
                    + " sysconfig " + appliance.backup().sysconfig() + ", appdata " + appliance.backup().appdata()
                    + "); nothing was changed");
        }
        List<String> missing = new ArrayList<>();
        for (String user : verified.users()) {
            if (!target.run(Command.of("getent", "passwd", user)).succeeded()) {
                missing.add("user " + user);
            }
        }
        for (String group : verified.groups()) {
            if (!target.run(Command.of("getent", "group", group)).succeeded()) {
                missing.add("group " + group);
            }
        }
        if (!missing.isEmpty()) {
            throw new ApplianceException(ExitCode.CONFLICT, "the files in " + file.path() + " belong to "
                    + String.join(", ", missing) + ", which " + target.describe() + " does not have; the installed "
                    + name + " should create them (reinstall it?); nothing was changed");
        }
        if (info.hookData() != null) {
            needs.add(new DiskSpace.Need("hook data", "/tmp", info.hookData().bytes(), info.hookData().entries()));
        }
        disk.require(needs);
        return new Plan(verified, appliance, swaps, migrate, appliance.layout());
    }

    private RestoreOutcome execute(BackupFile file, AbfReader reader, Plan plan, boolean installed) {
        ApplianceOnTarget appliance = plan.appliance();
        BackupInfo info = plan.backup().info();
        RestoreLog log = new RestoreLog(clock, appliance.name());
        log.add("restoring " + file.path() + " (" + plan.backup().fileSize() + " bytes, SHA-256 "
                + plan.backup().fileSha256() + (file.encrypted() ? ", encrypted" : "") + ") onto " + target.describe());
        log.add("backup: " + describe(plan.backup()));
        log.add("installed: " + appliance.name() + " " + appliance.version() + (installed ? " (installed by --install)"
                : ""));
        String hookDir = null;
        List<String> restored = new ArrayList<>();
        try {
            hookDir = target.files().makeTempDir();
            for (Swap s : plan.swaps()) {
                stage(s, log);
            }
            Map<String, String> staging = new LinkedHashMap<>();
            for (Swap s : plan.swaps()) {
                staging.put(s.set.category().key() + ":" + s.set.group(), s.staging);
            }
            String hookTarget = hookDir;
            reporter.step("Restoring " + info.sets().stream().filter(BackupSet::present).count() + " sets ("
                    + Sizes.human(info.totalBytes()) + ") into staging folders");
            reader.extract(plan.backup(), plan.layout(), (category, group, entries) -> {
                String into = group.equals(AbfFormat.HOOK_GROUP) ? hookTarget
                        : staging.get(category.key() + ":" + group);
                if (into == null) {
                    throw new ApplianceException(ExitCode.INVALID_INPUT, file.path() + ": " + category.member()
                            + " holds the group " + group + "/, which was not planned");
                }
                Result r = target.stream(TargetTar.extract(into), out -> TargetTar.writeFrom(entries, out), null);
                r.requireSuccess(ExitCode.ENVIRONMENT, "extracting " + category.key() + " " + group + "/ into " + into
                        + " on " + target.describe() + " failed");
            });
            log.add("staged every set; the file was read a second time and matched");
            reporter.step("Swapping the restored data in");
            for (Swap s : plan.swaps()) {
                swap(s, log);
                restored.add(s.set.path());
            }
            HookRunner hooks = new HookRunner(target, appliance.name());
            Map<String, String> env = BackupMaker.env(appliance, hookDir);
            env.put("VA_FROM_VERSION", info.version());
            if (appliance.backup().postRestoreHook().isPresent()) {
                reporter.step("Running the post-restore hook (" + hooks.path(HookRunner.POST_RESTORE) + ")");
                Result r = hooks.run(HookRunner.POST_RESTORE, env);
                log.add("post-restore hook succeeded" + tail(r));
            }
            if (plan.migrate() && appliance.backup().migrateHook().isPresent()) {
                reporter.step("Running the migrate hook (" + info.version() + " to " + appliance.version() + ")");
                Result r = hooks.run(HookRunner.MIGRATE, env);
                log.add("migrate hook from " + info.version() + " succeeded" + tail(r));
            }
        } catch (RuntimeException e) {
            log.add("FAILED: " + e.getMessage());
            List<String> left = undo(plan.swaps(), hookDir, log);
            String logPath = writeLog(log);
            String undone = left.isEmpty()
                    ? "\nThe restore was undone: every set is as it was before" + (restored.isEmpty() ? ""
                        : " (a hook may have changed data outside the sets, such as a database, before it failed)")
                    : "\nThe restore could NOT be undone completely; left behind: " + String.join(", ", left);
            ExitCode code = e instanceof ApplianceException a ? a.exitCode() : ExitCode.INTERNAL;
            throw new ApplianceException(code, e.getMessage() + undone + (logPath == null ? "" : "\nLog: " + logPath), e);
        }
        List<String> left = new ArrayList<>();
        for (Swap s : plan.swaps()) {
            if (s.old != null) {
                removeQuietly(s.old, left);
            }
        }
        removeQuietly(hookDir, left);
        for (String l : left) {
            reporter.warn("could not remove " + l + " on " + target.describe());
        }
        log.add("done: restored " + String.join(", ", restored) + (plan.migrate() ? "; migrated from "
                + info.version() : ""));
        String logPath = writeLog(log);
        return new RestoreOutcome(plan.backup(), appliance, installed, plan.migrate(), restored, logPath);
    }

    private void stage(Swap s, RestoreLog log) {
        if (!target.run(Command.of("test", "-d", s.parent)).succeeded()) {
            String top = s.parent;
            while (true) {
                int slash = top.lastIndexOf('/');
                String up = slash <= 0 ? "/" : top.substring(0, slash);
                if (up.equals("/") || target.run(Command.of("test", "-d", up)).succeeded()) {
                    break;
                }
                top = up;
            }
            target.files().makeDirectories(s.parent, 0755);
            s.createdParent = top;
            log.add("created " + s.parent);
        }
        s.staging = mktemp(s.sibling("new"));
        log.add("staging " + s.set.path() + " in " + s.staging);
    }

    private void swap(Swap s, RestoreLog log) {
        if (s.existed) {
            s.old = mktemp(s.sibling("old"));
            target.files().rename(s.path, s.old);
        }
        target.files().rename(s.staging, s.path);
        s.staging = null;
        s.swapped = true;
        log.add("swapped in " + s.path + (s.old == null ? "" : " (the previous content is in " + s.old
                + " until the hooks succeed)"));
    }

    private String mktemp(String template) {
        return target.run(Command.of("mktemp", "-d", "--", template))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot create a staging folder on " + target.describe())
                .stdoutText().strip();
    }

    /** Puts every set back; returns what could not be cleaned up. */
    private List<String> undo(List<Swap> swaps, String hookDir, RestoreLog log) {
        List<String> left = new ArrayList<>();
        for (int i = swaps.size() - 1; i >= 0; i--) {
            Swap s = swaps.get(i);
            try {
                if (s.swapped) {
                    String failed = mktemp(s.sibling("failed"));
                    target.files().rename(s.path, failed);
                    if (s.old != null) {
                        target.files().rename(s.old, s.path);
                        s.old = null;
                    }
                    s.swapped = false;
                    removeQuietly(failed, left);
                    log.add("put back " + s.path);
                }
                if (s.staging != null) {
                    removeQuietly(s.staging, left);
                }
                if (s.createdParent != null) {
                    removeQuietly(s.createdParent, left);
                }
            } catch (RuntimeException e) {
                left.add(s.path + " (" + e.getMessage() + (s.old != null ? "; the previous content is in " + s.old : "")
                        + ")");
            }
        }
        if (hookDir != null) {
            removeQuietly(hookDir, left);
        }
        return left;
    }

    private void removeQuietly(String path, List<String> left) {
        if (path == null) {
            return;
        }
        try {
            target.files().remove(path);
        } catch (RuntimeException e) {
            left.add(path);
        }
    }

    private String writeLog(RestoreLog log) {
        try {
            return log.write(target);
        } catch (RuntimeException e) {
            reporter.warn("could not write the restore log " + log.path() + " on " + target.describe() + ": "
                    + e.getMessage());
            return null;
        }
    }

    /** The last lines a hook printed, for the log. */
    private static String tail(Result r) {
        List<String> lines = new ArrayList<>(r.stdoutText().strip().lines().toList());
        lines.addAll(r.stderrTail().strip().lines().toList());
        lines.removeIf(String::isBlank);
        List<String> last = lines.subList(Math.max(0, lines.size() - 20), lines.size());
        return last.isEmpty() ? "" : "; it printed:\n  " + String.join("\n  ", last);
    }
}
