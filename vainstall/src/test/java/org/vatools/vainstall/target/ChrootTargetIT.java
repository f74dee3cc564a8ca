package org.vatools.vainstall.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.testkit.DebianRoot;
import org.vatools.testkit.Tool;

/**
 * ChrootTarget against a real Debian 12 root: mounts, policy-rc.d and their undoing, and apt-get,
 * dpkg, dpkg-query and debconf-set-selections running inside. The test JVM runs in the host's
 * mount namespace on purpose: /proc/self/mountinfo then shows whether anything was left behind.
 */
class ChrootTargetIT {
    private static final Map<String, String> ENV = Map.of("PATH", Command.STANDARD_PATH, "LC_ALL", "C");
    private final RecordingSink sink = new RecordingSink();
    private final LocalTarget host = new LocalTarget(ENV, sink);
    private DebianRoot root;

    @BeforeEach
    void freshRoot() {
        Tool.require("chroot", "mount", "umount", "dpkg-deb");
        root = DebianRoot.create();
    }

    @AfterEach
    void deleteRoot() {
        root.close(); // fails when anything is still mounted under it
    }

    private Path policy() {
        return root.path().resolve("usr/sbin/policy-rc.d");
    }

    @Test
    void openMountsAndInstallsPolicyAndCloseUndoesAll() throws IOException {
        assertFalse(Files.exists(policy(), LinkOption.NOFOLLOW_LINKS));
        try (ChrootTarget chroot = ChrootTarget.open(host, root.path().toString())) {
            List<String> mounts = root.mountsUnder();
            assertEquals(4, mounts.size(), String.join("\n", mounts));
            Result r = chroot.run(Command.of("/usr/sbin/policy-rc.d", "apache2", "start"));
            assertEquals(101, r.exitCode(), "policy-rc.d forbids starting services");
            assertEquals("proc", chroot.run(Command.of("stat", "-f", "-c", "%T", "/proc")).stdoutText().strip());
            assertEquals("devpts", chroot.run(Command.of("stat", "-f", "-c", "%T", "/dev/pts")).stdoutText().strip());
            assertTrue(chroot.run(Command.of("test", "-c", "/dev/null")).succeeded());
            assertFalse(chroot.runsServices());
        }
        assertEquals(List.of(), root.mountsUnder());
        assertFalse(Files.exists(policy(), LinkOption.NOFOLLOW_LINKS), "our policy-rc.d is gone again");
    }

