package org.vatools.core.pkg.rpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.pkg.RequiredTools;
import org.vatools.testkit.Tool;

/**
 * Builds real rpms with {@code rpmbuild -bb} (gzip, xz and zstd payloads) and compares everything
 * {@link RpmReader} reads with {@code rpm -qp}, createrepo_c's primary.xml and sha256sum; signs one
 * with rpmsign and proves the layout offsets by assembling a re-signed copy that {@code rpm -K}
 * accepts.
 */
class RpmReaderIT {
    private static final String SEED = "/usr/share/virtual-appliance/demo-app/demo-app.seed";
    private static final String DESCRIPTOR = "/usr/share/virtual-appliance/demo-app/appliance.yaml";
    private static final String SEED_TEXT = "demo-app demo-app/title string Demo Wiki";
    private static final String SEP = "|#|";
    private static final String SPEC = """
            Name: demo-app
            Version: 1.4.0~rc1
            Release: 3.el9
            Epoch: 2
            Summary: a demo appliance
            License: MIT and GPL-2.0-or-later
            URL: https://example.org/demo
            Packager: J\u00f6rg Demo <demo@example.org>
            Vendor: Demo Inc
            Group: Applications/System
            BuildArch: noarch
            Provides: virtual-appliance
            Provides: demo-app-api = 3.1
            Conflicts: virtual-appliance
            Obsoletes: old-demo < 1.0
            Requires: bash >= 4.0
            Requires: (httpd or nginx)
            Requires(pre): shadow-utils
            Requires(post): coreutils
            Requires(preun): systemd
            Recommends: php-cli
            Suggests: demo-docs
            Supplements: demo-addon
            Enhances: demo-core

            %description
            Installs the demo application with everything around it.

            A second paragraph.

            %install
            mkdir -p %{buildroot}/usr/share/virtual-appliance/demo-app %{buildroot}/etc/demo-app %{buildroot}/usr/bin
            mkdir -p %{buildroot}/usr/share/doc/demo-app %{buildroot}/var/lib/demo-app
            echo "@SEED@" > %{buildroot}/usr/share/virtual-appliance/demo-app/demo-app.seed
            printf 'name: demo-app\\nversion: 1.4.0\\n' > %{buildroot}/usr/share/virtual-appliance/demo-app/appliance.yaml
            echo "title=Demo" > %{buildroot}/etc/demo-app/demo.conf
            printf '#!/bin/sh\\necho demo\\n' > %{buildroot}/usr/bin/demo-tool
            ln -s demo-tool %{buildroot}/usr/bin/demo
            echo "read me" > %{buildroot}/usr/share/doc/demo-app/README

            %pre
            true
            %post
            true
            %preun
            true

            %files
            %dir /usr/share/virtual-appliance/demo-app
            /usr/share/virtual-appliance/demo-app/demo-app.seed
            /usr/share/virtual-appliance/demo-app/appliance.yaml
            %config(noreplace) /etc/demo-app/demo.conf
            %attr(4755,root,root) /usr/bin/demo-tool
            /usr/bin/demo
            %doc /usr/share/doc/demo-app/README
            %dir /var/lib/demo-app
            %ghost /var/lib/demo-app/state.db

            %changelog
            * Wed Jan 01 2025 J\u00f6rg Demo <demo@example.org> - 2:1.4.0~rc1-3
            - second entry
            - with two lines
            * Tue Dec 31 2024 J\u00f6rg Demo <demo@example.org> - 2:1.3-1
            - first entry
            """.replace("@SEED@", SEED_TEXT);

    @TempDir
    static Path work;

    @BeforeAll
    static void tools() {
        RequiredTools.require("rpmbuild", "rpm", "rpmsign", "createrepo_c", "gpg", "gpgconf", "sha256sum", "sha512sum",
                "md5sum", "sha1sum");
    }

