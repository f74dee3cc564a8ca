package org.vatools.vainstall.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Family;

/** The .abf writer and reader in memory: what goes in comes out, and what is refused, with which exit code. */
class AbfReaderTest {
    static final Instant TIME = Instant.parse("2026-11-22T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(TIME, ZoneOffset.UTC);

    @TempDir
    Path dir;

    static BackupEntry dir(String path, int mode) {
        return new BackupEntry(path, BackupEntry.Type.DIRECTORY, 0, mode, "root", "root", 0, 0, null, TIME);
    }

    static BackupEntry file(String path, int size, String user) {
        return new BackupEntry(path, BackupEntry.Type.FILE, size, 0640, user, user, 33, 33, null, TIME);
    }

    static BackupEntry link(String path, String target) {
        return new BackupEntry(path, BackupEntry.Type.SYMLINK, 0, 0777, "root", "root", 0, 0, target, TIME);
    }

    static BackupEntry hard(String path, String target) {
        return new BackupEntry(path, BackupEntry.Type.HARDLINK, 0, 0640, "www-data", "www-data", 33, 33, target, TIME);
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A backup with a sysconfig set, two appdata sets (one absent) and hook data. */
    static byte[] sample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AbfWriter w = new AbfWriter(out, TIME);
        w.writeVersion();
        AbfWriter.TarMember sys = w.openTar(BackupCategory.SYSCONFIG);
        AbfWriter.TarMember.Group etc = sys.group("0", "/etc/app");
        etc.add(dir("", 0755), null);
        etc.add(file("app.conf", 6, "root"), new ByteArrayInputStream(text("title\n")));
        etc.add(dir("conf.d", 0750), null);
        etc.add(file("conf.d/a.conf", 2, "root"), new ByteArrayInputStream(text("a\n")));
        etc.add(link("current", "conf.d/a.conf"), null);
        etc.close();
        sys.close();
        AbfWriter.TarMember app = w.openTar(BackupCategory.APPDATA);
        AbfWriter.TarMember.Group data = app.group("0", "/var/lib/app");
        data.add(dir("", 0755), null);
        data.add(dir("data", 0755), null);
        data.add(file("data/page.txt", 11, "www-data"), new ByteArrayInputStream(text("hello wiki\n")));
        data.add(hard("data/page-copy.txt", "data/page.txt"), null);
        data.add(link("abs", "/var/lib/app/data"), null);
        data.close();
        AbfWriter.TarMember.Group hook = app.group(AbfFormat.HOOK_GROUP, null);
        hook.add(dir("", 0700), null);
        hook.add(file("db.dump", 4, "root"), new ByteArrayInputStream(text("DUMP")));
        hook.close();
        app.close();
        w.finish(info(List.of(new BackupSet(BackupCategory.SYSCONFIG, 0, "/etc/app", true, 5, 8),
                new BackupSet(BackupCategory.APPDATA, 0, "/var/lib/app", true, 5, 11),
                new BackupSet(BackupCategory.APPDATA, 1, "/srv/media", false, 0, 0)), new HookData(2, 4)));
        return out.toByteArray();
    }

    static BackupInfo info(List<BackupSet> sets, HookData hook) {
        return new BackupInfo("test-appliance", "1.0-1", Family.DEB, TIME, "vainstall test",
                new HostSummary("host1", "Debian GNU/Linux 12 (bookworm)", "debian", "12", "amd64", "the local host"),
                sets, hook, List.of("/etc/app/sock: a socket"));
    }

    Path save(byte[] abf) throws IOException {
        Path p = dir.resolve("b" + System.nanoTime() + ".abf");
        Files.write(p, abf);
        return p;
    }

    VerifiedBackup verify(byte[] abf) throws IOException {
        return verify(abf, AbfReader.Limits.defaults());
    }

    VerifiedBackup verify(byte[] abf, AbfReader.Limits limits) throws IOException {
        return new AbfReader(BackupFile.open(save(abf), null), limits, l -> { }, CLOCK).verify(null);
    }

    ApplianceException refused(byte[] abf, ExitCode code, String... fragments) throws IOException {
        return refused(abf, AbfReader.Limits.defaults(), code, fragments);
    }

    ApplianceException refused(byte[] abf, AbfReader.Limits limits, ExitCode code, String... fragments)
            throws IOException {
        Path p = save(abf);
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> new AbfReader(BackupFile.open(p, null), limits, l -> { }, CLOCK).verify(null));
        assertEquals(code, e.exitCode(), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith(p.toString()), "names the file: " + e.getMessage());
        return e;
    }

