package org.vatools.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An OpenSSH server for tests on 127.0.0.1 and a free port, with its own configuration, an
 * Ed25519 host key and one authorized client key: key-only login (root allowed with a key),
 * {@code UsePAM no}, running in the foreground as a child of the test JVM. {@link #close()} stops
 * exactly that process (by its PID) and the session processes it forked.
 */
public final class Sshd implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private Sshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts a server whose files (keys, config, log) live in {@code dir}. */
    public static Sshd start(Path dir) {
        Tool.require("sshd", "ssh-keygen");
        try {
            Files.createDirectories(dir);
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder
            keygen(dir.resolve("host_key"));
            keygen(dir.resolve("client_key"));
            keygen(dir.resolve("other_client_key"));
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            for (int attempt = 0; ; attempt++) {
                int port = freePort();
                Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                        "ListenAddress 127.0.0.1",
                        "Port " + port,
                        "HostKey " + dir.resolve("host_key"),
                        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "PubkeyAuthentication yes",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PermitRootLogin prohibit-password",
                        "UsePAM no",
                        "StrictModes no",
                        "AllowTcpForwarding yes",
                        "PidFile " + dir.resolve("sshd.pid"),
                        ""));
                ProcessBuilder pb = new ProcessBuilder(List.of(sshdPath(), "-D", "-e", "-f",
                        dir.resolve("sshd_config").toString()));
                pb.redirectErrorStream(true);
                pb.redirectOutput(dir.resolve("sshd.log").toFile());
                Process p = pb.start();
                if (waitForPort(port, p)) {
                    return new Sshd(dir, port, p);
                }
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
                if (attempt >= 3) {
                    throw new AssertionError("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String sshdPath() {
        return Files.isExecutable(Path.of("/usr/sbin/sshd")) ? "/usr/sbin/sshd" : "sshd";
    }

    private static void keygen(Path key) {
        Tool.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "vatools-test", "-f", key.toString()),
                null, Map.of(), null, 60).assertSuccess();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean waitForPort(int port, Process p) throws InterruptedException {
        for (int i = 0; i < 100 && p.isAlive(); i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        return false;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The private key the server accepts. */
    public Path clientKey() {
        return dir.resolve("client_key");
    }

    /** A private key the server does not accept. */
    public Path unauthorizedKey() {
        return dir.resolve("other_client_key");
    }

    public Path hostPublicKey() {
        return dir.resolve("host_key.pub");
    }

    /** The host key's fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        String out = Tool.run("ssh-keygen", "-l", "-E", "sha256", "-f", hostPublicKey().toString()).assertSuccess().stdout();
        return out.split(" ")[1];
    }

    /** A known_hosts line for this server. */
    public String knownHostsLine() {
        try {
            String[] pub = Files.readString(hostPublicKey()).strip().split(" ");
            return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path log() {
        return dir.resolve("sshd.log");
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
