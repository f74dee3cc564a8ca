package org.vatools.vainstall.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Descriptors, seeds and package archives for unit tests. */
public final class Fixtures {
    public static final String PASSWORD_QUESTION = "dokuwiki/wiki/password";

    private Fixtures() {
    }

    /** A dokuwiki-like appliance: a password (with a confirmation) and an optional user name question. */
    public static String descriptor(String name) {
        return """
                format: 1
                name: %s
                version: "1.0"
                release: "1"
                summary: Wiki for the tests
                description: |
                  The wiki the unit tests install.
                maintainer: Tests <tests@example.org>
                license: GPL-2.0-or-later
                homepage: https://www.example.org/
                depends:
                  deb: [dokuwiki, apache2]
                  rpm: [httpd]
                seed: ../../seeds/%s.seed
                questions:
                  - owner: dokuwiki
                    name: dokuwiki/wiki/password
                    type: password
                    prompt: Password for the wiki administrator
                    required: true
                    also-answers: [dokuwiki/wiki/confirm]
                  - owner: dokuwiki
                    name: dokuwiki/wiki/superuser
                    type: string
                    prompt: User name of the wiki administrator
                    required: false
                  - owner: dokuwiki
                    name: dokuwiki/wiki/policy
                    type: select
                    prompt: Who may read and edit
                    choices: [public, closed, open]
                    default: closed
                requires:
                  architectures: [amd64, arm64]
                  distributions: ["debian>=12", "ubuntu>=22.04", "rhel>=9"]
                  memory: 256MiB
                  disk: 300MiB
                files:
                  - source: files/site.conf
                    target: /etc/apache2/conf-available/%s.conf
                checks:
                  - http: http://127.0.0.1/dokuwiki/doku.php
                    status: 200
                    timeout: 10s
                  - tcp: 127.0.0.1:80
                    timeout: 5s
                """.formatted(name, name, name);
    }

    public static String seed() {
        return """
                # test seed
                dokuwiki dokuwiki/system/configure-webserver multiselect apache2
                dokuwiki dokuwiki/wiki/title string Seed Wiki
                dokuwiki dokuwiki/wiki/superuser string admin
                dokuwiki dokuwiki/wiki/acl boolean true
                """;
    }

    /**
     * A .deb as dpkg-deb writes one: an ar archive of debian-binary, control.tar.gz (a control file
     * naming the package) and data.tar.gz holding {@code files} (absolute path to content).
     */
    public static byte[] deb(String name, String version, Map<String, String> files) {
        String control = "Package: " + name + "\nVersion: " + version + "\nArchitecture: all\n"
                + "Maintainer: Tests <tests@example.org>\nDescription: package for the tests\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("!<arch>\n".getBytes(StandardCharsets.US_ASCII));
        arMember(out, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
        arMember(out, "control.tar.gz", gzip(tar(Map.of("/control", control))));
        arMember(out, "data.tar.gz", gzip(tar(files)));
        return out.toByteArray();
    }

    private static void arMember(ByteArrayOutputStream out, String name, byte[] content) {
        String header = String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", name, "1790000000", "0", "0", "100644",
                content.length);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        if (content.length % 2 == 1) {
            out.write('\n');
        }
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] tar(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] b = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry("." + f.getKey());
                e.setSize(b.length);
                tar.putArchiveEntry(e);
                tar.write(b);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static final String DEBIAN_12 = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            ID=debian
            """;

    public static final String ROCKY_9 = """
            NAME="Rocky Linux"
            VERSION="9.3 (Blue Onyx)"
            ID="rocky"
            ID_LIKE="rhel centos fedora"
            VERSION_ID="9.3"
            PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
            """;

    public static String meminfo(long kib) {
        return "MemTotal:       " + kib + " kB\nMemFree:         100000 kB\n";
    }

    public static String df(long availableKib) {
        return "Filesystem     1024-blocks      Used Available Capacity Mounted on\n"
                + "/dev/vda         263174212  22637000 " + availableKib + "      22% /\n";
    }
}
