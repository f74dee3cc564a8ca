package org.vatools.vainstall.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.testkit.DebianRoot;
import org.vatools.testkit.Tool;

/**
 * sudo over SSH for real: a Debian root with openssh-server and sudo, where an sshd (started by the
 * test inside the chroot, on 127.0.0.1) lets in two non-root users: "nopw" with a NOPASSWD sudo
 * rule and "deploy" whose sudo asks for a password. The users exist only inside the root.
 */
class SshSudoIT {
    private static final String SUDO_PASSWORD = "sudo pw for deploy";
    private static DebianRoot root;
    private static ChrootTarget chroot;
    private static Process sshd;
    private static int port;
    private static Path keys;

    @BeforeAll
    static void server() throws Exception {
        root = DebianRoot.withPackages("openssh-server", "sudo");
        LocalTarget host = new LocalTarget(Map.of("PATH", Command.STANDARD_PATH), ProgressSink.silent());
        chroot = ChrootTarget.open(host, root.path().toString());
        keys = Files.createTempDirectory("vainstall-sudo-");
        Tool.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("client").toString()).assertSuccess();
        String pub = Files.readString(keys.resolve("client.pub"));
        for (String user : List.of("deploy", "nopw")) {
            chroot.run(Command.of("useradd", "-m", "-s", "/bin/sh", user)).requireSuccess(ExitCode.ENVIRONMENT, "useradd");
            chroot.files().makeDirectories("/home/" + user + "/.ssh", 0700);
            chroot.run(Command.of("chown", user + ":" + user, "/home/" + user + "/.ssh"))
                    .requireSuccess(ExitCode.ENVIRONMENT, "chown");
            // a new account is locked ('!'), and sshd without PAM refuses locked accounts even for keys
            chroot.run(Command.of("usermod", "-p", "*", user)).requireSuccess(ExitCode.ENVIRONMENT, "usermod");
            chroot.files().write("/home/" + user + "/.ssh/authorized_keys", pub.getBytes(StandardCharsets.UTF_8),
                    new FileMode(0600, user, user));
        }
        chroot.run(Command.of("chpasswd").withStdin(("deploy:" + SUDO_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)))
                .requireSuccess(ExitCode.ENVIRONMENT, "chpasswd");
        chroot.files().write("/etc/sudoers.d/vainstall-test", ("deploy ALL=(ALL) ALL\nnopw ALL=(ALL) NOPASSWD: ALL\n"
                + "Defaults:deploy !lecture\n").getBytes(StandardCharsets.UTF_8), new FileMode(0440, "root", "root"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        chroot.files().write("/etc/ssh/sshd_test_config", String.join("\n", "ListenAddress 127.0.0.1", "Port " + port,
                "HostKey /etc/ssh/ssh_host_ed25519_key", "UsePAM no", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PubkeyAuthentication yes", "PermitRootLogin no", "StrictModes no",
                "PidFile /run/sshd-test.pid", "").getBytes(StandardCharsets.UTF_8), FileMode.publicReadable());
        chroot.files().makeDirectories("/run/sshd", 0755);
        sshd = new ProcessBuilder("chroot", root.path().toString(), "/usr/sbin/sshd", "-D", "-e", "-f",
                "/etc/ssh/sshd_test_config").redirectErrorStream(true)
                .redirectOutput(keys.resolve("sshd.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        String hostKey = new String(chroot.files().readRequired("/etc/ssh/ssh_host_ed25519_key.pub"), StandardCharsets.UTF_8);
        String[] f = hostKey.split(" ");
        Files.writeString(keys.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + f[0] + " " + f[1] + "\n");
    }

    @AfterAll
    static void stop() throws InterruptedException, IOException {
        try {
            System.out.println(Files.readString(keys.resolve("sshd.log")));
            if (sshd != null) {
                sshd.descendants().forEach(ProcessHandle::destroy);
                sshd.destroy();
                sshd.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (chroot != null) {
                chroot.close();
            }
            if (root != null) {
                root.close();
            }
            Tool.run("rm", "-rf", "--", keys.toString());
        }
    }

    private static SshSettings as(String user, String password) {
        return new SshSettings(SshAddress.parse(user + "@127.0.0.1:" + port), "nobody", keys.resolve("client"), null,
                List.of(), keys.resolve("known_hosts"), false, password == null ? null : password.toCharArray(),
                Duration.ofSeconds(10));
    }

    @Test
    void aNoPasswordRuleUsesSudoN() {
        try (SshTarget t = SshTarget.connect(as("nopw", null), ProgressSink.silent())) {
            assertEquals(SudoMode.NO_PASSWORD, t.sudoMode());
            assertEquals("0", t.run(Command.of("id", "-u")).stdoutText().strip());
            t.files().write("/etc/written-by-nopw", "x".getBytes(StandardCharsets.UTF_8), FileMode.rootOnly());
        }
        assertTrue(Files.exists(root.path().resolve("etc/written-by-nopw")));
    }

    @Test
    void aPasswordIsNeededAndAWrongOneIsRefused() {
        ApplianceException none = assertThrows(ApplianceException.class,
                () -> SshTarget.connect(as("deploy", null), ProgressSink.silent()));
        assertEquals(ExitCode.ENVIRONMENT, none.exitCode());
        assertTrue(none.getMessage().contains("sudo wants a password"), none.getMessage());
        ApplianceException wrong = assertThrows(ApplianceException.class,
                () -> SshTarget.connect(as("deploy", "not it"), ProgressSink.silent()));
        assertTrue(wrong.getMessage().contains("sudo did not accept the password"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not it"));
    }

    @Test
    void withThePasswordOnStdinCommandsRunAsRootAndGetTheirOwnStdinIntact() {
        try (SshTarget t = SshTarget.connect(as("deploy", SUDO_PASSWORD), ProgressSink.silent())) {
            assertEquals(SudoMode.PASSWORD, t.sudoMode());
            for (int i = 0; i < 3; i++) {
                assertEquals("0", t.run(Command.of("id", "-u")).stdoutText().strip());
                Result r = t.run(Command.of("cat").withStdin(("line " + i + "\n").getBytes(StandardCharsets.UTF_8)));
                assertEquals("line " + i + "\n", r.stdoutText(), "sudo took the password line, the command got the rest");
            }
            byte[] selections = "vatest vatest/pw password deb-secret\n".getBytes(StandardCharsets.UTF_8);
            t.run(Command.of("debconf-set-selections").withStdin(selections).redacting(List.of("deb-secret")))
                    .requireSuccess(ExitCode.PACKAGE_MANAGER, "preseeding");
            Result ps = t.run(Command.of("sh", "-c", "echo started; exit 3"));
            assertEquals(3, ps.exitCode());
            assertFalse(ps.stderrTail().contains(SUDO_PASSWORD));
        }
        try {
            assertTrue(Files.readString(root.path().resolve("var/cache/debconf/passwords.dat")).contains("deb-secret"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
