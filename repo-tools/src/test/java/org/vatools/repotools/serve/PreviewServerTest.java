package org.vatools.repotools.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewServerTest {
    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void files() throws Exception {
        repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("apt/dists/.gen/stable/1"));
        Files.writeString(repo.resolve("apt/dists/.gen/stable/1/InRelease"), "signed text\n");
        Files.createSymbolicLink(repo.resolve("apt/dists/stable"), Path.of(".gen/stable/1"));
        Files.createDirectories(repo.resolve(".vatools"));
        Files.writeString(repo.resolve(".vatools/lock"), "1\n");
        Files.writeString(tmp.resolve("secret"), "outside\n");
        Files.createSymbolicLink(repo.resolve("leak"), tmp.resolve("secret"));
        Files.writeString(repo.resolve("a b+c.txt"), "spaces\n");
    }

    @Test
    void servesFilesThroughLinksInsideTheRepositoryAndNothingElse() throws Exception {
        try (PreviewServer server = PreviewServer.start(repo, "127.0.0.1", 0, l -> { })) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "apt/dists/stable/InRelease")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals("signed text\n", get.body());
            assertEquals("12", get.headers().firstValue("Content-Length").orElseThrow());
            assertEquals("no-cache", get.headers().firstValue("Cache-Control").orElseThrow());

            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "apt/dists/stable/InRelease")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode());
            assertEquals("12", head.headers().firstValue("Content-Length").orElseThrow());
            assertEquals("", head.body());

            assertEquals(200, status(http, server.url() + "a%20b+c.txt"));
            for (String path : new String[] {".vatools/lock", "apt/../.vatools/lock", "leak", "apt/dists",
                    "apt/dists/stable/", "nothing"}) {
                assertEquals(404, status(http, server.url() + path), path);
            }
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "a%20b+c.txt"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            // a raw request with dot segments the HTTP client would normalize away
            assertTrue(raw(server.port(), "GET /apt/%2e%2e/%2e%2e/secret HTTP/1.0").startsWith("HTTP/1.1 404"));
            assertTrue(raw(server.port(), "GET /apt/../../secret HTTP/1.0").startsWith("HTTP/1.1 404"));
        }
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String raw(int port, String requestLine) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
