package org.vatools.repotools.publish.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.repotools.cli.RepoToolsMain;
import org.vatools.repotools.publish.AptClient;
import org.vatools.repotools.publish.RepoToolsProcess;
import org.vatools.repotools.publish.TestDebs;
import org.vatools.repotools.publish.TestRepoKeys;
import org.vatools.repotools.serve.PreviewServer;
import org.vatools.testkit.Tool;

/**
 * A publish killed with SIGKILL at every step of its commit, and at random moments, leaves a
 * repository that {@code repo-tools verify} and apt-get accept, and the next publish cleans up;
 * two publishes at once take turns; a client updating while publishes switch the repository never
 * gets a hash mismatch.
 */
class CrashSafetyIT {
    static final List<String> CHECKPOINTS = List.of("apt:staged", "apt:pool", "apt:generation", "apt:switched",
            "apt:cleaned");
    @TempDir
    Path tmp;
    Path base;
    Path key;
    Path more;

    @BeforeEach
    void publishABaseRepository() throws IOException {
        key = TestRepoKeys.write("crash", tmp.resolve("keys"));
        Path in = tmp.resolve("in");
        for (int i = 0; i < 300; i++) {
            TestDebs.deb("pkg" + i, "1." + i).control("Depends: libc6 (>= 2.36)\n").writeTo(in);
        }
        TestDebs.appliance("demo-appliance", "1.0-1", "demo-appliance demo/title string Demo\n").writeTo(in);
        base = tmp.resolve("base");
        assertEquals(0, inProcess("publish", "-q", "--repo", base.toString(), "--key", key.toString(), in.toString()));
        more = tmp.resolve("more");
        TestDebs.deb("added-one", "1.0").writeTo(more);
        TestDebs.appliance("added-appliance", "2.0-1", "added-appliance a/q string x\n").writeTo(more);
    }