    @Test
    void whatIsWrittenIsVerifiedAndExtractedEntryByEntry() throws IOException {
        byte[] abf = sample();
        VerifiedBackup v = verify(abf);
        assertEquals(AbfFormat.VERSION, v.format());
        assertEquals("test-appliance", v.info().appliance());
        assertEquals("1.0-1", v.info().version());
        assertEquals(TIME, v.info().created());
        assertEquals(3, v.info().sets().size());
        assertEquals(new HookData(2, 4), v.info().hookData());
        assertEquals(List.of("/etc/app/sock: a socket"), v.info().skipped());
        assertEquals(java.util.Set.of("root", "www-data"), v.users());
        assertEquals(AbfFormat.MEMBERS.subList(0, 5), List.copyOf(v.memberSha256().keySet()));

        Map<String, List<String>> seen = new LinkedHashMap<>();
        Path p = save(abf);
        new AbfReader(BackupFile.open(p, null), AbfReader.Limits.defaults(), l -> { }, CLOCK).extract(
                new AbfReader(BackupFile.open(p, null), AbfReader.Limits.defaults(), l -> { }, CLOCK).verify(null),
                null, (category, group, entries) -> {
                    List<String> lines = new ArrayList<>();
                    BackupEntry e;
                    while ((e = entries.next()) != null) {
                        String content = e.type() == BackupEntry.Type.FILE
                                ? new String(entries.data().readAllBytes(), StandardCharsets.UTF_8) : "";
                        lines.add(e.type() + " " + e.shown() + " " + String.format("%04o", e.permissions()) + " "
                                + e.user() + (e.link() == null ? "" : " -> " + e.link()) + (content.isEmpty() ? ""
                                : " = " + content.strip()));
                    }
                    seen.put(category.key() + ":" + group, lines);
                });
        assertEquals(List.of("DIRECTORY ./ 0755 root", "FILE app.conf 0640 root = title", "DIRECTORY conf.d 0750 root",
                "FILE conf.d/a.conf 0640 root = a", "SYMLINK current 0777 root -> conf.d/a.conf"), seen.get("sysconfig:0"));
        assertEquals(List.of("DIRECTORY ./ 0755 root", "DIRECTORY data 0755 root",
                "FILE data/page.txt 0640 www-data = hello wiki", "HARDLINK data/page-copy.txt 0640 www-data -> data/page.txt",
                "SYMLINK abs 0777 root -> /var/lib/app/data"), seen.get("appdata:0"));
        assertEquals(List.of("DIRECTORY ./ 0700 root", "FILE db.dump 0640 root = DUMP"), seen.get("appdata:hook"));
    }

    @Test
    void infoYamlIsReadBackAsWritten() {
        BackupInfo info = info(List.of(new BackupSet(BackupCategory.SYSCONFIG, 0, "/etc/a \"quoted\"", true, 1, 2),
                new BackupSet(BackupCategory.APPDATA, 0, "/var/lib/ä", false, 0, 0)), null);
        String yaml = BackupInfoYaml.write(info);
        assertEquals(info, BackupInfoYaml.read(yaml, "info.yaml"));
        assertTrue(yaml.contains("appdata:\n  - path: \"/var/lib/ä\"\n    present: false"), yaml);
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        byte[] abf = sample();
        refused(Arrays.copyOf(abf, abf.length / 2), ExitCode.INVALID_INPUT, "truncated");
        refused(Arrays.copyOf(abf, abf.length - 5), ExitCode.INVALID_INPUT, "truncated");
        refused(new byte[0], ExitCode.INVALID_INPUT, "is not an appliance backup", "empty");
    }

    @Test
    void aCorruptedMemberFailsItsChecksum() throws IOException {
        byte[] abf = sample();
        RawAbf raw = RawAbf.of(abf);
        byte[] gz = raw.member(AbfFormat.APPDATA_MEMBER).clone();
        gz[gz.length / 2] ^= 0x20;
        refused(raw.put(AbfFormat.APPDATA_MEMBER, gz).bytes(), ExitCode.VERIFICATION_FAILED,
                "appdata.tar.gz does not match its SHA-256");
    }

