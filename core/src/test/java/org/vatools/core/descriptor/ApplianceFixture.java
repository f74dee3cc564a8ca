package org.vatools.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

/**
 * A valid appliance folder in a temporary directory (descriptor, seed, a file, scripts), which
 * a test breaks in one place to see the exact problem reported.
 */
final class ApplianceFixture {
    static final String DESCRIPTOR = """
            format: 1
            name: test-appliance
            version: "1.0"
            release: "1"
            summary: wiki served by Apache for the tests
            description: |
              Turns a server into a wiki for the tests.
            maintainer: Test Maintainer <test@example.org>
            license: GPL-2.0-or-later
            homepage: https://example.org/
            depends:
              deb:
                - apache2
                - php (>= 2:8.2)
              rpm:
                - httpd
                - php >= 8.0
            questions:
              - owner: test-appliance
                name: test-appliance/admin-password
                type: password
                prompt: Administrator password
              - owner: test-appliance
                name: test-appliance/policy
                type: select
                prompt: Initial policy
                choices: [open, public, closed]
                default: public
            requires:
              architectures: [amd64, arm64]
              distributions: ["debian>=12", "rhel>=9"]
              memory: 256MiB
              disk: 1GiB
            files:
              - source: files/site.conf
                target: /etc/test-appliance/site.conf
              - source: files/site.conf
                target: /usr/share/test-appliance/deb-only.conf
                families: [deb]
            scripts:
              configure: scripts/configure
              remove: scripts/remove
            checks:
              - http: http://127.0.0.1/wiki/
                status: 200
                timeout: 60s
              - tcp: "80"
            backup:
              sysconfig: [/etc/test-appliance]
              appdata: [/var/lib/test-appliance]
              hooks:
                pre-backup: scripts/pre-backup
                post-restore: scripts/post-restore
            changelog:
              - version: "1.0-1"
                date: "2026-11-01"
                changes:
                  - Second release.
              - version: "0.9-1"
                date: "2026-10-01"
                changes:
                  - First release.
            """;
    static final String SEED = """
            # seed of test-appliance
            test-appliance test-appliance/title string Test Wiki
            test-appliance test-appliance/policy select public
            """;

    final Path dir;
    String descriptor = DESCRIPTOR;

    ApplianceFixture(Path root) {
        this.dir = root.resolve("test-appliance");
        write("files/site.conf", "# site\n");
        write("scripts/configure", "#!/bin/sh\necho configure\n");
        write("scripts/remove", "echo remove\n");
        write("scripts/pre-backup", "#!/bin/sh\necho dump\n");
        write("scripts/post-restore", "#!/bin/sh\necho load\n");
        write("seeds/test-appliance.seed", SEED);
    }

    ApplianceFixture write(String relative, String text) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApplianceFixture delete(String relative) {
        try {
            Files.delete(dir.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text that must occur exactly once in the descriptor. */
    ApplianceFixture replace(String old, String replacement) {
        int at = descriptor.indexOf(old);
        assertTrue(at >= 0 && descriptor.indexOf(old, at + 1) < 0, "fixture text must occur once: " + old);
        descriptor = descriptor.replace(old, replacement);
        return this;
    }

    Path descriptorFile() {
        return dir.resolve("appliance.yaml");
    }

    Appliance read() {
        write("appliance.yaml", descriptor);
        return DescriptorReader.read(dir);
    }

    List<Problem> problems() {
        write("appliance.yaml", descriptor);
        return assertThrows(InvalidInputException.class, () -> DescriptorReader.read(dir)).problems();
    }

    /** The one problem reported; fails if there are none or more. */
    Problem onlyProblem() {
        List<Problem> p = problems();
        assertEquals(1, p.size(), () -> "expected one problem, got:\n" + joined(p));
        return p.get(0);
    }

    /** Line (1-based) of the first occurrence of {@code text} in the current descriptor. */
    int lineOf(String text) {
        int at = descriptor.indexOf(text);
        assertTrue(at >= 0, "not in descriptor: " + text);
        return (int) descriptor.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Column (1-based) of the first occurrence of {@code text} on its line. */
    int columnOf(String text) {
        int at = descriptor.indexOf(text);
        return at - descriptor.lastIndexOf('\n', at - 1);
    }

    static String joined(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        problems.forEach(p -> sb.append(p).append('\n'));
        return sb.toString();
    }

    /** Asserts that a problem with this path exists, and returns it. */
    static Problem problemAt(List<Problem> problems, String path) {
        for (Problem p : problems) {
            if (p.path().equals(path)) {
                return p;
            }
        }
        fail("no problem at '" + path + "' in:\n" + joined(problems));
        return null;
    }

    static void assertContains(String expectedFragment, Problem p) {
        assertNotNull(p);
        assertTrue(p.message().contains(expectedFragment), () -> "expected '" + expectedFragment + "' in: " + p);
    }
}
