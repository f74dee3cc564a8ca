package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.vatools.testkit.Tool;

/**
 * The real dnf, isolated from the host: its own installroot, configuration (gpgcheck=1,
 * skip_if_unavailable=False: a failing repository is an error, not a warning), repos folder and
 * cache, and none of the host's plugins. librepo starts a gpg-agent for repo_gpgcheck in the cache; every run stops it again.
 */
final class DnfClient {
    private final Path dir;
    private final Path installroot;
    private final Path reposdir;
    private final Path cache;
    private final Path conf;

    DnfClient(Path dir) {
        this.dir = dir;
        try {
            this.installroot = Files.createDirectories(dir.resolve("root"));
            this.reposdir = Files.createDirectories(dir.resolve("repos.d"));
            this.cache = Files.createDirectories(dir.resolve("cache"));
            this.conf = dir.resolve("dnf.conf");
            Files.writeString(conf, "[main]\ngpgcheck=1\nskip_if_unavailable=False\ninstallonly_limit=3\n"
                    + "keepcache=0\nlogdir=" + dir.resolve("log") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path installroot() {
        return installroot;
    }

    /** Writes a .repo file into this client's repos folder. */
    void repoFile(String name, String text) {
        try {
            Files.writeString(reposdir.resolve(name + ".repo"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets downloaded metadata, so the next command fetches repomd.xml again. */
    void clean() {
        try (Stream<Path> files = Files.list(cache)) {
            stopAgents();
            for (Path p : files.toList()) {
                try (Stream<Path> all = Files.walk(p)) {
                    for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(q);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tool.Result run(String... args) {
        // --noplugins: the host's plugins are not part of the client under test (Debian enables the
        // 'local' plugin, whose own repository has gpgcheck=1 without a key and fails some installs)
        List<String> argv = new ArrayList<>(List.of("dnf", "-y", "--noplugins", "-c", conf.toString(),
                "--installroot=" + installroot,
                "--setopt=reposdir=" + reposdir, "--setopt=cachedir=" + cache, "--releasever=9",
                "--setopt=tsflags=nodocs"));
        argv.addAll(List.of(args));
        try {
            return Tool.run(argv, dir, Map.of("LC_ALL", "C.UTF-8"), null, 300);
        } finally {
            stopAgents();
        }
    }

    /** Stops the gpg-agents librepo started in the cache's keyrings. */
    void stopAgents() {
        try (Stream<Path> walk = Files.walk(cache)) {
            for (Path p : walk.filter(f -> f.getFileName().toString().equals("pubring") && Files.isDirectory(f))
                    .toList()) {
                Tool.run(List.of("gpgconf", "--homedir", p.toString(), "--kill", "gpg-agent"), dir, Map.of(), null, 60);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
