package org.vatools.vainstall.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
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
                summary: A wiki for the tests
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

    public static byte[] tar(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry dir = new TarArchiveEntry("./usr/");
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
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

    public static byte[] cpio(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] b = f.getValue().getBytes(StandardCharsets.UTF_8);
                CpioArchiveEntry e = new CpioArchiveEntry("." + f.getKey());
                e.setSize(b.length);
                e.setMode(CpioArchiveEntry.C_ISREG | 0644);
                cpio.putArchiveEntry(e);
                cpio.write(b);
                cpio.closeArchiveEntry();
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
