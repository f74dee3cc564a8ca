package org.vatools.vainstall.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.vatools.core.descriptor.Check;
import org.vatools.vainstall.target.Target;
import org.vatools.vainstall.target.TargetConnection;

/**
 * Runs an appliance's post-install checks from the target's point of view, retrying each until
 * it passes or its timeout runs out. Connections go through {@link Target#connect}: a socket on
 * the local host, an SSH {@code direct-tcpip} channel for a server, so a check needs neither curl
 * nor bash on the server and reaches {@code 127.0.0.1} there. HTTP checks send one GET and compare
 * the status; https verifies the certificate with the JDK's trust store.
 */
public final class CheckRunner {
    private static final Pattern STATUS = Pattern.compile("HTTP/\\d(?:\\.\\d)? (\\d{3}).*");
    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final Target target;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SSLContext tls;

    /** Waits between attempts; tests pass one that only advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public CheckRunner(Target target, Clock clock, Sleeper sleeper) {
        this(target, clock, sleeper, null);
    }

    /** @param tls the trust for https checks; null for the JDK's default trust store */
    public CheckRunner(Target target, Clock clock, Sleeper sleeper, SSLContext tls) {
        this.target = target;
        this.clock = clock;
        this.sleeper = sleeper;
        this.tls = tls;
    }

    public List<CheckResult> run(List<Check> checks) {
        List<CheckResult> out = new ArrayList<>();
        for (Check c : checks) {
            out.add(run(c));
        }
        return out;
    }

    CheckResult run(Check check) {
        Instant start = clock.instant();
        Instant deadline = start.plus(check.timeout());
        int attempts = 0;
        String detail;
        while (true) {
            attempts++;
            Duration left = Duration.between(clock.instant(), deadline);
            Duration budget = left.compareTo(ATTEMPT_TIMEOUT) < 0 && !left.isNegative() && !left.isZero() ? left
                    : ATTEMPT_TIMEOUT;
            Outcome o = attempt(check, budget);
            detail = o.detail();
            if (o.passed()) {
                return new CheckResult(check, true, attempts, Duration.between(start, clock.instant()), detail);
            }
            if (!clock.instant().plus(PAUSE).isBefore(deadline)) {
                return new CheckResult(check, false, attempts, Duration.between(start, clock.instant()), detail);
            }
            try {
                sleeper.sleep(PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CheckResult(check, false, attempts, Duration.between(start, clock.instant()), "interrupted");
            }
        }
    }

    private record Outcome(boolean passed, String detail) {
    }

    private Outcome attempt(Check check, Duration timeout) {
        if (check instanceof Check.Tcp tcp) {
            try (TargetConnection c = target.connect(tcp.host(), tcp.port(), timeout)) {
                return new Outcome(true, "connected");
            } catch (IOException e) {
                return new Outcome(false, "cannot connect: " + e.getMessage());
            }
        }
        Check.Http http = (Check.Http) check;
        URI url = http.url();
        boolean secure = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : secure ? 443 : 80;
        try (TargetConnection c = target.connect(url.getHost(), port, timeout)) {
            byte[] request = request(url, port, secure);
            byte[] response;
            if (secure) {
                response = new TlsClient(tls != null ? tls : SSLContext.getDefault(), url.getHost(), port, c.input(),
                        c.output())
                        .exchange(request, 8192);
            } else {
                OutputStream out = c.output();
                out.write(request);
                out.flush();
                response = readStatusLine(c.input());
            }
            String first = new String(response, StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
            Matcher m = STATUS.matcher(first);
            if (!m.matches()) {
                return new Outcome(false, "no HTTP status line in the answer ('" + abbreviate(first) + "')");
            }
            int status = Integer.parseInt(m.group(1));
            return new Outcome(status == http.expectedStatus(), "HTTP " + status);
        } catch (IOException e) {
            return new Outcome(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            return new Outcome(false, "no TLS available: " + e.getMessage());
        }
    }

    static byte[] request(URI url, int port, boolean tls) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean defaultPort = port == (tls ? 443 : 80);
        String host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]"
                : url.getHost();
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + (defaultPort ? "" : ":" + port)
                + "\r\nUser-Agent: vainstall-check\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readStatusLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        int c;
        while (b.size() < 8192 && (c = in.read()) >= 0) {
            b.write(c);
            if (c == '\n') {
                break;
            }
        }
        return b.toByteArray();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