    @Test
    void aWrongChecksumIsRefused() throws IOException {
        RawAbf raw = RawAbf.of(sample());
        String sums = new String(raw.member(AbfFormat.SHA256_MEMBER), StandardCharsets.US_ASCII);
        String first = sums.substring(0, 64);
        raw.put(AbfFormat.SHA256_MEMBER, sums.replace(first, "0".repeat(64)));
        refused(raw.bytes(), ExitCode.VERIFICATION_FAILED, "version does not match its SHA-256");
        raw.put(AbfFormat.SHA256_MEMBER, "not a checksum line\n");
        refused(raw.bytes(), ExitCode.VERIFICATION_FAILED, "sha256sums:1");
    }

    @Test
    void aSetLargerThanDeclaredIsRefused() throws IOException {
        RawAbf raw = RawAbf.of(sample());
        String info = new String(raw.member(AbfFormat.INFO_MEMBER), StandardCharsets.UTF_8);
        raw.put(AbfFormat.INFO_MEMBER, info.replace("entries: 5\n    bytes: 11", "entries: 5\n    bytes: 3")).resum();
        refused(raw.bytes(), ExitCode.INVALID_INPUT, "more than info.yaml declares", "larger than declared");
    }

    @Test
    void aMemberLargerThanItsZipHeaderDeclaresIsRefused() throws IOException {
        byte[] abf = RawAbf.of(sample()).seekable().bytes();
        // the local header of 'version' declares its sizes (no data descriptor): make it claim 1 byte
        int at = indexOf(abf, new byte[] {'P', 'K', 3, 4});
        abf[at + 22] = 1;
        abf[at + 23] = 0;
        abf[at + 24] = 0;
        abf[at + 25] = 0;
        refused(abf, ExitCode.INVALID_INPUT, "version holds 2 bytes, but its zip header declares 1",
                "larger than declared");
    }

    @Test
    void compressionBombsAreRefusedWhileStreaming() throws IOException {
        byte[] zeros = new byte[40 << 20];
        RawAbf base = RawAbf.of(sample());
        byte[] gzipBomb = new RawAbf.Tar().dir("0/").file("0/zeros", zeros, 0644).gzipLevel(Deflater.BEST_COMPRESSION)
                .gz();
        refused(base.put(AbfFormat.SYSCONFIG_MEMBER, gzipBomb).resum().bytes(),
                new AbfReader.Limits(Long.MAX_VALUE, 100, 10), ExitCode.INVALID_INPUT, "expands more than 100 times",
                "compression bomb");
        byte[] stored = new RawAbf.Tar().dir("0/").file("0/zeros", zeros, 0644).gzipLevel(Deflater.NO_COMPRESSION).gz();
        refused(RawAbf.of(sample()).put(AbfFormat.SYSCONFIG_MEMBER, stored).level(AbfFormat.SYSCONFIG_MEMBER,
                Deflater.BEST_COMPRESSION).resum().bytes(), ExitCode.INVALID_INPUT, "expands more than 10 times in the zip",
                "zip bomb");
        refused(RawAbf.of(sample()).put(AbfFormat.SYSCONFIG_MEMBER, gzipBomb).resum().bytes(),
                new AbfReader.Limits(8 << 20, 100_000, 10), ExitCode.INVALID_INPUT,
                "expands to more than 8.0 MiB");
        refused(RawAbf.of(sample()).put(AbfFormat.INFO_MEMBER, new byte[(1 << 20) + 1]).resum().bytes(),
                ExitCode.INVALID_INPUT, "info.yaml is larger than 1048576 bytes");
    }

    @Test
    void pathsOutsideTheSetsAreRefused() throws IOException {
        for (String[] c : new String[][] {
            {"0/../../../etc/passwd", "is not a clean relative path"},
            {"../etc/passwd", "lies outside every set", "'..'"},
            {"/etc/passwd", "is an absolute path"},
            {"7x/file", "lies outside every set"},
            {"hook/x", "lies outside every set"}}) {
            byte[] tar = new RawAbf.Tar().dir("0/").file(c[0], "root::0:0::/root:/bin/sh\n").gz();
            ApplianceException e = refused(RawAbf.of(sample()).put(AbfFormat.SYSCONFIG_MEMBER, tar).resum().bytes(),
                    ExitCode.INVALID_INPUT, "sysconfig.tar.gz");
            for (int i = 1; i < c.length; i++) {
                assertTrue(e.getMessage().contains(c[i]), c[0] + ": " + e.getMessage());
            }
        }
    }

