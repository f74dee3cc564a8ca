package org.vatools.vainstall.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vatools.core.descriptor.Check;
import org.vatools.testkit.Sshd;
import org.vatools.testkit.Tool;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.LocalTarget;
import org.vatools.vainstall.target.ProgressSink;
import org.vatools.vainstall.target.SshAddress;
import org.vatools.vainstall.target.SshSettings;
import org.vatools.vainstall.target.SshTarget;
import org.vatools.vainstall.target.Target;

/**
 * Post-install checks against real HTTP, HTTPS and TCP servers, from the local host and through an
 * SSH server's direct-tcpip channels (the way checks reach 127.0.0.1 on a remote appliance).
 */
class CheckRunnerIT {
    private static Path dir;
    private static HttpServer http;
    private static HttpsServer https;
    private static SSLContext trusting;
    private static Sshd sshd;

    @BeforeAll
    static void servers() throws Exception {
        dir = Files.createTempDirectory("vainstall-checks-");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            int status = ex.getRequestURI().getPath().equals("/ok") ? 200 : 503;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        http.start();
        Path ks = dir.resolve("server.p12");
        Tool.run(List.of("keytool", "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit"), null, Map.of(), null, 120)
                .assertSuccess();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(server));
        https.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        https.start();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        sshd = Sshd.start(dir.resolve("sshd"));
    }

    @AfterAll
    static void stop() {
        http.stop(0);
        https.stop(0);
        sshd.close();
        Tool.run("rm", "-rf", "--", dir.toString());
    }

    private static LocalTarget local() {
        return new LocalTarget(Map.of("PATH", Command.STANDARD_PATH), ProgressSink.silent());
    }

    private static SshTarget ssh() throws IOException {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, sshd.knownHostsLine());
        return SshTarget.connect(new SshSettings(SshAddress.parse("root@127.0.0.1:" + sshd.port()), "root",
                sshd.clientKey(), null, List.of(), kh, false, null, Duration.ofSeconds(10)), ProgressSink.silent());
    }

    private static CheckResult check(Target t, Check c, SSLContext tls) {
        return new CheckRunner(t, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), tls).run(List.of(c)).get(0);
    }

    private static Check.Http get(String path, int status) {
        return new Check.Http(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path), status,
                Duration.ofSeconds(3));
    }

    @Test
    void httpStatusIsComparedLocallyAndThroughSsh() throws IOException {
        try (Target l = local(); Target s = ssh()) {
            for (Target t : List.of(l, s)) {
                CheckResult ok = check(t, get("/ok", 200), null);
                assertTrue(ok.passed(), ok.detail());
                assertEquals("HTTP 200", ok.detail());
                assertEquals(1, ok.attempts());
                CheckResult down = check(t, get("/down", 200), null);
                assertFalse(down.passed());
                assertEquals("HTTP 503", down.detail());
                assertTrue(down.attempts() >= 2, "retried until the timeout: " + down.attempts());
                assertTrue(down.took().compareTo(Duration.ofSeconds(2)) >= 0);
            }
        }
    }

    @Test
    void tcpChecksTellAnOpenPortFromAClosedOneThroughSshToo() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (Target l = local(); Target s = ssh()) {
            for (Target t : List.of(l, s)) {
                assertTrue(check(t, new Check.Tcp("127.0.0.1", http.getAddress().getPort(), Duration.ofSeconds(2)), null)
                        .passed());
                CheckResult c = check(t, new Check.Tcp("127.0.0.1", closed, Duration.ofSeconds(2)), null);
                assertFalse(c.passed(), "a closed port over " + t.describe());
            }
        }
    }

    @Test
    void httpsVerifiesTheCertificateLocallyAndThroughSsh() throws IOException {
        Check.Http c = new Check.Http(URI.create("https://localhost:" + https.getAddress().getPort() + "/"), 204,
                Duration.ofSeconds(2));
        try (Target l = local(); Target s = ssh()) {
            for (Target t : List.of(l, s)) {
                CheckResult trusted = check(t, c, trusting);
                assertTrue(trusted.passed(), t.describe() + ": " + trusted.detail());
                CheckResult untrusted = check(t, c, null);
                assertFalse(untrusted.passed(), "a self-signed certificate is not trusted by default");
                assertTrue(untrusted.detail().contains("SSL") || untrusted.detail().contains("PKIX")
                        || untrusted.detail().contains("certificate"), untrusted.detail());
            }
        }
    }
}
