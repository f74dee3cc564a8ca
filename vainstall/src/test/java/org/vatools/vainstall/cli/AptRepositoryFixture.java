package org.vatools.vainstall.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.vatools.testkit.Tool;

/**
 * A signed APT repository built the Debian way (dpkg-deb, apt-ftparchive, gpg) for vainstall's
 * integration tests, until repo-tools publishes one: apt/dists/stable/{InRelease,Release},
 * apt/dists/stable/main/binary-amd64/Packages, apt/pool/main/..., archive-keyring.asc. The
 * appliances are small: they depend on debconf only, so installs need no network.
 */
final class AptRepositoryFixture implements AutoCloseable {
    static final String SEED_FIELD = "Appliance-Seed";
    static final String SEED_SHA_FIELD = "Appliance-Seed-SHA256";

    final Path root;
    final Path gnupg;
    final Path keyring;
    final Path otherKeyring;
    private final Path work;

    AptRepositoryFixture(Path root, Path work) throws IOException {
        Tool.require("gpg", "gpgconf", "dpkg-deb", "apt-ftparchive");
        this.root = root;
        this.work = work;
        this.gnupg = work.resolve("gnupg");
        Files.createDirectories(gnupg, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.keyring = work.resolve("archive-keyring.asc");
        this.otherKeyring = work.resolve("other-keyring.asc");
        genKey("Test Repository <repo@example.org>");
        genKey("Someone Else <other@example.org>");
        export("repo@example.org", keyring);
        export("other@example.org", otherKeyring);
    }

    private void genKey(String uid) {
        gpg("--quick-gen-key", "--passphrase", "", uid, "rsa2048", "sign", "never");
    }

    private void export(String uid, Path file) throws IOException {
        Files.writeString(file, gpg("--armor", "--export", uid).stdout());
    }

    private Tool.Result gpg(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("gpg", "--homedir", gnupg.toString(), "--batch",
                "--pinentry-mode", "loopback", "--yes"));
        argv.addAll(List.of(args));
        return Tool.run(argv, null, Map.of(), null, 120).assertSuccess();
    }

    /** An appliance package with templates, a config script and a postinst that writes what debconf holds. */
    Path appliance(String name, String version, boolean withSeed, String seed) throws IOException {
        return appliance(name, version, withSeed, seed, "", Map.of(), "");
    }

    /**
     * As {@link #appliance(String, String, boolean, String)}, with {@code extraYaml} appended to its
     * descriptor (a backup section), {@code programs} (absolute path to content) installed mode 0755,
     * and {@code postinstExtra} run at the end of its postinst's configure step.
     */
    Path appliance(String name, String version, boolean withSeed, String seed, String extraYaml,
                   Map<String, String> programs, String postinstExtra) throws IOException {
        Path dir = work.resolve("build-" + name + "-" + version);
        for (Map.Entry<String, String> p : programs.entrySet()) {
            Path f = dir.resolve(p.getKey().substring(1));
            Files.createDirectories(f.getParent());
            script(f, p.getValue());
        }
        Files.createDirectories(dir.resolve("DEBIAN"));
        String share = "usr/share/virtual-appliance/" + name + "/";
        Files.createDirectories(dir.resolve(share));
        Files.writeString(dir.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: " + version
                + "\nArchitecture: all\nMaintainer: Tests <tests@example.org>\nDepends: debconf\n"
                + "Provides: virtual-appliance\nConflicts: virtual-appliance\nReplaces: virtual-appliance\n"
                + "Description: appliance for the vainstall tests\n A test appliance.\n");
        Files.writeString(dir.resolve("DEBIAN/templates"), """
                Template: testapp/title
                Type: string
                Description: Title of the site

                Template: testapp/password
                Type: password
                Description: Administrator password

                Template: testapp/confirm
                Type: password
                Description: Administrator password again
                """);
        script(dir.resolve("DEBIAN/config"), """
                #!/bin/sh
                set -e
                . /usr/share/debconf/confmodule
                db_input high testapp/title || true
                db_input high testapp/password || true
                db_go || true
                """);
        script(dir.resolve("DEBIAN/postinst"), """
                #!/bin/sh
                set -e
                . /usr/share/debconf/confmodule
                if [ "$1" = configure ]; then
                    db_get testapp/title
                    printf '%s\\n' "$RET" > /etc/NAME.conf
                    db_get testapp/password
                    umask 077
                    printf '%s' "$RET" > /etc/NAME.secret
                    db_get testapp/confirm
                    printf '%s' "$RET" > /etc/NAME.confirm
                    EXTRA
                fi
                """.replace("NAME", name).replace("EXTRA", postinstExtra.replace("\n", "\n    ")));
        script(dir.resolve("DEBIAN/postrm"), """
                #!/bin/sh
                set -e
                if [ "$1" = purge ]; then
                    rm -f /etc/NAME.conf /etc/NAME.secret /etc/NAME.confirm
                    if [ -e /usr/share/debconf/confmodule ]; then
                        . /usr/share/debconf/confmodule
                        db_purge
                    fi
                fi
                """.replace("NAME", name));
        Files.writeString(dir.resolve(share + "appliance.yaml"), """
                format: 1
                name: NAME
                version: "VERSION"
                release: "1"
                summary: Test appliance for vainstall
                description: A test appliance.
                maintainer: Tests <tests@example.org>
                license: MIT
                homepage: https://www.example.org/
                depends:
                  deb: [debconf]
                seed: NAME.seed
                questions:
                  - owner: testapp
                    name: testapp/password
                    type: password
                    prompt: Administrator password
                    required: true
                    also-answers: [testapp/confirm]
                requires:
                  architectures: [amd64, arm64]
                  distributions: ["debian>=12"]
                  memory: 64MiB
                  disk: 10MiB
                checks:
                  - http: http://127.0.0.1:9/
                    timeout: 2s
                """.replace("NAME", name).replace("VERSION", version.split("-")[0]) + extraYaml);
        if (withSeed) {
            Files.writeString(dir.resolve(share + name + ".seed"), seed);
        }
        Path pool = root.resolve("apt/pool/main/" + name.charAt(0) + "/" + name);
        Files.createDirectories(pool);
        Path deb = pool.resolve(name + "_" + version + "_all.deb");
        Tool.run("dpkg-deb", "--root-owner-group", "-b", dir.toString(), deb.toString()).assertSuccess();
        if (!withSeed) {
            Files.writeString(pool.resolve(name + "_" + version + ".seed"), seed);
        }
        return deb;
    }