    @Test
    void anExistingPolicyIsRestoredExactly() throws IOException {
        byte[] own = "#!/bin/sh\n# the image's own policy\nexit 0\n".getBytes(StandardCharsets.UTF_8);
        Files.write(policy(), own);
        Files.setPosixFilePermissions(policy(), PosixFilePermissions.fromString("rwxr-x---"));
        Tool.run("chown", "1234:2345", policy().toString()).assertSuccess();
        Object inode = Files.getAttribute(policy(), "unix:ino");
        try (ChrootTarget chroot = ChrootTarget.open(host, root.path().toString())) {
            assertEquals(101, chroot.run(Command.of("/usr/sbin/policy-rc.d")).exitCode());
        }
        assertArrayEquals(own, Files.readAllBytes(policy()));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(policy())));
        assertEquals(1234, Files.getAttribute(policy(), "unix:uid"));
        assertEquals(2345, Files.getAttribute(policy(), "unix:gid"));
        assertEquals(inode, Files.getAttribute(policy(), "unix:ino"), "the very same file is back");
        assertEquals(List.of(), root.mountsUnder());
    }

    @Test
    void aFailingCommandAndAnExceptionStillUndoEverything() {
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
            try (ChrootTarget chroot = ChrootTarget.open(host, root.path().toString())) {
                Result r = chroot.run(Command.of("sh", "-c", "echo broken >&2; exit 7"));
                assertEquals(7, r.exitCode());
                r.requireSuccess(ExitCode.PACKAGE_MANAGER, "installing");
            }
        });
        assertTrue(thrown.getMessage().contains("exited with 7"), thrown.getMessage());
        assertEquals(List.of(), root.mountsUnder());
        assertFalse(Files.exists(policy(), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aptGetAndDpkgInstallALocalPackageWithoutStartingItsService() throws IOException {
        Path deb = serviceDeb();
        Files.copy(deb, root.path().resolve("tmp/vatest-service.deb"));
        try (ChrootTarget chroot = ChrootTarget.open(host, root.path().toString())) {
            Result r = chroot.run(Command.of("apt-get", "install", "-y", "/tmp/vatest-service.deb")
                    .withEnv("DEBIAN_FRONTEND", "noninteractive").streaming());
            assertEquals(0, r.exitCode(), r.stderrTail());
            String all = String.join("\n", sink.lines);
            assertTrue(all.contains("policy-rc.d denied execution of start"), all);
            assertFalse(all.contains("posix_openpt"), "apt found a working pty: " + all);
            assertFalse(Files.exists(root.path().resolve("tmp/vatest-service-ran")), "the service never ran");
            Result q = chroot.run(Command.of("dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Package}|${Version}|${Provides}\\n",
                    "vatest-service"));
            assertEquals("ii |vatest-service|1.0|virtual-appliance", q.stdoutText().strip());
        }
        assertEquals(List.of(), root.mountsUnder());
    }

    @Test
    void debconfSelectionsArriveOnStdinOnly() throws IOException {
        String secret = "n0t-on-any-command-line";
        try (ChrootTarget chroot = ChrootTarget.open(host, root.path().toString())) {
            byte[] selections = ("vatest vatest/title string Appliance Wiki\nvatest vatest/password password " + secret
                    + "\n").getBytes(StandardCharsets.UTF_8);
            chroot.run(Command.of("debconf-set-selections").withStdin(selections).redacting(List.of(secret)))
                    .requireSuccess(ExitCode.PACKAGE_MANAGER, "preseeding");
        }
        String config = Files.readString(root.path().resolve("var/cache/debconf/config.dat"));
        assertTrue(config.contains("Name: vatest/title") && config.contains("Value: Appliance Wiki"), config);
        Path passwords = root.path().resolve("var/cache/debconf/passwords.dat");
        assertTrue(Files.readString(passwords).contains(secret));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords)));
        for (Command c : sink.commands) {
            assertFalse(c.display().contains(secret), c.display());
        }
        assertEquals(List.of(), root.mountsUnder());
    }

    @Test
    void mountsMadeByTheCallerAreLeftAlone() {
        String proc = root.path().resolve("proc").toString();
        Tool.run("mount", "-t", "proc", "proc", proc).assertSuccess();
        try {
            try (ChrootTarget chroot = ChrootTarget.open(host, root.path().toString())) {
                assertEquals(4, root.mountsUnder().size());
                assertFalse(chroot.prepared().contains("mounted " + proc));
            }
            List<String> left = root.mountsUnder();
            assertEquals(1, left.size(), String.join("\n", left));
            assertTrue(left.get(0).contains(" " + proc + " "));
        } finally {
            Tool.run("umount", proc).assertSuccess();
        }
    }

    @Test
    void anInterruptedEarlierRunIsReportedAndNothingIsLeftMounted() throws IOException {
        Files.writeString(root.path().resolve("usr/sbin/.policy-rc.d.vainstall-saved"), "#!/bin/sh\nexit 0\n");
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> ChrootTarget.open(host, root.path().toString()));
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().contains("was interrupted"), e.getMessage());
        assertEquals(List.of(), root.mountsUnder());
    }

    @Test
    void resolvConfIsBorrowedOnlyWhenMissing() throws IOException {
        Path resolv = root.path().resolve("etc/resolv.conf");
        byte[] own = Files.readAllBytes(resolv);
        try (ChrootTarget chroot = ChrootTarget.open(host, root.path().toString())) {
            assertFalse(chroot.prepared().stream().anyMatch(p -> p.contains("resolv.conf")));
        }
        assertArrayEquals(own, Files.readAllBytes(resolv));
        Files.delete(resolv);
        try (ChrootTarget chroot = ChrootTarget.open(host, root.path().toString())) {
            assertTrue(chroot.files().exists("/etc/resolv.conf"));
        }
        assertFalse(Files.exists(resolv, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aMissingRootIsNotFound() {
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> ChrootTarget.open(host, root.path().resolve("nope").toString()));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
    }

    /** A package with an init script whose postinst starts it through invoke-rc.d, and Provides virtual-appliance. */
    private Path serviceDeb() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "deb-");
        Files.createDirectories(dir.resolve("DEBIAN"));
        Files.createDirectories(dir.resolve("etc/init.d"));
        Files.writeString(dir.resolve("DEBIAN/control"), "Package: vatest-service\nVersion: 1.0\nArchitecture: all\n"
                + "Maintainer: Tests <tests@example.org>\nProvides: virtual-appliance\nDescription: service for tests\n");
        Path postinst = dir.resolve("DEBIAN/postinst");
        Files.writeString(postinst, "#!/bin/sh\nset -e\ninvoke-rc.d vatest-service start\n");
        Path init = dir.resolve("etc/init.d/vatest-service");
        Files.writeString(init, "#!/bin/sh\n### BEGIN INIT INFO\n# Provides: vatest-service\n# Required-Start:\n"
                + "# Required-Stop:\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n# Short-Description: t\n"
                + "### END INIT INFO\necho ran > /tmp/vatest-service-ran\n");
        Files.setPosixFilePermissions(postinst, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path deb = dir.resolveSibling(dir.getFileName() + ".deb");
        Tool.run("dpkg-deb", "--root-owner-group", "-b", dir.toString(), deb.toString()).assertSuccess();
        return deb;
    }
}
