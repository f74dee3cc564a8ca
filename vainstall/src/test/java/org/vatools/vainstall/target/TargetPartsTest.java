package org.vatools.vainstall.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/** The pure parts of the target package: commands, addresses, remote command lines, mount tables. */
class TargetPartsTest {
    @Test
    void commandsDisplayQuotedAndNeverShowStdinOrRedactions() {
        Command c = Command.of("apt-get", "install", "-y", "it's here", "a b").withEnv("DEBIAN_FRONTEND", "noninteractive")
                .withStdin("hunter2".getBytes(StandardCharsets.UTF_8)).redacting(List.of("hunter2"));
        assertEquals("DEBIAN_FRONTEND=noninteractive apt-get install -y 'it'\\''s here' 'a b'", c.display());
        assertEquals(c.display(), c.toString());
        assertFalse(c.toString().contains("hunter2"));
        assertEquals("x ******** y", c.redact("x hunter2 y"));
        assertThrows(IllegalArgumentException.class, () -> Command.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Command.of("a\0b"));
        byte[] in = c.stdin();
        in[0] = 'X';
        assertEquals('h', c.stdin()[0], "stdin is copied, not shared");
    }

    @Test
    void redactionMasksTheLongestSecretFirst() {
        assertEquals("a ******** b ********", Redaction.apply("a pass b password", List.of("pass", "password")));
        assertEquals("unchanged", Redaction.apply("unchanged", List.of()));
    }

    @Test
    void sshAddressesParse() {
        assertEquals(new SshAddress(null, "web1", 22), SshAddress.parse("web1"));
        assertEquals(new SshAddress("admin", "web1.example.org", 2222), SshAddress.parse("admin@web1.example.org:2222"));
        assertEquals(new SshAddress(null, "192.0.2.7", 22), SshAddress.parse("192.0.2.7"));
        assertEquals(new SshAddress("root", "2001:db8::5", 2222), SshAddress.parse("root@[2001:db8::5]:2222"));
        assertEquals(new SshAddress(null, "2001:db8::5", 22), SshAddress.parse("2001:db8::5"));
        assertEquals("[127.0.0.1]:2222", SshAddress.parse("127.0.0.1:2222").knownHostsName());
        assertEquals("web1", SshAddress.parse("u@web1").knownHostsName());
        assertEquals("root@[2001:db8::5]:2222", SshAddress.parse("root@[2001:db8::5]:2222").toString());
        for (String bad : List.of("", "a b", "user@", "host:0", "host:70000", "@host", "host:port")) {
            ApplianceException e = assertThrows(ApplianceException.class, () -> SshAddress.parse(bad), bad);
            assertEquals(ExitCode.USAGE, e.exitCode());
        }
    }

    @Test
    void remoteCommandLinesQuoteEveryWordAndSetPathAndEnv() {
        Command c = Command.of("printf", "%s", "it's $HOME").withEnv("DEBIAN_FRONTEND", "noninteractive").inDirectory("/tmp/x y");
        assertEquals("env -C '/tmp/x y' PATH=" + Command.STANDARD_PATH + " DEBIAN_FRONTEND=noninteractive printf %s"
                + " 'it'\\''s $HOME'", RemoteCommandLine.build(c, SudoMode.NONE));
        assertEquals("sudo -n -- env PATH=" + Command.STANDARD_PATH + " true",
                RemoteCommandLine.build(Command.of("true"), SudoMode.NO_PASSWORD));
        assertEquals("sudo -k -S -p '' -- env PATH=" + Command.STANDARD_PATH + " true",
                RemoteCommandLine.build(Command.of("true"), SudoMode.PASSWORD));
    }

    @Test
    void theSudoPasswordGoesOnStdinOnlyAndFirst() {
        char[] pw = "sudo-pw".toCharArray();
        Command c = Command.of("debconf-set-selections").withStdin("a b string c\n".getBytes(StandardCharsets.UTF_8));
        String line = RemoteCommandLine.build(c, SudoMode.PASSWORD);
        assertFalse(line.contains("sudo-pw"));
        assertArrayEquals("sudo-pw\na b string c\n".getBytes(StandardCharsets.UTF_8),
                RemoteCommandLine.stdin(c, SudoMode.PASSWORD, pw));
        assertArrayEquals("a b string c\n".getBytes(StandardCharsets.UTF_8),
                RemoteCommandLine.stdin(c, SudoMode.NO_PASSWORD, pw));
        assertArrayEquals(new byte[0], RemoteCommandLine.stdin(Command.of("true"), SudoMode.NONE, null));
    }

    @Test
    void mountTablesAreReadWithEscapes() {
        String info = "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
                + "42 27 0:39 / /srv/my\\040root/proc rw - proc proc rw\n"
                + "43 27 0:6 / /srv/my\\040root/dev rw - devtmpfs devtmpfs rw\n"
                + "44 27 0:7 / /srv/my\\040rootx rw - tmpfs tmpfs rw\n";
        assertTrue(MountTable.mountPoints(info).contains("/srv/my root/proc"));
        assertEquals(Set.of("/srv/my root/proc", "/srv/my root/dev"), MountTable.under(info, "/srv/my root"));
    }

    @Test
    void hostKeyFingerprintsAreSha256Base64LikeSshKeygen() {
        // the blob of an ssh-ed25519 key: string "ssh-ed25519", string 32 key bytes
        byte[] blob = new byte[4 + 11 + 4 + 32];
        blob[3] = 11;
        System.arraycopy("ssh-ed25519".getBytes(StandardCharsets.US_ASCII), 0, blob, 4, 11);
        blob[18] = 32;
        assertEquals("ssh-ed25519", HostKeyCheck.keyType(blob));
        assertTrue(HostKeyCheck.fingerprint(blob).matches("SHA256:[A-Za-z0-9+/]{43}"));
        assertEquals("unknown", HostKeyCheck.keyType(new byte[] {0, 0}));
    }

    @Test
    void fileModesAndPathsAreChecked() {
        assertEquals("0600", FileMode.rootOnly().octal());
        assertThrows(IllegalArgumentException.class, () -> new FileMode(0644, "root;rm", "root"));
        assertThrows(IllegalArgumentException.class, () -> TargetFiles.requireAbsolute("/"));
        assertThrows(IllegalArgumentException.class, () -> TargetFiles.requireAbsolute("/a/../b"));
        assertThrows(IllegalArgumentException.class, () -> TargetFiles.requireAbsolute("a/b"));
        assertThrows(IllegalArgumentException.class, () -> TargetFiles.requireAbsolute("/a\nb"));
        assertEquals("/etc/a.conf", TargetFiles.requireAbsolute("/etc/a.conf"));
    }

    @Test
    void failuresQuoteTheLastLinesOfStderr() {
        StringBuilder err = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            err.append("line ").append(i).append('\n');
        }
        Result r = new Result(Command.of("apt-get", "update"), 100, new byte[0], err.toString());
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> r.requireSuccess(ExitCode.PACKAGE_MANAGER, "updating"));
        assertEquals(ExitCode.PACKAGE_MANAGER, e.exitCode());
        assertTrue(e.getMessage().startsWith("updating: 'apt-get update' exited with 100; it said:"));
        assertTrue(e.getMessage().contains("line 40") && e.getMessage().contains("line 16"));
        assertFalse(e.getMessage().contains("line 15\n"));
    }
}
