package org.vatools.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real tool (dpkg-deb, lintian, rpm, gpgv, apt-get...) for a test: argv list, optional
 * environment and stdin, stdout and stderr read concurrently, a timeout, and a result that
 * says what ran when an assertion fails.
 */
public final class Tool {
    private Tool() {
    }

    /** What a finished command printed and how it exited. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(describe("expected exit 0"));
            }
            return this;
        }

        public Result assertExit(int expected) {
            if (exitCode != expected) {
                throw new AssertionError(describe("expected exit " + expected));
            }
            return this;
        }

        public String describe(String what) {
            return what + ", got " + exitCode + " from " + String.join(" ", command) + "\n--- stdout:\n"
                    + tail(stdout) + "\n--- stderr:\n" + tail(stderr);
        }

        private static String tail(String s) {
            return s.length() > 6000 ? "..." + s.substring(s.length() - 6000) : s;
        }
    }

    public static Result run(String... command) {
        return run(List.of(command), null, Map.of(), null, 600);
    }

    public static Result runIn(Path dir, String... command) {
        return run(List.of(command), dir, Map.of(), null, 600);
    }

    public static Result run(List<String> command, Path dir, Map<String, String> env, byte[] stdin,
                             long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            Pump out = new Pump(p.getInputStream());
            Pump err = new Pump(p.getErrorStream());
            out.start();
            err.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                out.join();
                err.join();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n--- stderr:\n" + err.text());
            }
            out.join();
            err.join();
            return new Result(new ArrayList<>(command), p.exitValue(), out.text(), err.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        }
    }

    /**
     * Fails the test (never skips it) when a tool it needs is missing, naming the command that
     * installs the test dependencies.
     */
    public static void require(String... names) {
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (!available(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("missing tool(s) " + missing + ": run 'sh scripts/install-deps.sh test' as root");
        }
    }

    /** True when {@code name} is an executable on PATH. */
    public static boolean available(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (Path.of(dir, name).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static final class Pump extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Pump(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buffer);
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