    static int inProcess(String... args) {
        StringWriter err = new StringWriter();
        int exit = RepoToolsMain.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of());
        if (exit != 0) {
            System.err.println(err);
        }
        return exit;
    }

    @Test
    void aPublishKilledAtEveryStepLeavesARepositoryThatVerifiesAndTheNextPublishCleansUp() throws Exception {
        for (String checkpoint : CHECKPOINTS) {
            Path repo = copy(base, "at-" + checkpoint.replace(':', '-'));
            try (RepoToolsProcess p = RepoToolsProcess.start(Map.of("VATOOLS_TEST_PAUSE_AT", checkpoint), tmp,
                    "publish", "--repo", repo.toString(), "--key", key.toString(), "--remove", "pkg0",
                    more.toString())) {
                p.awaitLine("checkpoint " + checkpoint + " reached", 120);
                p.kill();
            }
            assertVerifies(repo, checkpoint);
            assertAptAccepts(repo, checkpoint);
            boolean switched = checkpoint.equals("apt:switched") || checkpoint.equals("apt:cleaned");
            assertEquals(switched, packages(repo).contains("Package: added-one\n"), checkpoint);
            assertEquals(switched, !packages(repo).contains("Package: pkg0\n"), checkpoint);

            Path next = tmp.resolve("next-" + checkpoint.replace(':', '-'));
            TestDebs.deb("after-crash", "1").writeTo(next);
            assertEquals(0, inProcess("publish", "-q", "--repo", repo.toString(), "--key", key.toString(),
                    next.toString()), checkpoint);
            assertVerifies(repo, checkpoint + ", then published again");
            assertTrue(packages(repo).contains("Package: after-crash\n"), checkpoint);
            assertFalse(Files.exists(repo.resolve(".vatools/staging")), checkpoint);
            assertEquals(1, count(repo.resolve("apt/dists/.gen/stable")), checkpoint + ": one generation left");
            assertEquals(1, count(repo.resolve(".vatools/state/apt/stable")), checkpoint + ": one state left");
            if (!switched) {
                assertFalse(Files.exists(repo.resolve("apt/pool/main/a/added-one")),
                        checkpoint + ": pool files of the killed publish that no index names are removed");
            }
        }
    }

    @Test
    void aPublishKilledAtRandomMomentsLeavesARepositoryThatVerifies() throws Exception {
        Path timing = copy(base, "timing");
        long start = System.nanoTime();
        try (RepoToolsProcess p = RepoToolsProcess.start(Map.of(), tmp, "publish", "--repo", timing.toString(),
                "--key", key.toString(), "--remove", "pkg0", more.toString())) {
            assertEquals(0, p.waitFor(120), p.output());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Random random = new Random(42);
        int switched = 0;
        for (int i = 0; i < 10; i++) {
            Path repo = copy(base, "random-" + i);
            // most of a publish is JVM start and reading; aim at its second half, where it writes and switches
            long delay = (long) (millis * 0.55 + random.nextDouble() * millis * 0.5);
            try (RepoToolsProcess p = RepoToolsProcess.start(Map.of(), tmp, "publish", "--repo", repo.toString(),
                    "--key", key.toString(), "--remove", "pkg0", more.toString())) {
                Thread.sleep(delay);
                p.kill();
            }
            assertVerifies(repo, "killed after " + delay + " ms of about " + millis);
            assertAptAccepts(repo, "random-" + i);
            if (packages(repo).contains("Package: added-one\n")) {
                switched++;
            }
            assertEquals(0, inProcess("publish", "-q", "--repo", repo.toString(), "--key", key.toString(),
                    more.toString()));
            assertVerifies(repo, "published again after a kill at " + delay + " ms");
            assertTrue(packages(repo).contains("Package: added-appliance\n"));
        }
        System.out.println("10 publishes killed at random moments of about " + millis + " ms: " + switched
                + " had switched, " + (10 - switched) + " had not; every repository verified");
    }

    @Test
    void twoPublishesAtOnceTakeTurnsAndAWaitingOneNamesTheHolder() throws Exception {
        Path repo = copy(base, "concurrent");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        TestDebs.deb("from-a", "1").writeTo(a);
        TestDebs.deb("from-b", "1").writeTo(b);
        try (RepoToolsProcess pa = RepoToolsProcess.start(Map.of(), tmp, "publish", "--repo", repo.toString(),
                "--key", key.toString(), a.toString());
             RepoToolsProcess pb = RepoToolsProcess.start(Map.of(), tmp, "publish", "--repo", repo.toString(),
                     "--key", key.toString(), b.toString())) {
            assertEquals(0, pa.waitFor(120), pa.output());
            assertEquals(0, pb.waitFor(120), pb.output());
        }
        assertTrue(packages(repo).contains("Package: from-a\n") && packages(repo).contains("Package: from-b\n"));
        assertVerifies(repo, "after two concurrent publishes");

        try (RepoToolsProcess holder = RepoToolsProcess.start(Map.of("VATOOLS_TEST_PAUSE_AT", "apt:staged"), tmp,
                "publish", "--repo", repo.toString(), "--key", key.toString(), more.toString())) {
            holder.awaitLine("checkpoint apt:staged reached", 120);
            try (RepoToolsProcess waiter = RepoToolsProcess.start(Map.of(), tmp, "publish", "--repo", repo.toString(),
                    "--key", key.toString(), "--lock-timeout", "2s", a.toString())) {
                assertEquals(6, waiter.waitFor(60), waiter.output());
                assertTrue(waiter.output().contains("(PID " + holder.pid() + ")"), waiter.output());
            }
            holder.kill();
        }
        assertVerifies(repo, "after the holder was killed");
    }

    @Test
    void aClientMidUpdateFindsTheIndexesItsInReleaseNamesAfterASwitch() throws Exception {
        Path repo = copy(base, "mid-update");
        try (PreviewServer server = PreviewServer.start(repo, "127.0.0.1", 0, line -> { })) {
            HttpClient http = HttpClient.newHttpClient();
            String inRelease = get(http, server.url() + "apt/dists/stable/InRelease");
            String sha512 = inRelease.lines().filter(l -> l.endsWith(" main/binary-amd64/Packages.xz"))
                    .map(String::strip).filter(l -> l.length() > 128 && l.charAt(128) == ' ')
                    .map(l -> l.substring(0, 128)).findFirst().orElseThrow();
            assertEquals(0, inProcess("publish", "-q", "--repo", repo.toString(), "--key", key.toString(),
                    more.toString()));
            assertFalse(get(http, server.url() + "apt/dists/stable/InRelease").contains(sha512), "the index changed");
            HttpResponse<byte[]> old = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "apt/dists/stable/main/binary-amd64/by-hash/SHA512/" + sha512)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, old.statusCode());
            assertEquals(sha512, HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512")
                    .digest(old.body())));
        }
    }

    @Test
    void aClientUpdatingWhilePublishesSwitchTheRepositoryNeverGetsAMismatch() throws Exception {
        Path repo = copy(base, "updating");
        AtomicInteger published = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (PreviewServer server = PreviewServer.start(repo, "127.0.0.1", 0, line -> { })) {
            Thread publisher = new Thread(() -> {
                try {
                    for (int i = 0; i < 25; i++) {
                        Path d = tmp.resolve("round-" + i);
                        TestDebs.deb("round" + i, "1").writeTo(d);
                        assertEquals(0, inProcess("publish", "-q", "--repo", repo.toString(), "--key",
                                key.toString(), d.toString()));
                        published.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            AptClient apt = new AptClient(tmp.resolve("apt"));
            apt.sources("deb [signed-by=" + repo.resolve("archive-keyring.gpg") + "] " + server.url()
                    + "apt stable main");
            publisher.start();
            int updates = 0;
            while (publisher.isAlive() || updates < 5) {
                Tool.Result r = apt.update();
                assertEquals(0, r.exitCode(), "update " + updates + " during publish " + published.get() + ":\n"
                        + r.stdout() + r.stderr());
                updates++;
            }
            publisher.join();
            assertTrue(failure.get() == null, String.valueOf(failure.get()));
            assertEquals(25, published.get());
            assertTrue(updates >= 5, "updates: " + updates);
            System.out.println("apt-get update ran " + updates + " times during 25 publishes, all succeeded");
        }
        assertVerifies(repo, "after the publishes");
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }

    private void assertVerifies(Path repo, String when) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RepoToolsMain.run(new String[] {"verify", "-q", "--repo", repo.toString(), "--keyring",
                tmp.resolve("keys/archive-keyring.gpg").toString()}, new PrintWriter(out), new PrintWriter(err),
                Map.of());
        assertEquals(0, exit, when + ": " + out + err);
    }

    private void assertAptAccepts(Path repo, String when) {
        AptClient apt = new AptClient(tmp.resolve("apt-" + when.replace(':', '-')));
        apt.sources("deb [signed-by=" + tmp.resolve("keys/archive-keyring.gpg") + "] file:" + repo.resolve("apt")
                + " stable main");
        Tool.Result r = apt.update();
        assertEquals(0, r.exitCode(), when + ": " + r.stdout() + r.stderr());
        apt.installSimulated("demo-appliance").assertSuccess();
    }

    private static String packages(Path repo) throws IOException {
        return Files.readString(repo.resolve("apt/dists/stable/main/binary-amd64/Packages"));
    }

    private Path copy(Path from, String name) {
        Path to = tmp.resolve(name);
        Tool.run("cp", "-a", from.toString(), to.toString()).assertSuccess();
        return to;
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
