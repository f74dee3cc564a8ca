package org.vatools.vainstall.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalTarget against real processes. */
class LocalTargetIT {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LC_ALL", "C");
    private final RecordingSink sink = new RecordingSink();
    private final LocalTarget target = new LocalTarget(ENV, sink);

    @TempDir
    Path tmp;

    @Test
    void exitCodesArePassedThrough() {
        assertEquals(0, target.run(Command.of("true")).exitCode());
        assertEquals(1, target.run(Command.of("false")).exitCode());
        assertEquals(42, target.run(Command.of("sh", "-c", "exit 42")).exitCode());
    }

    @Test
    void aMissingProgramEndsWith127() {
        Result r = target.run(Command.of("no-such-program-vainstall"));
        assertEquals(Result.NOT_FOUND, r.exitCode());
        assertTrue(r.stderrTail().contains("not found"), r.stderrTail());
    }

    @Test
    void largeStdoutAndStderrAreDrainedConcurrently() {
        // 5 MB to stderr before anything to stdout: a reader that drains stdout first would deadlock
        Result r = target.run(Command.of("sh", "-c",
                "yes err | head -c 5000000 >&2; yes out | head -c 5000000; echo done >&2")
                .withTimeout(Duration.ofSeconds(60)));
        assertEquals(0, r.exitCode());
        assertEquals(5_000_000, r.stdout().length);
        assertTrue(r.stderrTail().length() <= OutputPump.STDERR_KEEP, "stderr keeps only a tail");
        assertTrue(r.stderrTail().endsWith("err\ndone\n"), "the tail is the end of stderr");
    }

    @Test
    void interleavedOutputOnBothStreamsIsKeptInFull() {
        Result r = target.run(Command.of("sh", "-c",
                "i=0; while [ $i -lt 20000 ]; do echo o$i; echo e$i >&2; i=$((i+1)); done"));
        assertEquals(0, r.exitCode());
        List<String> lines = r.stdoutText().lines().toList();
        assertEquals(20000, lines.size());
        assertEquals("o19999", lines.get(19999));
        assertTrue(r.stderrTail().endsWith("e19999\n"));
    }

    @Test
    void stdinIsDeliveredWhole() {
        byte[] data = new byte[3_000_000];
        new Random(7).nextBytes(data);
        Result r = target.run(Command.of("cat").withStdin(data));
        assertEquals(0, r.exitCode());
        assertArrayEquals(data, r.stdout());
    }