    static Path build(String payload) throws IOException {
        Path top = work.resolve("top-" + payload);
        Files.createDirectories(top.resolve("SPECS"));
        Path spec = top.resolve("SPECS/demo-app.spec");
        Files.writeString(spec, SPEC);
        Tool.run(List.of("rpmbuild", "-bb", "--define", "_topdir " + top, "--define", "_binary_payload " + payload,
                        "--define", "_buildhost builder.example.org", "--define", "_source_date_epoch 1700000000",
                        spec.toString()), null, Map.of("LC_ALL", "C"), null, 300).assertSuccess();
        Path rpm = top.resolve("RPMS/noarch/demo-app-1.4.0~rc1-3.el9.noarch.rpm");
        assertTrue(Files.exists(rpm), rpm.toString());
        return rpm;
    }

    @ParameterizedTest
    @ValueSource(strings = {"w9.gzdio", "w6.xzdio", "w19.zstdio"})
    void readsWhatRpmReports(String payload) throws Exception {
        Path file = build(payload);
        RpmPackage rpm = RpmReader.read(file, ReadOptions.defaults().extracting(
                name -> Set.of("/usr/share/virtual-appliance/" + name + "/" + name + ".seed",
                        "/usr/share/virtual-appliance/" + name + "/appliance.yaml")));

        List<String> tags = List.of("NAME", "EPOCH", "VERSION", "RELEASE", "ARCH", "SUMMARY", "DESCRIPTION",
                "PACKAGER", "URL", "BUILDTIME", "BUILDHOST", "SOURCERPM", "LICENSE", "VENDOR", "GROUP", "SIZE",
                "LONGSIZE", "ARCHIVESIZE", "LONGARCHIVESIZE", "PAYLOADFORMAT", "PAYLOADCOMPRESSOR", "PAYLOADFLAGS",
                "FILEDIGESTALGO", "PAYLOADDIGEST", "PAYLOADDIGESTALGO", "SHA256HEADER", "SHA1HEADER", "EVR", "NEVRA");
        List<String> expected = query(file, String.join(SEP, tags.stream().map(t -> "%{" + t + "}").toList()));
        List<String> ours = List.of(rpm.name(), Long.toString(rpm.epoch().orElseThrow()), rpm.version(), rpm.release(),
                rpm.arch(), rpm.summary().orElseThrow(), rpm.description().orElseThrow(), rpm.packager().orElseThrow(),
                rpm.url().orElseThrow(), Long.toString(rpm.buildTime().orElseThrow()), rpm.buildHost().orElseThrow(),
                rpm.sourceRpm().orElseThrow(), rpm.license().orElseThrow(), rpm.vendor().orElseThrow(),
                rpm.group().orElseThrow(), Long.toString(rpm.installedSize()), Long.toString(rpm.installedSize()),
                Long.toString(rpm.archiveSize()), Long.toString(rpm.archiveSize()), rpm.payloadFormat(),
                rpm.payloadCompressor(), rpm.payloadFlags().orElseThrow(), Integer.toString(rpm.fileDigestAlgorithm().id()),
                rpm.payloadDigest().orElseThrow(), Integer.toString(rpm.payloadDigestAlgorithm().orElseThrow().id()),
                rpm.signatures().headerSha256().orElseThrow(), rpm.signatures().headerSha1().orElseThrow(),
                rpm.fullVersion(), "demo-app-" + rpm.fullVersion() + ".noarch");
        for (int i = 0; i < tags.size(); i++) {
            assertEquals(expected.get(i), ours.get(i), tags.get(i));
        }
        assertTrue(rpm.signatures().headerSha256Matches());
        assertEquals(rpm.payloadCompressor(), rpm.payloadCompression().orElseThrow().id());

        // dependencies, as rpm prints them and with their exact flags
        assertEquals(lines(file, "--provides"), strings(rpm.provides()));
        assertEquals(lines(file, "--requires"), strings(rpm.requires()));
        assertEquals(lines(file, "--conflicts"), strings(rpm.conflicts()));
        assertEquals(lines(file, "--obsoletes"), strings(rpm.obsoletes()));
        assertEquals(lines(file, "--recommends"), strings(rpm.recommends()));
        assertEquals(lines(file, "--suggests"), strings(rpm.suggests()));
        assertEquals(lines(file, "--supplements"), strings(rpm.supplements()));
        assertEquals(lines(file, "--enhances"), strings(rpm.enhances()));
        List<String> requireFlags = new ArrayList<>();
        for (RpmDependency d : rpm.requires()) {
            requireFlags.add(d.name() + "\t" + Integer.toUnsignedString(d.flags()) + "\t" + d.version());
        }
        assertEquals(query(file, "[%{REQUIRENAME}\t%{REQUIREFLAGS}\t%{REQUIREVERSION}\n]").get(0).lines().toList(),
                requireFlags);
        assertTrue(rpm.requires().stream().anyMatch(RpmDependency::rpmlib));
        assertTrue(rpm.requires().stream().anyMatch(d -> d.name().equals("shadow-utils") && d.pre()));
        assertTrue(rpm.requires().stream().anyMatch(d -> d.name().equals("systemd") && !d.pre()));

        // files
        assertEquals(lines(file, "-l"), rpm.files().stream().map(RpmFile::path).toList());
        List<String> fileRows = new ArrayList<>();
        for (RpmFile f : rpm.files()) {
            fileRows.add(String.join("\t", f.path(), Integer.toString(f.mode() & 0xffff), Long.toString(f.size()),
                    Integer.toString(f.flags()), f.digest(), f.linkTarget(), f.user(), f.group(), Long.toString(f.mtime())));
        }
        assertEquals(query(file, "[%{FILENAMES}\t%{FILEMODES}\t%{FILESIZES}\t%{FILEFLAGS}\t%{FILEDIGESTS}\t"
                + "%{FILELINKTOS}\t%{FILEUSERNAME}\t%{FILEGROUPNAME}\t%{FILEMTIMES}\n]").get(0).lines().toList(), fileRows);
        assertTrue(rpm.files().stream().anyMatch(f -> f.isGhost() && f.repodataType().equals("ghost")));
        assertTrue(rpm.files().stream().anyMatch(f -> f.isConfig() && f.path().equals("/etc/demo-app/demo.conf")));
        assertTrue(rpm.files().stream().anyMatch(f -> f.isDoc() && f.path().endsWith("README")));
        assertEquals(RpmHashAlgorithm.SHA256, rpm.fileDigestAlgorithm());

        // changelog, as rpm --changelog prints it
        StringBuilder changelog = new StringBuilder();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE MMM dd yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
        for (RpmChangelog c : rpm.changelogs()) {
            changelog.append("* ").append(day.format(Instant.ofEpochSecond(c.time()))).append(' ').append(c.author())
                    .append('\n').append(c.text()).append("\n\n");
        }
        assertEquals(Tool.run(List.of("rpm", "-qp", "--changelog", file.toString()), null, Map.of("TZ", "UTC"), null, 60)
                .assertSuccess().stdout(), changelog.toString());
        assertEquals(2, rpm.changelogs().size());

        // extracted payload files
        assertEquals(SEED_TEXT + "\n", new String(rpm.extractedFile(SEED).orElseThrow(), StandardCharsets.UTF_8));
        assertEquals("name: demo-app\nversion: 1.4.0\n",
                new String(rpm.extractedFile(DESCRIPTOR).orElseThrow(), StandardCharsets.UTF_8));

        // whole-file digests
        assertEquals(Files.size(file), rpm.packageSize());
        assertEquals(hash("sha256sum", file), rpm.digests().sha256());
        assertEquals(hash("sha512sum", file), rpm.digests().sha512());
        assertEquals(hash("sha1sum", file), rpm.digests().sha1());
        assertEquals(hash("md5sum", file), rpm.digests().md5());
        assertEquals(rpm.digests().sha256(),
                RpmReader.read(file, ReadOptions.defaults().withDigests(DigestAlgorithm.SHA256)).digests().sha256());
    }

