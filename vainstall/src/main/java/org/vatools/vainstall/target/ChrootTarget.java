package org.vatools.vainstall.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * A root folder used as a chroot (image builds, {@code --root DIR}), on the local host or on an
 * SSH server: every command runs as {@code chroot ROOT argv} through the host target.
 * <p>
 * Opening it prepares what apt, dpkg and debconf need: {@code /proc}, a bind of {@code /dev},
 * a devpts instance of its own (with {@code /dev/ptmx} pointing into it), {@code /usr/sbin/policy-rc.d}
 * exiting 101 so that no service starts, and {@code /etc/resolv.conf} only when the root has none.
 * Every mount is made private at once, so nothing propagates back to the host's own {@code /dev}.
 * Mount points that are already mounted (by whoever prepared the root) are left alone.
 * {@link #close()} undoes exactly what opening did, in reverse order, also when a command failed;
 * a policy-rc.d that was there is moved aside and moved back, so it is restored byte for byte with
 * its mode and owner.
 */
public final class ChrootTarget implements Target {
    static final String POLICY = "/usr/sbin/policy-rc.d";
    static final String SAVED_POLICY = "/usr/sbin/.policy-rc.d.vainstall-saved";
    static final String POLICY_MARKER = "# vainstall: services do not start in this chroot";
    static final String POLICY_SCRIPT = "#!/bin/sh\n" + POLICY_MARKER + "\nexit 101\n";

    private final Target host;
    private final String root;
    private final Deque<Undo> undo = new ArrayDeque<>();
    private final List<String> prepared = new ArrayList<>();
    private boolean closed;

    private ChrootTarget(Target host, String root) {
        this.host = host;
        this.root = root;
    }

    /** Prepares {@code root} on {@code host}; on any failure, undoes what it did and throws. */
    public static ChrootTarget open(Target host, String root) {
        String clean = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        if (clean.equals("/")) {
            throw new ApplianceException(ExitCode.USAGE, "--root /: that is the host itself; leave out --root");
        }
        try {
            TargetFiles.requireAbsolute(clean);
        } catch (IllegalArgumentException e) {
            throw new ApplianceException(ExitCode.USAGE, "--root " + root + ": give an absolute path without '.' or '..'");
        }
        ChrootTarget t = new ChrootTarget(host, clean);
        try {
            t.setUp();
        } catch (RuntimeException e) {
            try {
                t.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return t;
    }

    public String root() {
        return root;
    }

    /** What opening changed, in order (for --verbose and tests). */
    public List<String> prepared() {
        return List.copyOf(prepared);
    }

    private void setUp() {
        if (!host.run(Command.of("test", "-d", root)).succeeded()) {
            throw new ApplianceException(ExitCode.NOT_FOUND, root + ": no such folder on " + host.describe()
                    + "; --root needs an unpacked system (for example made by mmdebstrap or debootstrap)");
        }
        if (!host.run(Command.of("test", "-x", root + "/usr/bin/env")).succeeded()) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, root + " has no /usr/bin/env: it does not look like"
                    + " an unpacked Debian or RHEL-family system");
        }
        mountAll();
        preparePolicy();
        prepareResolvConf();
    }

    private void mountAll() {
        String mountinfo = new String(host.files().readRequired("/proc/self/mountinfo"), StandardCharsets.UTF_8);
        Set<String> mounted = MountTable.mountPoints(mountinfo);
        mount(mounted, "/proc", List.of("-t", "proc", "proc"));
        if (mounted.contains(root + "/dev")) {
            return; // whoever prepared /dev prepared it whole
        }
        mount(mounted, "/dev", List.of("--bind", "/dev"));
        mount(mounted, "/dev/pts", List.of("-t", "devpts", "-o", "newinstance,ptmxmode=0666,mode=0620,gid=5", "devpts"));
        mount(mounted, "/dev/ptmx", List.of("--bind", root + "/dev/pts/ptmx"));
    }

    private void mount(Set<String> mounted, String inside, List<String> how) {
        String point = root + inside;
        if (mounted.contains(point)) {
            return;
        }
        List<String> argv = new ArrayList<>();
        argv.add("mount");
        argv.addAll(how);
        argv.add(point);
        host.run(Command.of(argv)).requireSuccess(ExitCode.ENVIRONMENT, "cannot prepare the chroot " + root);
        undo.push(new Undo("unmount " + point, () -> unmount(point)));
        prepared.add("mounted " + point);
        host.run(Command.of("mount", "--make-private", point))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot make " + point + " private");
    }

    private void unmount(String point) {
        Result r = host.run(Command.of("umount", point));
        if (!r.succeeded()) {
            // a process left running in the chroot holds it; detach it from the tree now
            host.run(Command.of("umount", "--lazy", point))
                    .requireSuccess(ExitCode.ENVIRONMENT, "cannot unmount " + point + " (tried umount and umount --lazy)");
        }
    }

    private void preparePolicy() {
        TargetFiles files = files();
        if (files.exists(SAVED_POLICY)) {
            throw new ApplianceException(ExitCode.CONFLICT, root + SAVED_POLICY + " exists: an earlier vainstall run"
                    + " was interrupted before it restored the root's own policy-rc.d. Move it back with 'mv "
                    + root + SAVED_POLICY + " " + root + POLICY + "' (or remove it if it is not wanted), then retry");
        }
        Optional<byte[]> existing = files.read(POLICY);
        boolean oursLeftOver = existing.isPresent()
                && new String(existing.get(), StandardCharsets.UTF_8).contains(POLICY_MARKER);
        if (existing.isPresent() && !oursLeftOver) {
            files.rename(POLICY, SAVED_POLICY);
            undo.push(new Undo("restore " + POLICY, () -> files.rename(SAVED_POLICY, POLICY)));
            prepared.add("moved the root's policy-rc.d aside");
        } else if (!existing.isPresent() && files.exists(POLICY)) {
            // a dangling symlink: keep it aside too
            files.rename(POLICY, SAVED_POLICY);
            undo.push(new Undo("restore " + POLICY, () -> files.rename(SAVED_POLICY, POLICY)));
            prepared.add("moved the root's policy-rc.d link aside");
        }
        files.makeDirectories("/usr/sbin", 0755);
        undo.push(new Undo("remove vainstall's " + POLICY, () -> files.remove(POLICY)));
        files.write(POLICY, POLICY_SCRIPT.getBytes(StandardCharsets.UTF_8), FileMode.executable());
        prepared.add("installed policy-rc.d (exit 101)");
    }

    private void prepareResolvConf() {
        TargetFiles files = files();
        if (files.exists("/etc/resolv.conf")) {
            return;
        }
        Optional<byte[]> hostResolv = host.files().read("/etc/resolv.conf");
        if (hostResolv.isEmpty()) {
            return;
        }
        undo.push(new Undo("remove the borrowed /etc/resolv.conf", () -> files.remove("/etc/resolv.conf")));
        files.write("/etc/resolv.conf", hostResolv.get(), FileMode.publicReadable());
        prepared.add("borrowed the host's /etc/resolv.conf");
    }

    @Override
    public Result run(Command command) {
        return host.run(inside(command));
    }

    @Override
    public Result stream(Command command, StdinSource stdin, StdoutSink stdout) {
        return host.stream(inside(command), stdin, stdout);
    }

    /** The command as the host runs it: {@code chroot ROOT [env -C DIR] argv}, with the standard PATH. */
    private Command inside(Command command) {
        List<String> argv = new ArrayList<>(List.of("chroot", root));
        if (command.directory() != null) {
            argv.addAll(List.of("env", "-C", command.directory()));
        }
        argv.addAll(command.argv());
        Command inner = command.withArgv(argv).withoutDirectory();
        if (!command.env().containsKey("PATH")) {
            inner = inner.withEnv("PATH", Command.STANDARD_PATH);
        }
        return inner;
    }

    @Override
    public String describe() {
        String where = host instanceof LocalTarget ? "" : " on " + host.describe();
        return "chroot " + root + where;
    }

    @Override
    public boolean runsServices() {
        return false;
    }

    @Override
    public Optional<String> reachableHost() {
        return host.reachableHost();
    }

    @Override
    public TargetConnection connect(String h, int port, Duration timeout) throws IOException {
        return host.connect(h, port, timeout);
    }

    /** Undoes every step of {@link #open} that succeeded, newest first; reports what it could not undo. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>();
        RuntimeException first = null;
        while (!undo.isEmpty()) {
            Undo u = undo.pop();
            try {
                u.action().run();
            } catch (RuntimeException e) {
                failures.add(u.what() + ": " + e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (!failures.isEmpty()) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "could not undo every change to the chroot " + root
                    + ":\n  " + String.join("\n  ", failures), first);
        }
    }

    private record Undo(String what, Runnable action) {
    }
}