    /**
     * Adds a package built elsewhere (repo-tools build) to the pool; {@code publishedSeed}, when not
     * null, is written beside it as the seed the repository publishes for it.
     */
    Path add(Path deb, String name, String version, String publishedSeed) throws IOException {
        Path pool = root.resolve("apt/pool/main/" + name.charAt(0) + "/" + name);
        Files.createDirectories(pool);
        Path to = pool.resolve(deb.getFileName());
        Files.copy(deb, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (publishedSeed != null) {
            Files.writeString(pool.resolve(name + "_" + version + ".seed"), publishedSeed);
        }
        return to;
    }

    private static void script(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Writes Packages, Release and InRelease. Packages of appliances without a seed of their own get
     * the seed fields, as repo-tools publish writes them.
     */
    void publish(Map<String, String> publishedSeedSha) throws IOException {
        Path apt = root.resolve("apt");
        Path bin = apt.resolve("dists/stable/main/binary-amd64");
        Files.createDirectories(bin);
        String packages = Tool.runIn(apt, "apt-ftparchive", "packages", "pool").assertSuccess().stdout();
        StringBuilder out = new StringBuilder();
        for (String stanza : packages.split("\n\n")) {
            if (stanza.isBlank()) {
                continue;
            }
            out.append(stanza.strip()).append('\n');
            String name = stanza.lines().filter(l -> l.startsWith("Package: ")).findFirst().orElseThrow().substring(9);
            String version = stanza.lines().filter(l -> l.startsWith("Version: ")).findFirst().orElseThrow().substring(9);
            String sha = publishedSeedSha.get(name);
            if (sha != null) {
                out.append(SEED_FIELD).append(": pool/main/").append(name.charAt(0)).append('/').append(name).append('/')
                        .append(name).append('_').append(version).append(".seed\n");
                out.append(SEED_SHA_FIELD).append(": ").append(sha).append('\n');
            }
            out.append('\n');
        }
        Files.writeString(bin.resolve("Packages"), out.toString());
        sign();
    }

    void sign() throws IOException {
        Path apt = root.resolve("apt");
        Path dists = apt.resolve("dists/stable");
        String release = Tool.runIn(apt, "apt-ftparchive", "-o", "APT::FTPArchive::Release::Suite=stable",
                "-o", "APT::FTPArchive::Release::Codename=stable", "-o", "APT::FTPArchive::Release::Components=main",
                "-o", "APT::FTPArchive::Release::Architectures=amd64", "release", "dists/stable").assertSuccess().stdout();
        Files.writeString(dists.resolve("Release"), release);
        gpg("--local-user", "repo@example.org", "--clearsign", "-o", dists.resolve("InRelease").toString(),
                dists.resolve("Release").toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Tool.run("gpgconf", "--homedir", gnupg.toString(), "--kill", "gpg-agent");
        try {
            Tool.run("rm", "-rf", "--", work.toString());
        } catch (UncheckedIOException e) {
            // best effort
        }
    }
}