    @Test
    void symlinksOutOfTheirSetAndPathsThroughThemAreRefused() throws IOException {
        Map<RawAbf.Tar, String> cases = new LinkedHashMap<>();
        cases.put(new RawAbf.Tar().dir("0/").symlink("0/etc", "../../../etc"), "points out of the set");
        cases.put(new RawAbf.Tar().dir("0/").symlink("0/shadow", "/etc/shadow"), "points out of the set /etc/app");
        cases.put(new RawAbf.Tar().dir("0/").symlink("0/up", "/etc/app/../x"), "points out of the set");
        cases.put(new RawAbf.Tar().dir("0/").symlink("0/l", "/etc").file("0/l/passwd", "x"),
                "lies below the symlink 'l'");
        cases.put(new RawAbf.Tar().dir("0/").dir("0/a/").dir("0/a/b/").symlink("0/a/b/s", "..")
                .symlink("0/t", "a/b/s/../../.."), "passes through another symlink");
        cases.put(new RawAbf.Tar().dir("0/").file("0/x", "1").file("0/x", "2"), "appears twice");
        for (Map.Entry<RawAbf.Tar, String> c : cases.entrySet()) {
            refused(RawAbf.of(sample()).put(AbfFormat.SYSCONFIG_MEMBER, c.getKey().gz()).resum().bytes(),
                    ExitCode.INVALID_INPUT, c.getValue());
        }
        // inside the set: accepted
        verify(fixCounts());
    }

    /** The sample with a sysconfig set of 5 entries and 8 bytes, but other entries (links inside the set). */
    private static byte[] fixCounts() throws IOException {
        return RawAbf.of(sample()).put(AbfFormat.SYSCONFIG_MEMBER, new RawAbf.Tar().dir("0/").dir("0/d/")
                .symlink("0/d/up", "../app.conf").symlink("0/self", "/etc/app").file("0/app.conf", "12345678").gz())
                .resum().bytes();
    }

    @Test
    void specialFilesHardLinksOutAndSetuidFilesAreRefused() throws IOException {
        Map<RawAbf.Tar, String> cases = new LinkedHashMap<>();
        cases.put(new RawAbf.Tar().dir("0/").charDevice("0/null"), "is a device file (character device 1,3)");
        cases.put(new RawAbf.Tar().dir("0/").fifo("0/pipe"), "is a FIFO");
        cases.put(new RawAbf.Tar().dir("0/").hardlink("0/shadow", "../../etc/shadow"), "outside its own set");
        cases.put(new RawAbf.Tar().dir("0/").hardlink("0/x", "0/missing"), "not a regular file earlier in the same set");
        cases.put(new RawAbf.Tar().dir("0/").file("0/sh", new byte[4], 04755), "setuid or setgid");
        for (Map.Entry<RawAbf.Tar, String> c : cases.entrySet()) {
            refused(RawAbf.of(sample()).put(AbfFormat.SYSCONFIG_MEMBER, c.getKey().gz()).resum().bytes(),
                    ExitCode.INVALID_INPUT, c.getValue());
        }
    }

    @Test
    void theStructureIsChecked() throws IOException {
        refused(RawAbf.of(sample()).put("extra", "x").resum().bytes(), ExitCode.INVALID_INPUT,
                "unexpected member 'extra'");
        refused(RawAbf.of(sample()).remove(AbfFormat.INFO_MEMBER).resum().bytes(), ExitCode.INVALID_INPUT,
                "lacks info.yaml");
        refused(RawAbf.of(sample()).put(AbfFormat.VERSION_MEMBER, "3\n").resum().bytes(), ExitCode.INVALID_INPUT,
                "format 3, newer than this vainstall reads");
        RawAbf reordered = new RawAbf();
        RawAbf s = RawAbf.of(sample());
        for (String m : List.of(AbfFormat.INFO_MEMBER, AbfFormat.VERSION_MEMBER, AbfFormat.SYSCONFIG_MEMBER,
                AbfFormat.APPDATA_MEMBER, AbfFormat.SHA256_MEMBER)) {
            reordered.put(m, s.member(m));
        }
        refused(reordered.bytes(), ExitCode.INVALID_INPUT, "does not start with its 'version' member");
        String info = new String(s.member(AbfFormat.INFO_MEMBER), StandardCharsets.UTF_8);
        refused(RawAbf.of(sample()).put(AbfFormat.INFO_MEMBER, info.replace("tool:", "tools:")).resum().bytes(),
                ExitCode.INVALID_INPUT, "info.yaml:", "unknown key 'tools'");
        refused(RawAbf.of(sample()).put(AbfFormat.SYSCONFIG_MEMBER, "not gzip".getBytes()).resum().bytes(),
                ExitCode.INVALID_INPUT, "sysconfig.tar.gz", "not gzip data");
    }

