package org.vatools.vainstall.backup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * Free space on the target's file systems, from {@code df -Pk} (POSIX output, so the columns are
 * the same everywhere). A folder that does not exist yet is measured at its nearest existing parent.
 */
public final class DiskSpace {
    /** One file system: where it is mounted and what it has free, in bytes. */
    public record FileSystem(String mountPoint, long availableBytes) {
    }

    private final Target target;

    public DiskSpace(Target target) {
        this.target = target;
    }

    /** The file system holding {@code path} (or its nearest existing parent). */
    public FileSystem of(String path) {
        String p = path;
        while (!p.equals("/") && !target.run(Command.of("test", "-d", p)).succeeded()) {
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "/" : p.substring(0, slash);
        }
        Result r = target.run(Command.of("df", "-Pk", "--", p))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot tell the free disk space on " + target.describe());
        return parse(r.stdoutText()).orElseThrow(() -> new ApplianceException(ExitCode.ENVIRONMENT,
                "cannot read 'df -Pk " + path + "' output on " + target.describe() + ": " + r.stdoutText()));
    }

    /** The last line of {@code df -Pk}: Available (KiB) is the 4th column from the left, the mount point the last. */
    static Optional<FileSystem> parse(String df) {
        String[] lines = df.strip().split("\n");
        if (lines.length < 2) {
            return Optional.empty();
        }
        String line = lines[lines.length - 1].strip();
        // the file system name may hold blanks: count the five numeric columns from the first '%'
        int pct = line.indexOf('%');
        if (pct < 0) {
            return Optional.empty();
        }
        String[] before = line.substring(0, pct).strip().split("\\s+");
        if (before.length < 5) {
            return Optional.empty();
        }
        try {
            long available = Long.parseLong(before[before.length - 2]) * 1024;
            return Optional.of(new FileSystem(line.substring(pct + 1).strip(), available));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Bytes a restore needs for what it writes: the data, a block per entry, and a margin. */
    static long needed(long bytes, long entries) {
        return bytes + entries * 4096 + (1 << 20);
    }

    /** A demand on one file system. */
    public record Need(String what, String path, long bytes, long entries) {
    }

    /**
     * Checks that every file system has room for what is to be written on it (needs on the same file
     * system add up); ENVIRONMENT, naming each one short, when not.
     */
    public void require(List<Need> needs) {
        Map<String, Long> total = new LinkedHashMap<>();
        Map<String, FileSystem> fs = new LinkedHashMap<>();
        Map<String, List<Need>> on = new LinkedHashMap<>();
        for (Need n : needs) {
            FileSystem f = of(n.path());
            fs.put(f.mountPoint(), f);
            total.merge(f.mountPoint(), needed(n.bytes(), n.entries()), Long::sum);
            on.computeIfAbsent(f.mountPoint(), k -> new ArrayList<>()).add(n);
        }
        List<String> short_ = new ArrayList<>();
        for (Map.Entry<String, Long> t : total.entrySet()) {
            FileSystem f = fs.get(t.getKey());
            if (f.availableBytes() < t.getValue()) {
                List<String> parts = new ArrayList<>();
                for (Need n : on.get(t.getKey())) {
                    parts.add(n.what() + ": " + Sizes.human(n.bytes()) + " in " + n.entries() + " entries");
                }
                short_.add(f.mountPoint() + " has " + Sizes.human(f.availableBytes()) + " free, the restore needs "
                        + Sizes.human(t.getValue()) + " there (" + String.join("; ", parts) + ")");
            }
        }
        if (!short_.isEmpty()) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "not enough disk space on " + target.describe() + ": "
                    + String.join("; ", short_) + ". Free some space (the old data stays until the new data is in"
                    + " place); nothing was changed");
        }
    }

    /** The free space of every distinct file system holding one of {@code paths}, added up. */
    public long totalAvailable(List<String> paths) {
        Map<String, Long> seen = new LinkedHashMap<>();
        for (String p : paths) {
            FileSystem f = of(p);
            seen.put(f.mountPoint(), f.availableBytes());
        }
        return seen.values().stream().mapToLong(Long::longValue).sum();
    }
}
