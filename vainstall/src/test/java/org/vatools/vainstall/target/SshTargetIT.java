package org.vatools.vainstall.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.testkit.DebianRoot;
import org.vatools.testkit.Sshd;
import org.vatools.testkit.Tool;

/** SshTarget against a real OpenSSH server on 127.0.0.1 started by the test. */
class SshTargetIT {
    private static Path dir;
    private static Sshd sshd;

    @TempDir
    Path tmp;

    private final RecordingSink sink = new RecordingSink();

    @BeforeAll
    static void startServer() throws IOException {
        dir = Files.createTempDirectory("vainstall-sshd-");
        sshd = Sshd.start(dir);
    }

    @AfterAll
    static void stopServer() {
        if (sshd != null) {
            sshd.close();
        }
        Tool.run("rm", "-rf", "--", dir.toString());
    }

    private Path knownHosts() throws IOException {
        Path kh = tmp.resolve("known_hosts");
        if (!Files.exists(kh)) {
            Files.writeString(kh, sshd.knownHostsLine());
        }
        return kh;
    }

    private SshSettings settings(Path knownHosts, Path identity, boolean acceptNew) {
        return new SshSettings(SshAddress.parse("root@127.0.0.1:" + sshd.port()), "nobody", identity, null, List.of(),
                knownHosts, acceptNew, null, Duration.ofSeconds(10));
    }

    private SshTarget connect() throws IOException {
        return SshTarget.connect(settings(knownHosts(), sshd.clientKey(), false), sink);
    }

    @Test
    void runsCommandsWithExitCodesStdinAndEnvironment() throws IOException {
        try (SshTarget t = connect()) {
            assertEquals(SudoMode.NONE, t.sudoMode());
            assertEquals(0, t.run(Command.of("true")).exitCode());
            assertEquals(42, t.run(Command.of("sh", "-c", "exit 42")).exitCode());
            assertEquals(Result.NOT_FOUND, t.run(Command.of("no-such-program-vainstall")).exitCode());
            byte[] data = new byte[3_000_000];
            new Random(3).nextBytes(data);
            assertArrayEquals(data, t.run(Command.of("cat").withStdin(data)).stdout());
            Result env = t.run(Command.of("sh", "-c", "echo \"$DEBIAN_FRONTEND $PATH\"; pwd")
                    .withEnv("DEBIAN_FRONTEND", "noninteractive").inDirectory("/tmp"));
            assertEquals("noninteractive " + Command.STANDARD_PATH + "\n/tmp\n", env.stdoutText());
            Result quoting = t.run(Command.of("printf", "%s|", "a b", "it's", "$HOME", "*", ""));
            assertEquals("a b|it's|$HOME|*||", quoting.stdoutText(), "argv survives the remote shell untouched");
        }
    }

    @Test
    void largeOutputOnBothStreamsIsDrainedConcurrently() throws IOException {
        try (SshTarget t = connect()) {
            Result r = t.run(Command.of("sh", "-c", "yes err | head -c 4000000 >&2; yes out | head -c 4000000;"
                    + " echo done >&2").withTimeout(Duration.ofSeconds(60)));
            assertEquals(0, r.exitCode());
            assertEquals(4_000_000, r.stdout().length);
            assertTrue(r.stderrTail().endsWith("err\ndone\n"));
        }
    }

    @Test
    void streamingAndRedactionWorkOverSsh() throws IOException {
        try (SshTarget t = connect()) {
            Result r = t.run(Command.of("sh", "-c", "read x; echo one; echo \"got $x\" >&2; exit 3")
                    .withStdin("pa55word\n".getBytes(StandardCharsets.UTF_8)).redacting(List.of("pa55word")).streaming());
            assertEquals(3, r.exitCode());
            assertTrue(sink.lines.contains("one"));
            assertTrue(sink.lines.contains("got ********"), sink.lines.toString());
            assertEquals("got ********\n", r.stderrTail());
        }
    }

