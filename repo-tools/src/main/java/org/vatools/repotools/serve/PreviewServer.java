package org.vatools.repotools.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A small static file server for previewing a repository (and for tests): GET and HEAD only,
 * exact Content-Length, no folder listings, nothing outside the repository (".." and links that
 * lead out are refused), and nothing under {@code .vatools/}. Files are resolved per request, so
 * a publish switching the repository meanwhile is seen at once. Not meant for production: docs/
 * shows an nginx configuration for that.
 */
public final class PreviewServer implements AutoCloseable {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private final HttpServer server;
    private final ExecutorService executor;
    private final Path root;
    private final Consumer<String> log;

    private PreviewServer(HttpServer server, ExecutorService executor, Path root, Consumer<String> log) {
        this.server = server;
        this.executor = executor;
        this.root = root;
        this.log = log;
    }

    /**
     * Starts serving {@code repoRoot} on {@code bind}:{@code port} (port 0 picks a free one).
     *
     * @param log receives one line per request (method, path, status), or ignores them
     */
    public static PreviewServer start(Path repoRoot, String bind, int port, Consumer<String> log) throws IOException {
        Path root = repoRoot.toRealPath();
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "preview-server");
            t.setDaemon(true);
            return t;
        });
        PreviewServer s = new PreviewServer(server, executor, root, log);
        server.createContext("/", s::handle);
        server.setExecutor(executor);
        server.start();
        return s;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://HOST:PORT/}. */
    public String url() {
        String host = server.getAddress().getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            int status = respond(exchange, method, rawPath);
            log.accept(method + " " + rawPath + " " + status);
        } catch (IOException e) {
            log.accept("error: " + e.getMessage());
        }
    }

    private int respond(HttpExchange exchange, String method, String rawPath) throws IOException {
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return error(exchange, 405, "method not allowed", head);
        }
        Path file = resolve(rawPath);
        if (file == null) {
            return error(exchange, 404, "not found", head);
        }
        long size = Files.size(file);
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", contentType(file.getFileName().toString()));
        h.set("Last-Modified", HTTP_DATE.format(Files.getLastModifiedTime(file).toInstant()));
        h.set("Cache-Control", cacheControl(rawPath));
        if (head) {
            h.set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return 200;
        }
        try (InputStream in = Files.newInputStream(file)) {
            exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
            if (size > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        } catch (NoSuchFileException e) {
            return error(exchange, 404, "not found", false);
        }
        return 200;
    }

    /** The regular file a request path names inside the repository, or null (never outside it, never .vatools). */
    Path resolve(String rawPath) {
        String path;
        try {
            path = java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!path.startsWith("/") || path.indexOf('\0') >= 0 || path.contains("\\")) {
            return null;
        }
        Path p = root;
        for (String part : path.substring(1).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") || part.equals(".vatools")) {
                return null;
            }
            p = p.resolve(part);
        }
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(root) || root.relativize(real).startsWith(".vatools") || !Files.isRegularFile(real)) {
                return null;
            }
            return real;
        } catch (IOException e) {
            return null;
        }
    }

    private static int error(HttpExchange exchange, int status, String message, boolean head) throws IOException {
        byte[] body = (status + " " + message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return status;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    static String contentType(String name) {
        if (name.endsWith(".deb")) {
            return "application/vnd.debian.binary-package";
        } else if (name.endsWith(".rpm")) {
            return "application/x-rpm";
        } else if (name.endsWith(".gz")) {
            return "application/gzip";
        } else if (name.endsWith(".xz")) {
            return "application/x-xz";
        } else if (name.endsWith(".xml")) {
            return "application/xml";
        } else if (name.endsWith(".asc") || name.endsWith(".gpg") && !name.equals("archive-keyring.gpg")) {
            return "application/pgp-signature";
        } else if (name.endsWith(".gpg")) {
            return "application/pgp-keys";
        }
        return "text/plain; charset=utf-8";
    }

    /** The caching the nginx configuration in docs/ uses: long for content-addressed files, short for the rest. */
    static String cacheControl(String path) {
        if (path.contains("/by-hash/") || path.startsWith("/apt/pool/") || path.startsWith("/yum/packages/")
                || path.matches(".*/repodata/[0-9a-f]{64}-.*")) {
            return "public, max-age=86400";
        }
        return "no-cache";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
