package org.vatools.repotools.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a complete appliance folder for tests: both families, a seed, a question, a conffile under
 * /etc, an executable helper, per-family files, a backup hook, and configure/remove/purge steps that
 * leave marker files recording their arguments, the VA_* variables and an answer read through
 * va_answer. The markers live under /var/lib/NAME (purge writes /var/lib/NAME-purged, since the
 * folder may be gone by then).
 */
public final class TestAppliance {
    private String name = "va-test-appliance";
    private String version = "2.1";
    private String release = "3";
    private boolean deb = true;
    private boolean rpm = true;
    private String changelog = """
            changelog:
              - version: "%VERSION%"
                date: "2026-10-02T12:30:00Z"
                changes:
                  - Second release, with a change line long enough that it has to be wrapped for the Debian changelog.
              - version: "1.0-1"
                date: "2025-01-15"
                changes: [First release.]
            """;

    public TestAppliance name(String name) {
        this.name = name;
        return this;
    }

    public TestAppliance version(String version, String release) {
        this.version = version;
        this.release = release;
        return this;
    }

    public TestAppliance families(boolean deb, boolean rpm) {
        this.deb = deb;
        this.rpm = rpm;
        return this;
    }

    /** Replaces the changelog block (YAML, may be empty); %VERSION% is the version-release. */
    public TestAppliance changelog(String yaml) {
        this.changelog = yaml;
        return this;
    }

    public String name() {
        return name;
    }

    public String debVersion() {
        return version + "-" + release;
    }

    /** Writes the appliance into {@code parent}/NAME (and the seed into {@code parent}/seeds) and returns the folder. */
    public Path writeTo(Path parent) {
        try {
            Path dir = Files.createDirectories(parent.resolve(name));
            Files.createDirectories(dir.resolve("scripts"));
            Files.createDirectories(dir.resolve("files"));
            Path seeds = Files.createDirectories(parent.resolve("seeds"));
            Files.writeString(seeds.resolve(name + ".seed"), "# seed of the test appliance\n"
                    + "va-test va-test/title string Seeded Title\n");
            StringBuilder depends = new StringBuilder("depends:\n");
            StringBuilder recommends = new StringBuilder("recommends:\n");
            if (deb) {
                depends.append("  deb: [debconf, \"dpkg (>= 1.19)\"]\n");
                recommends.append("  deb: [\"curl | wget\"]\n");
            }
            if (rpm) {
                depends.append("  rpm: [coreutils, \"bash >= 4.0\"]\n");
                recommends.append("  rpm: [curl]\n");
            }
            StringBuilder files = new StringBuilder("""
                    files:
                      - source: files/test.conf
                        target: /etc/%NAME%/test.conf
                      - source: files/helper
                        target: /usr/libexec/%NAME%/helper
                        mode: "0755"
                    """);
            if (deb) {
                files.append("""
                          - source: files/deb-only.yaml
                            target: /usr/share/%NAME%/deb-only.yaml
                            families: [deb]
                        """);
            }
            if (rpm) {
                files.append("""
                          - source: files/rpm-only.yaml
                            target: /usr/share/%NAME%/rpm-only.yaml
                            families: [rpm]
                        """);
            }
            String yaml = """
                    # A generated appliance for the repo-tools tests.
                    format: 1
                    name: %NAME%
                    version: "%V%"
                    release: "%R%"
                    summary: Test appliance whose maintainer steps leave markers
                    description: |
                      An appliance used by the repo-tools tests. Its configure, remove and purge
                      steps write marker files, so a test can see that each ran, with which VA_*
                      variables and which answers.

                      What it exercises:
                      - an answer read through va_answer
                      - a configuration file under /etc that survives removal
                    maintainer: Test Maintainer <test@vatools.example.org>
                    license: MIT
                    homepage: https://vatools.example.org/test
                    """ + depends + recommends + """
                    questions:
                      - owner: va-test
                        name: va-test/password
                        type: password
                        prompt: A secret the installer asks for
                        required: false
                    """ + files + """
                    scripts:
                      configure: scripts/configure
                      remove: scripts/remove
                      purge: scripts/purge
                    backup:
                      appdata: [/var/lib/%NAME%]
                      hooks:
                        pre-backup: scripts/pre-backup
                    """ + changelog;
            yaml = yaml.replace("%NAME%", name).replace("%V%", version).replace("%R%", release)
                    .replace("%VERSION%", debVersion());
            Files.writeString(dir.resolve("appliance.yaml"), yaml);
            Files.writeString(dir.resolve("files/test.conf"), "# configuration of " + name + "\nsetting = 1\n");
            Files.writeString(dir.resolve("files/helper"), "#!/bin/sh\necho helper of " + name + "\n");
            Files.writeString(dir.resolve("files/deb-only.yaml"), "only-in: deb\n");
            Files.writeString(dir.resolve("files/rpm-only.yaml"), "only-in: rpm\n");
            Files.writeString(dir.resolve("scripts/configure"), """
                    #!/bin/sh
                    # configure step of the test appliance: records what it saw
                    mkdir -p /var/lib/%NAME%
                    title=$(va_answer va-test/title)
                    cat > /var/lib/%NAME%/configured <<EOF
                    args=$*
                    name=$VA_NAME
                    version=$VA_VERSION
                    family=$VA_FAMILY
                    title=$title
                    EOF
                    echo "configure: $*" >> /var/lib/%NAME%/history
                    """.replace("%NAME%", name));
            Files.writeString(dir.resolve("scripts/remove"), """
                    #!/bin/sh
                    echo "remove: $*" >> /var/lib/%NAME%/history
                    """.replace("%NAME%", name));
            Files.writeString(dir.resolve("scripts/purge"), """
                    #!/bin/sh
                    echo "purge: $* $VA_FAMILY" > /var/lib/%NAME%-purged
                    rm -rf /var/lib/%NAME%
                    """.replace("%NAME%", name));
            Files.writeString(dir.resolve("scripts/pre-backup"), "#!/bin/sh\necho backup of " + name + "\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
