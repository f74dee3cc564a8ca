package org.vatools.repotools.publish.yum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Tool;

/**
 * Our primary.xml, filelists.xml and other.xml against createrepo_c's for the same (signed)
 * packages: every package's entry must be the same text, field by field, in all three files.
 * The packages are made by the real rpmbuild and cover what repodata records: epochs, every kind
 * of dependency with flags, epoch, version, release and pre, file requirements the package
 * satisfies itself, repeated and provided requirements, the libc.so.6 rule, rich dependencies,
 * directories, ghosts, symlinks, the primary file subset (/etc, bin/, /usr/lib/sendmail),
 * markup and non-ASCII text, more than 10 changelog entries and entries on the same day.
 */
class RepodataVsCreaterepoIT {
    static final String DEMO = """
            Name: demo-tool
            Version: 1.2
            Release: 3
            Epoch: 2
            Summary: A demo <tool> & "things"
            License: MIT and GPL-2.0
            Group: Applications/System
            URL: https://example.org/demo
            Vendor: Example & Co
            Packager: J\u00f6rg <jane@example.org>
            BuildArch: noarch
            Provides: virtual-appliance
            Provides: demo-api = 1.0
            Conflicts: virtual-appliance
            Obsoletes: old-demo < 1.0-1
            Requires: /bin/sh
            Requires(pre): shadow-utils
            Requires(post): coreutils >= 8.0
            Requires: python3 >= 3:3.6-1
            Requires: (httpd or nginx)
            Recommends: less
            Suggests: vim
            Supplements: bash
            Enhances: zsh
            Requires: /etc/demo-tool/demo.conf

            %description
            Line one with <markup> & ampersands.

            Second paragraph, tab\there.

            %install
            mkdir -p %{buildroot}/usr/bin %{buildroot}/etc/demo-tool %{buildroot}/usr/share/demo/sub %{buildroot}/var/lib/demo
            mkdir -p %{buildroot}/usr/share/virtual-appliance/demo-tool
            printf '#!/bin/sh\\necho hi\\n' > %{buildroot}/usr/bin/demo
            echo conf > %{buildroot}/etc/demo-tool/demo.conf
            echo data > %{buildroot}/usr/share/demo/sub/data.txt
            echo 'demo-tool demo-tool/title string Demo' > %{buildroot}/usr/share/virtual-appliance/demo-tool/demo-tool.seed
            ln -s ../../bin/demo %{buildroot}/usr/share/demo/link
            touch %{buildroot}/var/lib/demo/state

            %pre
            true
            %post
            true

            %files
            %attr(755,root,root) /usr/bin/demo
            %config(noreplace) /etc/demo-tool/demo.conf
            %dir /etc/demo-tool
            /usr/share/demo
            /usr/share/virtual-appliance/demo-tool
            %ghost /var/lib/demo/state
            %dir /var/lib/demo

            %changelog
            * Tue Mar 05 2024 Jane <jane@example.org> - 2:1.2-3
            - third & <final>
            * Tue Mar 05 2024 Jane <jane@example.org> - 2:1.2-2
            - same day
            * Tue Mar 05 2024 Jane <jane@example.org> - 2:1.2-1
            - same day again
            * Mon Jan 01 2024 Bob <bob@example.org> - 1.0-1
            - first
            """;

    static String plainSpec() {
        StringBuilder s = new StringBuilder("""
                Name: plain
                Version: 0.1
                Release: 1
                Summary: \u00dcn\u00efcode summary \u2013 dash
                License: MIT
                BuildArch: noarch
                Requires: libc.so.6()(64bit)
                Requires: libc.so.6(GLIBC_2.3)(64bit)
                Requires: libc.so.6(GLIBC_2.14)(64bit)
                Requires: plain-data = %{version}-%{release}
                Provides: plain-data = %{version}-%{release}
                Requires: foo
                Requires: foo
                Requires: bar > 1
                Requires: baz <= 2:3
                Requires: /usr/sbin/plainctl
                Requires: /usr/share/plain/x

                %description
                Tab\there and "quotes" and 'apostrophes' and \u00e9.

                %install
                mkdir -p %{buildroot}/usr/sbin %{buildroot}/usr/lib %{buildroot}/opt/x/bin %{buildroot}/usr/share/plain
                echo > %{buildroot}/usr/sbin/plainctl
                echo > %{buildroot}/usr/lib/sendmail
                echo > %{buildroot}/opt/x/bin/tool
                echo > %{buildroot}/usr/share/plain/x
                echo > "%{buildroot}/usr/share/plain/a & <b> \\"q\\" \u00e9"

                %files
                /usr/sbin/plainctl
                /usr/lib/sendmail
                /opt/x/bin/tool
                /usr/share/plain

                %changelog
                """);
        for (int i = 1; i <= 12; i++) {
            s.append(String.format("* %s Ann M\u00fcller <ann@example.org>  \n- entry %d with <b> & \u00e9\n\n",
                    java.time.LocalDate.of(2024, 1, 31 - i).format(java.time.format.DateTimeFormatter.ofPattern(
                            "EEE MMM dd yyyy", java.util.Locale.ENGLISH)), 13 - i));
        }
        return s.toString();
    }