    @Test
    void theOriginalDesignsFormatIsReadWithSha1sumsAndAbsoluteNames() throws IOException {
        byte[] sys = new RawAbf.Tar().dir("/etc/").dir("/etc/app/").file("/etc/app/app.conf", "title\n").gz();
        byte[] app = new RawAbf.Tar().dir("var/lib/app/").file("var/lib/app/page.txt", "hello\n")
                .hardlink("var/lib/app/copy.txt", "var/lib/app/page.txt").gz();
        RawAbf legacy = new RawAbf().put("version", "1\n").put("info.yaml", "name: test-appliance\nversion: 0.9-1\n")
                .put(AbfFormat.SYSCONFIG_MEMBER, sys).put(AbfFormat.APPDATA_MEMBER, app).put(AbfFormat.SHA1_MEMBER, "")
                .resum();
        Path p = save(legacy.bytes());
        AbfReader.SetLayout layout = new AbfReader.SetLayout(List.of("/etc/app"), List.of("/var/lib/app", "/srv/m"));
        VerifiedBackup v = new AbfReader(BackupFile.open(p, null), AbfReader.Limits.defaults(), l -> { }, CLOCK)
                .verify(layout);
        assertEquals(AbfFormat.LEGACY_VERSION, v.format());
        assertEquals("test-appliance", v.info().appliance());
        assertEquals("0.9-1", v.info().version());
        assertEquals(List.of(new BackupSet(BackupCategory.SYSCONFIG, 0, "/etc/app", true, 2, 6),
                new BackupSet(BackupCategory.APPDATA, 0, "/var/lib/app", true, 3, 6),
                new BackupSet(BackupCategory.APPDATA, 1, "/srv/m", false, 0, 0)), v.info().sets());
        new AbfReader(BackupFile.open(p, null), AbfReader.Limits.defaults(), l -> { }, CLOCK).verify(null);

        RawAbf outside = RawAbf.of(legacy.bytes()).put(AbfFormat.SYSCONFIG_MEMBER,
                new RawAbf.Tar().file("/etc/shadow", "x").gz()).resum();
        ApplianceException e = assertThrows(ApplianceException.class, () -> new AbfReader(BackupFile.open(
                save(outside.bytes()), null), AbfReader.Limits.defaults(), l -> { }, CLOCK).verify(layout));
        assertTrue(e.getMessage().contains("/etc/shadow lies outside every sysconfig set"), e.getMessage());

        RawAbf tampered = RawAbf.of(legacy.bytes()).put(AbfFormat.INFO_MEMBER, "name: other\nversion: 1\n");
        ApplianceException t = assertThrows(ApplianceException.class, () -> new AbfReader(BackupFile.open(
                save(tampered.bytes()), null), AbfReader.Limits.defaults(), l -> { }, CLOCK).verify(layout));
        assertEquals(ExitCode.VERIFICATION_FAILED, t.exitCode());
        assertTrue(t.getMessage().contains("info.yaml does not match its SHA-1 in sha1sums"), t.getMessage());
    }

    @Test
    void aFileThatChangesBetweenThePassesIsCaughtBeforeTheEnd() throws IOException {
        byte[] abf = sample();
        Path p = save(abf);
        VerifiedBackup v = new AbfReader(BackupFile.open(p, null), AbfReader.Limits.defaults(), l -> { }, CLOCK)
                .verify(null);
        RawAbf raw = RawAbf.of(abf);
        byte[] other = new RawAbf.Tar().dir("0/").file("0/app.conf", "TITLE\n").file("0/b", "xy").gz();
        Files.write(p, raw.put(AbfFormat.SYSCONFIG_MEMBER, other).resum().bytes());
        ApplianceException e = assertThrows(ApplianceException.class, () -> new AbfReader(BackupFile.open(p, null),
                AbfReader.Limits.defaults(), l -> { }, CLOCK).extract(v, null, (c, g, entries) -> {
                    while (entries.next() != null) {
                        entries.data().readAllBytes();
                    }
                }));
        assertTrue(e.getMessage().contains("changed between checking it and restoring it")
                || e.getMessage().contains("more than info.yaml declares"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