    @Test
    void aCommandPastItsTimeoutIsAbandoned() throws IOException {
        try (SshTarget t = connect()) {
            long start = System.nanoTime();
            assertThrows(CommandTimeoutException.class,
                    () -> t.run(Command.of("sleep", "30").withTimeout(Duration.ofMillis(800))));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 8000);
            assertEquals(0, t.run(Command.of("true")).exitCode(), "the session is still usable");
        }
    }

    @Test
    void fileOperationsWorkOverSsh() throws IOException {
        try (SshTarget t = connect()) {
            Files.createDirectories(tmp.resolve("etc"));
            String path = tmp.resolve("etc/answers").toString();
            t.files().write(path, "secret answer\n".getBytes(StandardCharsets.UTF_8), FileMode.rootOnly());
            assertEquals("secret answer\n", new String(t.files().readRequired(path), StandardCharsets.UTF_8));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path))));
            assertEquals(List.of("answers"), t.files().list(tmp.resolve("etc").toString()));
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint() {
        Path kh = tmp.resolve("empty_known_hosts");
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> SshTarget.connect(settings(kh, sshd.clientKey(), false), sink));
        assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("ssh-ed25519 " + sshd.hostKeyFingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains("--accept-new-host-key"));
        assertFalse(Files.exists(kh), "nothing was recorded");
    }

    @Test
    void acceptNewHostKeyRecordsItAndLaterConnectionsUseIt() throws IOException {
        Path kh = tmp.resolve("ssh/known_hosts");
        try (SshTarget t = SshTarget.connect(settings(kh, sshd.clientKey(), true), sink)) {
            assertTrue(t.hostKeyRecorded());
            assertEquals(0, t.run(Command.of("true")).exitCode());
        }
        assertEquals(sshd.knownHostsLine(), Files.readString(kh));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kh)));
        try (SshTarget t = SshTarget.connect(settings(kh, sshd.clientKey(), false), sink)) {
            assertFalse(t.hostKeyRecorded());
        }
    }

    @Test
    void hashedKnownHostsEntriesAreMatched() throws IOException {
        Path kh = tmp.resolve("hashed_known_hosts");
        Files.writeString(kh, sshd.knownHostsLine());
        Tool.run("ssh-keygen", "-H", "-f", kh.toString()).assertSuccess();
        assertTrue(Files.readString(kh).startsWith("|1|"), "ssh-keygen hashed the entry");
        try (SshTarget t = SshTarget.connect(settings(kh, sshd.clientKey(), false), sink)) {
            assertFalse(t.hostKeyRecorded());
            assertEquals(0, t.run(Command.of("true")).exitCode());
        }
    }

    @Test
    void aChangedHostKeyIsRefusedEvenWithAcceptNew() throws IOException {
        Path other = tmp.resolve("other_host_key");
        Tool.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()).assertSuccess();
        String[] pub = Files.readString(Path.of(other + ".pub")).split(" ");
        Path kh = tmp.resolve("changed_known_hosts");
        Files.writeString(kh, "[127.0.0.1]:" + sshd.port() + " " + pub[0] + " " + pub[1] + "\n");
        byte[] before = Files.readAllBytes(kh);
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> SshTarget.connect(settings(kh, sshd.clientKey(), true), sink));
        assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("CHANGED") && e.getMessage().contains(sshd.hostKeyFingerprint()),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(kh));
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsALoginFailure() throws IOException {
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> SshTarget.connect(settings(knownHosts(), sshd.unauthorizedKey(), false), sink));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
        assertTrue(e.getMessage().contains("did not accept the key"), e.getMessage());
    }

    @Test
    void keysFromTheSshAgentAreUsed() throws Exception {
        Tool.require("ssh-agent", "ssh-add");
        Path socket = tmp.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("agent.log").toFile()).start();
        try {
            for (int i = 0; i < 50 && !Files.exists(socket); i++) {
                Thread.sleep(100);
            }
            Tool.run(List.of("ssh-add", sshd.clientKey().toString()), null, Map.of("SSH_AUTH_SOCK", socket.toString()),
                    null, 30).assertSuccess();
            SshSettings s = new SshSettings(SshAddress.parse("root@127.0.0.1:" + sshd.port()), "nobody", null, socket,
                    List.of(), knownHosts(), false, null, Duration.ofSeconds(10));
            try (SshTarget t = SshTarget.connect(s, sink)) {
                assertEquals("root", t.run(Command.of("id", "-un")).stdoutText().strip());
            }
        } finally {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectionsAreOpenedFromTheServer() throws IOException {
        try (SshTarget t = connect(); ServerSocket server = new ServerSocket(0)) {
            Thread accept = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the test fails on the read below
                }
            });
            accept.start();
            try (TargetConnection c = t.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5))) {
                assertEquals("hello", new String(c.input().readNBytes(5), StandardCharsets.UTF_8));
            }
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            assertThrows(IOException.class, () -> t.connect("127.0.0.1", closed, Duration.ofSeconds(5)));
        }
    }

    @Test
    void aChrootOnTheServerIsPreparedAndUndoneOverSsh() throws IOException {
        try (DebianRoot root = DebianRoot.create()) {
            try (SshTarget ssh = connect(); ChrootTarget chroot = ChrootTarget.open(ssh, root.path().toString())) {
                assertEquals(4, root.mountsUnder().size());
                assertTrue(chroot.describe().startsWith("chroot " + root.path() + " on ssh root@127.0.0.1:"));
                Result r = chroot.run(Command.of("dpkg-query", "-W", "-f=${Package}\\n", "dpkg"));
                assertEquals("dpkg", r.stdoutText().strip());
                assertEquals(101, chroot.run(Command.of("/usr/sbin/policy-rc.d")).exitCode());
            }
            assertEquals(List.of(), root.mountsUnder());
            assertFalse(Files.exists(root.path().resolve("usr/sbin/policy-rc.d")));
        }
    }
}