    @TempDir
    static Path work;
    static YumRepo repo;

    @BeforeAll
    static void publish() throws Exception {
        GnupgHome.requireTools("rpmbuild", "createrepo_c");
        List<Path> rpms = new ArrayList<>();
        rpms.addAll(YumFixtures.rpmbuild(work, DEMO, null));
        rpms.addAll(YumFixtures.rpmbuild(work, plainSpec(), null));
        rpms.addAll(YumFixtures.rpmbuild(work, YumFixtures.simpleSpec("small-appliance", "3.0~rc1", "2.el9", true),
                1_767_225_600L));
        repo = new YumRepo(work.resolve("repo"), YumFixtures.keys(work, "rsa"));
        repo.publish(rpms.toArray(Path[]::new));
        assertEquals(List.of(), repo.verify());

        Path cr = Files.createDirectories(work.resolve("cr/packages"));
        try (Stream<Path> files = Files.list(repo.yum().resolve("packages"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".rpm")).toList()) {
                Files.copy(p, cr.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Tool.run(List.of("createrepo_c", "--no-database", work.resolve("cr").toString()), work, Map.of("LC_ALL", "C"),
                null, 300).assertSuccess();
    }

    private static String createrepo(String type) throws IOException {
        Path repodata = work.resolve("cr/repodata");
        try (Stream<Path> files = Files.list(repodata)) {
            Path f = files.filter(p -> p.getFileName().toString().endsWith("-" + type + ".xml.gz")).findFirst()
                    .orElseThrow();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(f)))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** The package entries of a repodata file by pkgid, each its exact text. */
    private static Map<String, String> entries(String xml, Pattern start, Pattern id) {
        Map<String, String> entries = new TreeMap<>();
        Matcher m = start.matcher(xml);
        while (m.find()) {
            int end = xml.indexOf("</package>\n", m.start()) + "</package>\n".length();
            String entry = xml.substring(m.start(), end);
            Matcher i = id.matcher(entry);
            assertTrue(i.find(), entry);
            entries.put(i.group(1), entry);
        }
        return entries;
    }

    private static void sameEntries(String type, Pattern start, Pattern id) throws IOException {
        String ours = repo.data(type);
        String theirs = createrepo(type);
        Map<String, String> a = entries(ours, start, id);
        Map<String, String> b = entries(theirs, start, id);
        assertEquals(3, b.size(), theirs);
        assertEquals(b.keySet(), a.keySet());
        for (String pkgid : b.keySet()) {
            assertEquals(b.get(pkgid), a.get(pkgid), type + " entry of " + pkgid);
        }
        // the same document around the entries
        assertEquals(theirs.substring(0, theirs.indexOf("<package")), ours.substring(0, ours.indexOf("<package")));
        assertEquals(theirs.substring(theirs.lastIndexOf("</package>")), ours.substring(ours.lastIndexOf("</package>")));
    }

    @Test
    void primaryEntriesAreCreaterepoCs() throws IOException {
        sameEntries("primary", Pattern.compile("<package type=\"rpm\">"),
                Pattern.compile("<checksum type=\"sha256\" pkgid=\"YES\">([0-9a-f]{64})</checksum>"));
    }

    @Test
    void filelistsEntriesAreCreaterepoCs() throws IOException {
        sameEntries("filelists", Pattern.compile("<package pkgid="), Pattern.compile("pkgid=\"([0-9a-f]{64})\""));
    }

    @Test
    void otherEntriesAreCreaterepoCs() throws IOException {
        sameEntries("other", Pattern.compile("<package pkgid="), Pattern.compile("pkgid=\"([0-9a-f]{64})\""));
    }
}
