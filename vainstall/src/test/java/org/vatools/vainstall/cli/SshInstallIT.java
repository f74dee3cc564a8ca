package org.vatools.vainstall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vatools.core.ExitCode;
import org.vatools.testkit.DebianRoot;
import org.vatools.testkit.Sshd;
import org.vatools.testkit.Tool;

/**
 * The same install over SSH: vainstall talks to an sshd on 127.0.0.1 that drives a Debian root
 * (--host with --root), with host key checking against a known_hosts file of the test's own.
 */
class SshInstallIT {
    private DebianRoot root;
    private AptRepositoryFixture repo;
    private Sshd sshd;
    private Path work;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() throws IOException {
        root = DebianRoot.create();
        Files.deleteIfExists(root.path().resolve("etc/apt/sources.list"));
        work = Files.createTempDirectory("vainstall-ssh-it-");
        repo = new AptRepositoryFixture(root.path().resolve("srv/repo"), work.resolve("repo-work"));
        repo.appliance("test-appliance", "1.0-1", true, "testapp testapp/title string Over SSH\n");
        repo.publish(Map.of());
        sshd = Sshd.start(work.resolve("sshd"));
    }

    @AfterEach
    void tearDown() {
        try {
            assertEquals(List.of(), root.mountsUnder(), "no mount is left behind");
        } finally {
            sshd.close();
            repo.close();
            root.close();
            Tool.run("rm", "-rf", "--", work.toString());
        }
    }

    private int vainstall(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Environment env = new Environment(Map.of("PATH", System.getenv("PATH")), work.resolve("home"), "root", work,
                null, Clock.systemUTC(), new DefaultTargetFactory(Map.of("PATH", System.getenv("PATH"))));
        return VainstallMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    private String host() {
        return "root@127.0.0.1:" + sshd.port();
    }

    @Test
    void anUnknownHostKeyIsRefusedThenAcceptedAndTheInstallRunsOverSsh() throws IOException {
        Path knownHosts = work.resolve("home/.ssh/known_hosts");
        int refused = vainstall("list", "--host", host(), "--identity", sshd.clientKey().toString());
        assertEquals(ExitCode.VERIFICATION_FAILED.code(), refused, out + "\n" + err);
        assertTrue(err.toString().contains(sshd.hostKeyFingerprint()), err.toString());
        assertFalse(Files.exists(knownHosts));

        assertEquals(0, vainstall("add-repo", "file:///srv/repo", "--keyring", repo.keyring.toString(), "--name",
                "testrepo", "--host", host(), "--root", root.path().toString(), "--identity", sshd.clientKey().toString(),
                "--accept-new-host-key"), out + "\n" + err);
        assertEquals(sshd.knownHostsLine(), Files.readString(knownHosts));

        Path answers = work.resolve("answers");
        Files.writeString(answers, "testapp/password=over-ssh-secret\n");
        Files.setPosixFilePermissions(answers, PosixFilePermissions.fromString("rw-------"));
        int code = vainstall("--host", host(), "--root", root.path().toString(), "--identity",
                sshd.clientKey().toString(), "test-appliance", "--answers", answers.toString(), "--yes");
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("is installed on chroot " + root.path() + " on ssh " + host()), out.toString());
        assertEquals("Over SSH\n", Files.readString(root.path().resolve("etc/test-appliance.conf")));
        assertEquals("over-ssh-secret", Files.readString(root.path().resolve("etc/test-appliance.secret")));
        assertFalse((out.toString() + err).contains("over-ssh-secret"));

        assertEquals(0, vainstall("list", "--json", "--host", host(), "--root", root.path().toString(), "--identity",
                sshd.clientKey().toString()));
        assertEquals("[{\"name\":\"test-appliance\",\"version\":\"1.0-1\",\"state\":\"installed\"}]",
                out.toString().strip());
    }

    @Test
    void manyHostsReportEachAndAFailingOneDoesNotStopTheOthers() throws IOException {
        Path knownHosts = work.resolve("home/.ssh/known_hosts");
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, sshd.knownHostsLine());
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path hosts = work.resolve("hosts");
        Files.writeString(hosts, "# test servers\n127.0.0.1:" + closed + "\n" + host() + "\n");
        int code = vainstall("list", "--hosts", hosts.toString(), "--root", root.path().toString(), "--identity",
                sshd.clientKey().toString());
        assertEquals(ExitCode.PARTIAL.code(), code, out + "\n" + err);
        String o = out.toString();
        assertTrue(o.contains("127.0.0.1:" + closed + ": FAILED (exit 4)"), o);
        assertTrue(o.contains(host() + ": ok"), o);
        assertTrue(o.contains(host() + ": No appliance is installed on chroot " + root.path()), o);
        assertTrue(o.contains("1 of 2 hosts succeeded"), o);
    }
}
