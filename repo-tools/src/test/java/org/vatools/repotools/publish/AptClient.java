package org.vatools.repotools.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Tool;

/**
 * Real apt-get and apt-cache with a configuration of their own: their own sources list, lists,
 * cache, status file and (empty) configuration and trust folders, never the host's. Signature
 * checking stays on; sources name their key with signed-by=.
 */
public final class AptClient {
    private final Path dir;

    public AptClient(Path dir) {
        GnupgHome.requireTools("apt-get", "apt-cache", "gpgv");
        this.dir = dir;
        try {
            for (String d : List.of("etc/apt.conf.d", "etc/sources.list.d", "etc/trusted.gpg.d", "etc/preferences.d",
                    "state/lists/partial", "cache/archives/partial")) {
                Files.createDirectories(dir.resolve(d));
            }
            Files.write(dir.resolve("status"), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the sources list with these lines and forgets what an earlier update fetched. */
    public AptClient sources(String... lines) {
        try {
            Files.writeString(dir.resolve("sources.list"), String.join("\n", lines) + "\n");
            try (var files = Files.list(dir.resolve("state/lists"))) {
                for (Path p : files.toList()) {
                    if (Files.isRegularFile(p)) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Tool.Result update() {
        return apt("apt-get", "update", "--error-on=any");
    }

    public Tool.Result installSimulated(String... packages) {
        List<String> args = new ArrayList<>(List.of("apt-get", "install", "-s", "-y"));
        args.addAll(List.of(packages));
        return apt(args.toArray(String[]::new));
    }

    /** Downloads a package (and what it depends on) into the cache, checking it against the index. */
    public Tool.Result download(String pkg) {
        return apt("apt-get", "install", "--download-only", "-y", "--no-install-recommends", pkg);
    }

    public Tool.Result show(String pkg) {
        return apt("apt-cache", "show", pkg);
    }

    public Path dir() {
        return dir;
    }

    private Tool.Result apt(String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of(
                "-o", "Dir::Etc::SourceList=" + dir.resolve("sources.list"),
                "-o", "Dir::Etc::SourceParts=" + dir.resolve("etc/sources.list.d"),
                "-o", "Dir::Etc::Parts=" + dir.resolve("etc/apt.conf.d"),
                "-o", "Dir::Etc::TrustedParts=" + dir.resolve("etc/trusted.gpg.d"),
                "-o", "Dir::Etc::Trusted=" + dir.resolve("etc/trusted.gpg"),
                "-o", "Dir::Etc::PreferencesParts=" + dir.resolve("etc/preferences.d"),
                "-o", "Dir::Etc::Preferences=" + dir.resolve("etc/preferences"),
                "-o", "Dir::State=" + dir.resolve("state"),
                "-o", "Dir::State::status=" + dir.resolve("status"),
                "-o", "Dir::Cache=" + dir.resolve("cache"),
                "-o", "APT::Architecture=amd64",
                "-o", "APT::Architectures=amd64",
                "-o", "Debug::NoLocking=1",
                "-o", "APT::Sandbox::User=root",
                "-o", "Acquire::Retries=0"));
        return Tool.run(argv, dir, Map.of("LC_ALL", "C", "DEBIAN_FRONTEND", "noninteractive"), null, 300);
    }
}