    @Test
    void agreesWithCreaterepoOnPrimaryXml() throws Exception {
        Path repo = work.resolve("repo");
        Files.createDirectories(repo);
        Path file = build("w9.gzdio");
        Files.copy(file, repo.resolve(file.getFileName()));
        Tool.run("createrepo_c", "--no-database", "-q", repo.toString()).assertSuccess();
        Path primary;
        try (var s = Files.list(repo.resolve("repodata"))) {
            primary = s.filter(p -> p.getFileName().toString().endsWith("primary.xml.gz")).findFirst().orElseThrow();
        }
        String xml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(primary))) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RpmPackage rpm = RpmReader.read(repo.resolve(file.getFileName()),
                ReadOptions.defaults().withDigests(DigestAlgorithm.SHA256));
        assertEquals(attr(xml, "rpm:header-range", "start"), Long.toString(rpm.layout().headerStart()));
        assertEquals(attr(xml, "rpm:header-range", "end"), Long.toString(rpm.layout().headerEnd()));
        assertEquals(attr(xml, "size", "package"), Long.toString(rpm.packageSize()));
        assertEquals(attr(xml, "size", "installed"), Long.toString(rpm.installedSize()));
        assertEquals(attr(xml, "size", "archive"), Long.toString(rpm.archiveSize()));
        assertEquals(attr(xml, "time", "build"), Long.toString(rpm.buildTime().orElseThrow()));
        assertEquals(attr(xml, "version", "epoch"), Long.toString(rpm.epoch().orElseThrow()));
        Matcher checksum = Pattern.compile("<checksum type=\"sha256\" pkgid=\"YES\">([0-9a-f]+)</checksum>").matcher(xml);
        assertTrue(checksum.find());
        assertEquals(checksum.group(1), rpm.digests().sha256());

        // createrepo_c's requires: no rpmlib(), pre="1" exactly where our pre() says so
        String requires = xml.substring(xml.indexOf("<rpm:requires>"), xml.indexOf("</rpm:requires>"));
        Matcher entry = Pattern.compile("<rpm:entry name=\"([^\"]+)\"[^>]*?(pre=\"1\")?/>").matcher(requires);
        List<String> theirs = new ArrayList<>();
        while (entry.find()) {
            theirs.add(entry.group(1).replace("&gt;", ">").replace("&lt;", "<") + (entry.group(2) != null ? " pre" : ""));
        }
        Set<String> provided = new java.util.HashSet<>();
        rpm.provides().forEach(p -> provided.add(p.name()));
        List<String> ours = new ArrayList<>();
        for (RpmDependency d : rpm.requires()) {
            String line = d.name() + (d.pre() ? " pre" : "");
            if (!d.rpmlib() && !provided.contains(d.name()) && !ours.contains(line) && !d.name().startsWith("/")) {
                ours.add(line);
            }
        }
        theirs.removeIf(s -> s.startsWith("/"));
        assertEquals(theirs.stream().sorted().toList(), ours.stream().sorted().toList());
    }

    @Test
    void layoutOffsetsAreExactEnoughToResignWithoutTouchingThePayload() throws Exception {
        Path unsigned = build("w9.gzdio");
        Path gnupg = work.resolve("gnupg");
        Files.createDirectories(gnupg);
        Tool.run("chmod", "700", gnupg.toString()).assertSuccess();
        try {
            Tool.run("gpg", "--batch", "--homedir", gnupg.toString(), "--passphrase", "", "--quick-gen-key",
                    "Test Signer <signer@example.org>", "rsa2048", "sign", "never").assertSuccess();
            Path signed = work.resolve("signed.rpm");
            Files.copy(unsigned, signed);
            Tool.run("rpmsign", "--define", "_gpg_name Test Signer", "--define", "__gpg /usr/bin/gpg",
                    "--define", "_gpg_path " + gnupg, "--addsign", signed.toString()).assertSuccess();
            Path key = work.resolve("key.asc");
            Files.writeString(key, Tool.run("gpg", "--homedir", gnupg.toString(), "--armor", "--export").assertSuccess()
                    .stdout());
            Path db = work.resolve("rpmdb");
            Files.createDirectories(db);
            Tool.run("rpm", "--dbpath", db.toString(), "--import", key.toString()).assertSuccess();

            RpmPackage a = RpmReader.read(unsigned);
            RpmPackage b = RpmReader.read(signed);
            assertFalse(a.signatures().isSigned());
            assertTrue(b.signatures().isSigned());
            assertTrue(b.signatures().rsaHeader().orElseThrow().length > 100);
            assertTrue(b.signatures().headerSha256Matches());
            assertArrayEquals(a.header().bytes(), b.header().bytes(), "signing leaves the main header alone");
            byte[] aBytes = Files.readAllBytes(unsigned);
            byte[] bBytes = Files.readAllBytes(signed);
            assertArrayEquals(Arrays.copyOfRange(aBytes, (int) a.layout().payloadStart(), aBytes.length),
                    Arrays.copyOfRange(bBytes, (int) b.layout().payloadStart(), bBytes.length));

            // lead + the signed copy's signature header + padding + the unsigned file from its main header on
            ByteArrayOutputStream assembled = new ByteArrayOutputStream();
            assembled.writeBytes(a.leadBytes());
            assembled.writeBytes(b.signatureHeader().bytes());
            assembled.writeBytes(new byte[b.layout().signaturePadding()]);
            assembled.write(aBytes, (int) a.layout().headerStart(), aBytes.length - (int) a.layout().headerStart());
            Path resigned = work.resolve("resigned.rpm");
            Files.write(resigned, assembled.toByteArray());
            Tool.Result check = Tool.run("rpm", "--dbpath", db.toString(), "-Kv", resigned.toString()).assertSuccess();
            assertTrue(check.stdout().contains("Header V4 RSA/SHA"), check.stdout());
            assertTrue(check.stdout().contains("Signature, key ID") && check.stdout().contains(": OK"), check.stdout());
            assertFalse(check.stdout().contains("BAD") || check.stdout().contains("NOKEY"), check.stdout());
            assertEquals(RpmReader.read(signed).digests(), RpmReader.read(resigned).digests());
        } finally {
            Tool.run("gpgconf", "--homedir", gnupg.toString(), "--kill", "gpg-agent");
        }
    }

    @Test
    void ordersVersionsAsRpmDoes() {
        List<String> versions = List.of("1.0", "1.0.1", "1.10", "1.9", "1.0~rc1", "1.0^git1", "1.0a", "1.a", "1_0",
                "001", "1", "2.0", "10", "1.0-1", "1.0-2", "1.0-10", "1:1.0", "2.0-1", "0:2.0-1", "1.0~~", "1.0~",
                "a", "b", "1.0^", "1.0-1.el9", "1.0-1.el10");
        StringBuilder lua = new StringBuilder("%{lua:");
        for (String a : versions) {
            for (String b : versions) {
                lua.append("print(rpm.vercmp(\"").append(a).append("\",\"").append(b).append("\") .. \" \")\n");
            }
        }
        lua.append("}");
        List<String> results = List.of(Tool.run("rpm", "--eval", lua.toString()).assertSuccess().stdout().strip()
                .split("\\s+"));
        assertEquals(versions.size() * versions.size(), results.size());
        int i = 0;
        for (String a : versions) {
            for (String b : versions) {
                int ours = Integer.signum(RpmEvr.parse(a).compareTo(RpmEvr.parse(b)));
                assertEquals(Integer.parseInt(results.get(i++).strip()), ours, a + " vs " + b);
            }
        }
    }

    private static List<String> query(Path file, String format) {
        String out = Tool.run(List.of("rpm", "-qp", "--qf", format, file.toString()), null, Map.of("LC_ALL", "C.UTF-8"),
                null, 60).assertSuccess().stdout();
        return format.startsWith("[") ? List.of(out) : List.of(out.split(Pattern.quote(SEP), -1));
    }

    private static List<String> lines(Path file, String option) {
        return Tool.run(List.of("rpm", "-qp", option, file.toString()), null, Map.of("LC_ALL", "C.UTF-8"), null, 60)
                .assertSuccess().stdout().lines().toList();
    }

    private static List<String> strings(List<RpmDependency> deps) {
        return deps.stream().map(RpmDependency::toString).toList();
    }

    private static String hash(String tool, Path file) {
        return Tool.run(tool, file.toString()).assertSuccess().stdout().split(" ")[0];
    }

    private static String attr(String xml, String element, String attribute) {
        Matcher m = Pattern.compile("<" + Pattern.quote(element) + "\\b[^>]*\\b" + attribute + "=\"([^\"]*)\"")
                .matcher(xml);
        assertTrue(m.find(), element + "@" + attribute);
        return m.group(1);
    }
}