    @Test
    void stdinThatIsNotReadDoesNotBlock() {
        byte[] data = new byte[2_000_000];
        Result r = target.run(Command.of("true").withStdin(data).withTimeout(Duration.ofSeconds(10)));
        assertEquals(0, r.exitCode());
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedWithWhatItStarted() throws Exception {
        Path pidFile = tmp.resolve("pid");
        long start = System.nanoTime();
        CommandTimeoutException e = assertThrows(CommandTimeoutException.class, () -> target.run(
                Command.of("sh", "-c", "sleep 61 & echo $! > \"$1\"; echo starting >&2; wait", "sh", pidFile.toString())
                        .withTimeout(Duration.ofMillis(700))));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 6000, "stopped after " + millis + " ms");
        assertTrue(e.getMessage().contains("did not finish within 700 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("starting"), "carries the stderr tail: " + e.getMessage());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the child sleep was killed");
    }

    @Test
    void environmentIsExactlyTheBaseAndTheCommandsOwn() {
        Result r = target.run(Command.of("env").withEnv("DEBIAN_FRONTEND", "noninteractive"));
        List<String> vars = r.stdoutText().lines().sorted().toList();
        assertEquals(List.of("DEBIAN_FRONTEND=noninteractive", "LC_ALL=C", "PATH=" + ENV.get("PATH")), vars);
    }

    @Test
    void workingDirectoryIsHonoured() {
        Result r = target.run(Command.of("pwd").inDirectory(tmp.toString()));
        assertEquals(tmp.toString(), r.stdoutText().strip());
    }

    @Test
    void streamedOutputReachesTheSinkRedacted() {
        Result r = target.run(Command.of("sh", "-c", "echo line one; echo 'pw is s3cr3t!' >&2; echo line three")
                .streaming().redacting(List.of("s3cr3t!")));
        assertEquals(0, r.exitCode());
        assertTrue(sink.lines.contains("line one"));
        assertTrue(sink.lines.contains("line three"));
        assertTrue(sink.lines.contains("pw is ********"), sink.lines.toString());
        assertFalse(String.join("\n", sink.lines).contains("s3cr3t"));
        assertEquals("pw is ********\n", r.stderrTail());
    }

    @Test
    void progressRedrawnWithCarriageReturnsShowsItsLastState() {
        target.run(Command.of("printf", "start\\nReading 5%%\\rReading 50%%\\rReading done\\r\\nend\\n").streaming());
        assertEquals(List.of("start", "Reading done", "end"), sink.lines);
    }

    @Test
    void failuresNameTheCommandAndQuoteStderrWithoutSecrets() {
        // the secret arrives on stdin only, and the command echoes it back on stderr
        Result r = target.run(Command.of("sh", "-c", "read x; echo \"bad value $x\" >&2; exit 3")
                .withStdin("hunter2\n".getBytes(StandardCharsets.UTF_8)).redacting(List.of("hunter2")));
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> r.requireSuccess(org.vatools.core.ExitCode.PACKAGE_MANAGER, "preseeding"));
        assertTrue(e.getMessage().startsWith("preseeding: 'sh -c "), e.getMessage());
        assertTrue(e.getMessage().contains("exited with 3"));
        assertTrue(e.getMessage().contains("bad value ********"));
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void filesAreWrittenAtomicallyWithModeAndRead() throws IOException {
        TargetFiles files = target.files();
        String path = tmp.resolve("answers").toString();
        byte[] secret = "q/a password s3cret\n".getBytes(StandardCharsets.UTF_8);
        files.write(path, secret, FileMode.rootOnly());
        assertArrayEquals(secret, Files.readAllBytes(Path.of(path)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path))));
        files.write(path, "second".getBytes(StandardCharsets.UTF_8), FileMode.publicReadable());
        assertEquals("second", new String(files.readRequired(path), StandardCharsets.UTF_8));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path))));
        assertEquals(List.of("answers"), files.list(tmp.toString()), "no temporary file is left beside it");
        assertTrue(files.exists(path));
        assertTrue(files.read(tmp.resolve("missing").toString()).isEmpty());
        for (Command c : sink.commands) {
            assertFalse(c.display().contains("s3cret"), "content never on a command line: " + c.display());
        }
    }

    @Test
    void foldersTempDirsRenameAndRemove() {
        TargetFiles files = target.files();
        String dir = tmp.resolve("a/b/c").toString();
        files.makeDirectories(dir, 0750);
        assertTrue(Files.isDirectory(Path.of(dir)));
        files.write(dir + "/f", new byte[] {1, 2, 3}, FileMode.publicReadable());
        files.rename(dir + "/f", dir + "/g");
        assertEquals(List.of("g"), files.list(dir));
        String temp = files.makeTempDir();
        assertTrue(Files.isDirectory(Path.of(temp)));
        files.remove(temp);
        assertFalse(Files.exists(Path.of(temp)));
        files.remove(tmp.resolve("a").toString());
        assertFalse(Files.exists(tmp.resolve("a")));
        assertThrows(IllegalArgumentException.class, () -> files.remove("/"));
        assertThrows(IllegalArgumentException.class, () -> files.remove("relative/path"));
        assertThrows(IllegalArgumentException.class, () -> files.remove("/tmp/../etc"));
    }

    @Test
    void connectReachesAListeningPortAndFailsOnAClosedOne() throws IOException {
        try (ServerSocket server = new ServerSocket(0)) {
            try (TargetConnection c = target.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2))) {
                c.output().write(1);
            }
            int closed = server.getLocalPort();
            server.close();
            assertThrows(IOException.class, () -> target.connect("127.0.0.1", closed, Duration.ofSeconds(2)));
        }
    }
}
