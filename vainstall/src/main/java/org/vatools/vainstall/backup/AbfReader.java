package org.vatools.vainstall.backup;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;

/**
 * Reads an Appliance Backup File in two passes over the same stream format, so a backup as large
 * as the disk needs neither memory nor a temporary copy, and an encrypted one is never decrypted
 * to disk:
 * <ol>
 * <li>{@link #verify} touches nothing. It reads every member, computes its SHA-256 (and SHA-1),
 *     decompresses the tar members and checks every entry ({@link EntryRules}), bounds every
 *     layer (zip and gzip ratios, a total the caller sets, fixed caps for the small members),
 *     then compares the checksums with sha256sums (or the original design's sha1sums), and the
 *     entries with what info.yaml declares. Integrity comes first: when a member's checksum does
 *     not match, that is the error reported, whatever else reading it found.</li>
 * <li>{@link #extract} reads again and hands each set's entries to a {@link GroupSink}, checking
 *     the same rules again and holding every set to the sizes the first pass verified; at each
 *     member's end its SHA-256 must be the one the first pass saw, so a file that changed in
 *     between fails before anything is swapped in.</li>
 * </ol>
 */
public final class AbfReader {
    private static final Pattern SET_GROUP = Pattern.compile("0|[1-9][0-9]{0,3}");
    private static final long RATIO_GRACE = 1 << 20;
    private static final Set<String> KNOWN = Set.of(AbfFormat.VERSION_MEMBER, AbfFormat.INFO_MEMBER,
            AbfFormat.SYSCONFIG_MEMBER, AbfFormat.APPDATA_MEMBER, AbfFormat.SHA256_MEMBER, AbfFormat.SHA1_MEMBER);

    /**
     * Bounds on what reading may expand to.
     *
     * @param maxExpandedBytes the most the tar members may expand to, together (a restore passes
     *                         the free space of the target; verifying alone has no bound but the ratios)
     * @param gzipRatio        the most a tar member's gzip layer may expand (bytes out per byte in)
     * @param zipRatio         the most a zip member may expand
     */
    public record Limits(long maxExpandedBytes, int gzipRatio, int zipRatio) {
        public static Limits defaults() {
            return new Limits(Long.MAX_VALUE, 1000, 10);
        }

        public Limits withMaxExpandedBytes(long max) {
            return new Limits(max, gzipRatio, zipRatio);
        }
    }

    /** For backups of the original design (format 1): the set folders of the installed appliance. */
    public record SetLayout(List<String> sysconfig, List<String> appdata) {
        public SetLayout {
            sysconfig = List.copyOf(sysconfig);
            appdata = List.copyOf(appdata);
        }

        List<String> of(BackupCategory c) {
            return c == BackupCategory.SYSCONFIG ? sysconfig : appdata;
        }
    }

    private final BackupFile file;
    private final Limits limits;
    private final Consumer<String> progress;
    private final Clock clock;

    public AbfReader(BackupFile file, Limits limits, Consumer<String> progress, Clock clock) {
        this.file = file;
        this.limits = limits;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * The first pass: every check, nothing touched.
     *
     * @param legacyLayout where a format-1 backup's entries belong (the installed appliance's
     *                     sets), or null: then its entries are only checked for safety
     * @throws ApplianceException VERIFICATION_FAILED (a checksum; an encrypted file's integrity),
     *         INVALID_INPUT (structure, a refused entry, a bomb, sizes other than declared)
     */
    public VerifiedBackup verify(SetLayout legacyLayout) {
        Pass p = new Pass(null, legacyLayout, null);
        p.run();
        return p.verified();
    }

    /**
     * The second pass: streams each group's entries to {@code sink}.
     *
     * @param verified what {@link #verify} returned for this file
     */
    public void extract(VerifiedBackup verified, SetLayout legacyLayout, GroupSink sink) {
        Pass p = new Pass(verified, legacyLayout, sink);
        p.run();
        p.checkSecondPass();
    }

    private String where() {
        return file.path().toString();
    }

    private ApplianceException invalid(String message) {
        return new ApplianceException(ExitCode.INVALID_INPUT, where() + ": " + message);
    }

    /** One read of the file. */
    private final class Pass {
        private final VerifiedBackup expected;
        private final SetLayout layout;
        private final GroupSink sink;
        private final Map<String, String> sha256 = new LinkedHashMap<>();
        private final Map<String, String> sha1 = new LinkedHashMap<>();
        private final Map<String, byte[]> small = new LinkedHashMap<>();
        private final Map<String, Exception> deferred = new LinkedHashMap<>();
        private final Map<BackupCategory, Map<String, EntryRules>> rules = new LinkedHashMap<>();
        private int format;
        private long expanded;
        private String fileSha256;
        private Progress fileProgress;

        Pass(VerifiedBackup expected, SetLayout layout, GroupSink sink) {
            this.expected = expected;
            this.layout = layout;
            this.sink = sink;
            for (BackupCategory c : BackupCategory.values()) {
                rules.put(c, new LinkedHashMap<>());
            }
        }

        boolean extracting() {
            return expected != null;
        }

        void run() {
            fileProgress = new Progress(extracting() ? l -> { } : progress, clock, "checking "
                    + file.path().getFileName(), file.size());
            try (BackupFile.Reading reading = file.open()) {
                ZipArchiveInputStream zip = new ZipArchiveInputStream(reading.content(), "UTF-8", false, true);
                ZipArchiveEntry z;
                boolean first = true;
                while ((z = zip.getNextEntry()) != null) {
                    member(zip, z, first, reading);
                    first = false;
                }
                fileSha256 = reading.finish();
            } catch (EOFException e) {
                throw invalid("is truncated: it ends inside the archive (" + e.getMessage() + ")");
            } catch (IOException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("Truncated") || m.contains("Unexpected end") || m.contains("unexpected end")) {
                    throw invalid("is truncated: it ends inside the archive (" + m + ")");
                }
                throw invalid("is not a readable zip archive: " + m);
            } catch (RuntimeException e) {
                throw e;
            }
            fileProgress.done();
        }

        private void member(ZipArchiveInputStream zip, ZipArchiveEntry z, boolean first, BackupFile.Reading reading)
                throws IOException {
            String name = z.getName();
            if (!KNOWN.contains(name) || z.isDirectory()) {
                throw invalid("holds the unexpected member '" + name + "'; an appliance backup holds "
                        + String.join(", ", AbfFormat.MEMBERS) + " (or sha1sums) and nothing else");
            }
            if (sha256.containsKey(name)) {
                throw invalid("holds the member " + name + " twice");
            }
            if (first != name.equals(AbfFormat.VERSION_MEMBER)) {
                throw invalid("does not start with its 'version' member (it starts with '" + (first ? name
                        : AbfFormat.VERSION_MEMBER) + "')");
            }
            DigestingStream content = new DigestingStream(new ZipRatioGuard(zip, name, reading, fileProgress), "SHA-256",
                    "SHA-1");
            switch (name) {
                case AbfFormat.VERSION_MEMBER -> {
                    small.put(name, bounded(content, AbfFormat.MAX_VERSION_BYTES, name));
                    format = parseVersion(small.get(name));
                }
                case AbfFormat.INFO_MEMBER -> small.put(name, bounded(content, AbfFormat.MAX_INFO_BYTES, name));
                case AbfFormat.SHA256_MEMBER, AbfFormat.SHA1_MEMBER -> small.put(name, bounded(content,
                        AbfFormat.MAX_SUMS_BYTES, name));
                default -> tarMember(BackupCategory.ofMember(name), content);
            }
            content.transferTo(OutputStream.nullOutputStream());
            if (z.getSize() >= 0 && content.count() != z.getSize()) {
                throw invalid(name + " holds " + content.count() + " bytes, but its zip header declares " + z.getSize()
                        + (content.count() > z.getSize() ? " (a member larger than declared)" : ""));
            }
            sha256.put(name, content.hex());
            sha1.put(name, content.secondHex());
        }

        private byte[] bounded(InputStream in, int max, String name) throws IOException {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw invalid(name + " is larger than " + max + " bytes; it cannot be a backup's " + name);
            }
            return b;
        }

        private int parseVersion(byte[] content) {
            String v = new String(content, StandardCharsets.US_ASCII).strip();
            if (v.equals(Integer.toString(AbfFormat.VERSION))) {
                return AbfFormat.VERSION;
            }
            if (v.equals(Integer.toString(AbfFormat.LEGACY_VERSION))) {
                return AbfFormat.LEGACY_VERSION;
            }
            if (v.matches("[0-9]{1,6}")) {
                throw invalid("is a backup of format " + v + ", newer than this vainstall reads ("
                        + AbfFormat.VERSION + "); upgrade vainstall");
            }
            throw invalid("its 'version' member holds '" + abbreviate(v) + "', not a format number");
        }

        private void tarMember(BackupCategory category, DigestingStream content) throws IOException {
            try {
                readTar(category, content);
            } catch (ApplianceException | IOException e) {
                if (extracting()) {
                    throw e instanceof IOException io ? invalid(category.member() + " cannot be read: "
                            + io.getMessage()) : (ApplianceException) e;
                }
                // integrity first: the checksum decides, once the member has been read to its end
                deferred.put(category.member(), e);
            }
        }

        private void readTar(BackupCategory category, InputStream content) throws IOException {
            Counting compressed = new Counting(content);
            InputStream gz;
            try {
                gz = new GZIPInputStream(compressed, 1 << 16);
            } catch (IOException e) {
                throw new IOException(category.member() + " is not gzip data (" + e.getMessage() + ")", e);
            }
            Counting tarBytes = new Counting(gz) {
                @Override
                void counted(long n) {
                    expanded += n;
                    if (count() > RATIO_GRACE && count() > (long) limits.gzipRatio() * Math.max(1, compressed.count())) {
                        throw invalid(category.member() + " expands more than " + limits.gzipRatio() + " times ("
                                + compressed.count() + " bytes became " + count() + "): a compression bomb, refused");
                    }
                    if (expanded > limits.maxExpandedBytes()) {
                        throw invalid("expands to more than " + Sizes.human(limits.maxExpandedBytes())
                                + ", the space free on the target: refused before it fills the disk");
                    }
                }
            };
            TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes, "UTF-8");
            Cursor cursor = new Cursor(category, tar);
            Set<String> done = new LinkedHashSet<>();
            String group;
            while ((group = cursor.peekGroup()) != null) {
                if (!done.add(group)) {
                    throw invalid(category.member() + ": the entries of " + label(category, group)
                            + " are not together (they appear again after another set's)");
                }
                EntryRules r = new EntryRules(category.member() + ": " + label(category, group));
                GroupEntries entries = new GroupEntries(cursor, category, group, r, limitFor(category, group));
                if (extracting()) {
                    sink.group(category, group, entries);
                }
                entries.drain();
                rules.get(category).put(group, r);
            }
            tarBytes.transferTo(OutputStream.nullOutputStream());
        }

        /** Declared entries and bytes of a group, which the second pass must not exceed. */
        private long[] limitFor(BackupCategory category, String group) {
            if (!extracting()) {
                return null;
            }
            BackupInfo info = expected.info();
            if (group.equals(AbfFormat.HOOK_GROUP)) {
                HookData h = info.hookData();
                return h == null ? new long[] {0, 0} : new long[] {h.entries(), h.bytes()};
            }
            int index = Integer.parseInt(group);
            List<BackupSet> sets = info.sets(category);
            if (index >= sets.size()) {
                return new long[] {0, 0};
            }
            return new long[] {sets.get(index).entries(), sets.get(index).bytes()};
        }

        private String label(BackupCategory category, String group) {
            if (group.equals(AbfFormat.HOOK_GROUP)) {
                return "hook data (hook/)";
            }
            if (format == AbfFormat.LEGACY_VERSION) {
                return layout == null ? "/" : layout.of(category).get(Integer.parseInt(group));
            }
            if (extracting()) {
                List<BackupSet> sets = expected.info().sets(category);
                int index = Integer.parseInt(group);
                if (index < sets.size()) {
                    return sets.get(index).path();
                }
            }
            return "set " + group + "/";
        }

        /** Where a tar entry belongs: its group and its path in it, or a refusal. */
        Named name(BackupCategory category, TarArchiveEntry t) {
            String raw = t.getName();
            String where = category.member() + ": " + raw;
            if (raw.indexOf('\0') >= 0 || raw.isEmpty()) {
                throw invalid(where + " has an empty name or one with a NUL byte");
            }
            if (format == AbfFormat.LEGACY_VERSION) {
                return legacyName(category, t, raw, where);
            }
            if (raw.startsWith("/")) {
                throw invalid(where + " is an absolute path; entries are named relative to their set");
            }
            String name = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
            int slash = name.indexOf('/');
            String group = slash < 0 ? name : name.substring(0, slash);
            String rel = slash < 0 ? "" : name.substring(slash + 1);
            boolean hook = group.equals(AbfFormat.HOOK_GROUP) && category == BackupCategory.APPDATA;
            if (!hook && !SET_GROUP.matcher(group).matches()) {
                throw invalid(where + " lies outside every set: names start with a set number"
                        + (category == BackupCategory.APPDATA ? " or hook/" : "") + ", and '" + group + "' is neither"
                        + (group.equals("..") ? " (a path with '..')" : ""));
            }
            String link = null;
            if (t.isLink()) {
                String ln = t.getLinkName();
                if (ln == null || !ln.startsWith(group + "/")) {
                    throw invalid(where + " is a hard link to '" + ln + "', outside its own set");
                }
                link = ln.substring(group.length() + 1);
            }
            return new Named(group, rel, link, where);
        }

        private Named legacyName(BackupCategory category, TarArchiveEntry t, String raw, String where) {
            String abs = absolute(raw);
            if (abs == null) {
                throw invalid(where + " is not a clean path (empty, '.' or '..' segments)");
            }
            String link = null;
            if (layout == null) {
                if (t.isLink()) {
                    String target = absolute(t.getLinkName());
                    if (target == null) {
                        throw invalid(where + " is a hard link to '" + t.getLinkName() + "', not a clean path");
                    }
                    link = target.substring(1);
                }
                return new Named("0", abs.equals("/") ? "" : abs.substring(1), link, where);
            }
            List<String> sets = layout.of(category);
            for (int i = 0; i < sets.size(); i++) {
                String set = sets.get(i);
                if (abs.equals(set) || abs.startsWith(set + "/")) {
                    String rel = abs.equals(set) ? "" : abs.substring(set.length() + 1);
                    if (t.isLink()) {
                        String target = absolute(t.getLinkName());
                        if (target == null || !target.startsWith(set + "/")) {
                            throw invalid(where + " is a hard link to '" + t.getLinkName() + "', outside its own set");
                        }
                        link = target.substring(set.length() + 1);
                    }
                    return new Named(Integer.toString(i), rel, link, where);
                }
                if (t.isDirectory() && (set + "/").startsWith(abs.equals("/") ? "/" : abs + "/")) {
                    return null; // a parent folder of a set: not restored
                }
            }
            throw invalid(where + " lies outside every " + category.key() + " set of the installed appliance ("
                    + String.join(", ", sets) + ")");
        }

        /** "/etc/x", "etc/x", "./etc/x/" as "/etc/x"; null when not clean. */
        private String absolute(String raw) {
            String s = raw;
            if (s.startsWith("./")) {
                s = s.substring(2);
            }
            while (s.startsWith("/")) {
                s = s.substring(1);
            }
            if (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.isEmpty() || s.equals(".")) {
                return "/";
            }
            return EntryRules.isCleanRelative(s) ? "/" + s : null;
        }

        void checkSecondPass() {
            for (Map.Entry<String, String> m : expected.memberSha256().entrySet()) {
                String now = sha256.get(m.getKey());
                if (!m.getValue().equals(now)) {
                    throw new ApplianceException(ExitCode.VERIFICATION_FAILED, where() + ": " + m.getKey()
                            + " changed between checking it and restoring it (SHA-256 " + now + ", was " + m.getValue()
                            + "); nothing was swapped in");
                }
            }
            finishRules(expected.info());
            compareWithDeclared(expected.info());
        }

        VerifiedBackup verified() {
            List<String> missing = new ArrayList<>();
            for (String m : List.of(AbfFormat.VERSION_MEMBER, AbfFormat.SYSCONFIG_MEMBER, AbfFormat.APPDATA_MEMBER,
                    AbfFormat.INFO_MEMBER)) {
                if (!sha256.containsKey(m)) {
                    missing.add(m);
                }
            }
            boolean has256 = small.containsKey(AbfFormat.SHA256_MEMBER);
            boolean has1 = small.containsKey(AbfFormat.SHA1_MEMBER);
            if (!has256 && !(has1 && format == AbfFormat.LEGACY_VERSION)) {
                missing.add(format == AbfFormat.LEGACY_VERSION ? "sha1sums or sha256sums" : AbfFormat.SHA256_MEMBER);
            }
            if (!missing.isEmpty()) {
                throw invalid("lacks " + String.join(", ", missing) + "; the file is incomplete or not an appliance"
                        + " backup");
            }
            checkSums(has256);
            if (!deferred.isEmpty()) {
                Exception e = deferred.values().iterator().next();
                String member = deferred.keySet().iterator().next();
                if (e instanceof ApplianceException a) {
                    throw new ApplianceException(a.exitCode(), a.getMessage().startsWith(where()) ? a.getMessage()
                            : where() + ": " + a.getMessage(), a);
                }
                throw invalid(member + " cannot be read: " + e.getMessage());
            }
            BackupInfo info = info();
            finishRules(info);
            compareWithDeclared(info);
            Set<String> users = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (Map<String, EntryRules> m : rules.values()) {
                for (EntryRules r : m.values()) {
                    users.addAll(r.users());
                    groups.addAll(r.groups());
                }
            }
            Map<String, String> digests = new LinkedHashMap<>(sha256);
            return new VerifiedBackup(format, info, digests, fileSha256, file.size(), file.encrypted(), users, groups);
        }

        private void checkSums(boolean use256) {
            String sumsMember = use256 ? AbfFormat.SHA256_MEMBER : AbfFormat.SHA1_MEMBER;
            Map<String, String> listed;
            try {
                listed = Checksums.read(small.get(sumsMember), where() + "!" + sumsMember, use256 ? 64 : 40);
            } catch (InvalidInputException e) {
                throw new ApplianceException(ExitCode.VERIFICATION_FAILED, e.getMessage()
                        + "\nThe checksums cannot be read, so the backup cannot be trusted", e);
            }
            Map<String, String> actual = use256 ? sha256 : sha1;
            List<String> problems = new ArrayList<>();
            for (String m : actual.keySet()) {
                if (m.equals(AbfFormat.SHA256_MEMBER) || m.equals(AbfFormat.SHA1_MEMBER)) {
                    continue;
                }
                String want = listed.get(m);
                if (want == null) {
                    problems.add(m + " is not listed in " + sumsMember);
                } else if (!want.equals(actual.get(m))) {
                    problems.add(m + " does not match its " + (use256 ? "SHA-256" : "SHA-1") + " in " + sumsMember
                            + " (listed " + want + ", computed " + actual.get(m) + ")"
                            + (deferred.containsKey(m) ? "; reading it also failed: " + deferred.get(m).getMessage()
                                : ""));
                }
            }
            for (String m : listed.keySet()) {
                if (!actual.containsKey(m)) {
                    problems.add(sumsMember + " lists " + m + ", which the file does not hold");
                }
            }
            if (!problems.isEmpty()) {
                throw new ApplianceException(ExitCode.VERIFICATION_FAILED, where() + ": " + String.join("; ", problems)
                        + ". The file was changed or damaged after it was written; nothing was restored from it");
            }
        }

        private BackupInfo info() {
            String text = new String(small.get(AbfFormat.INFO_MEMBER), StandardCharsets.UTF_8);
            String source = where() + "!" + AbfFormat.INFO_MEMBER;
            if (format == AbfFormat.VERSION) {
                return BackupInfoYaml.read(text, source);
            }
            BackupInfoYaml.Legacy legacy = BackupInfoYaml.readLegacy(text, source);
            List<BackupSet> sets = new ArrayList<>();
            for (BackupCategory c : BackupCategory.values()) {
                List<String> paths = layout == null ? List.of() : layout.of(c);
                for (int i = 0; i < paths.size(); i++) {
                    EntryRules r = rules.get(c).get(Integer.toString(i));
                    sets.add(new BackupSet(c, i, paths.get(i), r != null, r == null ? 0 : r.entries(),
                            r == null ? 0 : r.bytes()));
                }
            }
            return new BackupInfo(legacy.name(), legacy.version(), null, Instant.EPOCH, "(format 1)",
                    new HostSummary("", "", "", "", "", ""), sets, null, List.of());
        }

        private void finishRules(BackupInfo info) {
            for (Map.Entry<BackupCategory, Map<String, EntryRules>> c : rules.entrySet()) {
                for (Map.Entry<String, EntryRules> g : c.getValue().entrySet()) {
                    String root = null;
                    if (!g.getKey().equals(AbfFormat.HOOK_GROUP)) {
                        int index = Integer.parseInt(g.getKey());
                        List<BackupSet> sets = info.sets(c.getKey());
                        root = format == AbfFormat.LEGACY_VERSION && layout == null ? "/"
                                : index < sets.size() ? sets.get(index).path() : null;
                    }
                    try {
                        g.getValue().finish(root);
                    } catch (ApplianceException e) {
                        throw new ApplianceException(e.exitCode(), where() + ": " + e.getMessage(), e);
                    }
                }
            }
        }

        /** Every group is a declared set or declared hook data, and holds exactly what info.yaml declares. */
        private void compareWithDeclared(BackupInfo info) {
            if (format == AbfFormat.LEGACY_VERSION) {
                return; // format 1 declares nothing: the sets were made from the counts
            }
            for (BackupCategory c : BackupCategory.values()) {
                Map<String, EntryRules> seen = rules.get(c);
                List<BackupSet> sets = info.sets(c);
                for (String g : seen.keySet()) {
                    if (g.equals(AbfFormat.HOOK_GROUP)) {
                        if (info.hookData() == null) {
                            throw invalid(c.member() + " holds hook data (hook/), but info.yaml declares none");
                        }
                        continue;
                    }
                    int i = Integer.parseInt(g);
                    if (i >= sets.size() || !sets.get(i).present()) {
                        throw invalid(c.member() + " holds entries under " + g + "/, but info.yaml declares no such "
                                + c.key() + " set" + (i < sets.size() ? " (" + sets.get(i).path() + " is declared absent)"
                                : ""));
                    }
                }
                for (BackupSet s : sets) {
                    EntryRules r = seen.get(s.group());
                    compare(c, s.path(), s.present() ? s.entries() : 0, s.present() ? s.bytes() : 0,
                            r == null ? 0 : r.entries(), r == null ? 0 : r.bytes());
                }
                if (c == BackupCategory.APPDATA && info.hookData() != null) {
                    EntryRules r = seen.get(AbfFormat.HOOK_GROUP);
                    compare(c, "hook data", info.hookData().entries(), info.hookData().bytes(),
                            r == null ? 0 : r.entries(), r == null ? 0 : r.bytes());
                }
            }
        }

        private void compare(BackupCategory c, String what, long declaredEntries, long declaredBytes, long entries,
                             long bytes) {
            if (entries > declaredEntries || bytes > declaredBytes) {
                throw invalid(c.member() + ": " + what + " holds " + entries + " entries and " + bytes + " bytes, more"
                        + " than info.yaml declares (" + declaredEntries + " entries, " + declaredBytes + " bytes):"
                        + " a member larger than declared, refused");
            }
            if (entries != declaredEntries || bytes != declaredBytes) {
                throw invalid(c.member() + ": " + what + " holds " + entries + " entries and " + bytes + " bytes, but"
                        + " info.yaml declares " + declaredEntries + " entries and " + declaredBytes + " bytes");
            }
        }

        /** The tar entries of one member with one entry of lookahead, named by group. */
        private final class Cursor {
            private final BackupCategory category;
            private final TarArchiveInputStream tar;
            private TarArchiveEntry next;
            private Named nextName;
            private boolean ended;

            Cursor(BackupCategory category, TarArchiveInputStream tar) {
                this.category = category;
                this.tar = tar;
            }

            String peekGroup() throws IOException {
                fill();
                return next == null ? null : nextName.group();
            }

            private void fill() throws IOException {
                while (next == null && !ended) {
                    TarArchiveEntry t = tar.getNextEntry();
                    if (t == null) {
                        ended = true;
                        return;
                    }
                    Named n = name(category, t);
                    if (n == null) {
                        continue;
                    }
                    next = t;
                    nextName = n;
                }
            }
        }

        /** One group's entries, checked as they are handed out. */
        private final class GroupEntries implements GroupSink.Entries {
            private final Cursor cursor;
            private final String group;
            private final EntryRules rules;
            private final long[] limit;
            private final Progress progress;
            private InputStream data = InputStream.nullInputStream();

            GroupEntries(Cursor cursor, BackupCategory category, String group, EntryRules rules, long[] limit) {
                this.cursor = cursor;
                this.group = group;
                this.rules = rules;
                this.limit = limit;
                this.progress = new Progress(extracting() ? AbfReader.this.progress : l -> { }, clock,
                        "  " + label(category, group), limit == null ? -1 : limit[1]);
            }

            @Override
            public BackupEntry next() throws IOException {
                data.transferTo(OutputStream.nullOutputStream());
                if (!group.equals(cursor.peekGroup())) {
                    progress.done();
                    return null;
                }
                TarArchiveEntry t = cursor.next;
                Named n = cursor.nextName;
                cursor.next = null;
                cursor.nextName = null;
                BackupEntry e;
                try {
                    e = TarEntries.fromTar(t, n.rel(), n.link(), n.where());
                } catch (ApplianceException x) {
                    throw invalid(x.getMessage());
                }
                if (limit != null && (rules.entries() + 1 > limit[0] || rules.bytes() + e.size() > limit[1])) {
                    throw invalid(n.where() + ": the set holds more than info.yaml declares (" + limit[0]
                            + " entries, " + limit[1] + " bytes): a member larger than declared, refused");
                }
                rules.accept(e);
                progress.advance(e.size(), 1);
                data = e.type() == BackupEntry.Type.FILE ? new Exact(cursor.tar, e.size(), n.where())
                        : InputStream.nullInputStream();
                return e;
            }

            @Override
            public InputStream data() {
                return data;
            }

            void drain() throws IOException {
                while (next() != null) {
                    // reads and checks what the sink left
                }
            }
        }
    }

    /** An entry's group and its path in it; {@code where} names it in messages. */
    private record Named(String group, String rel, String link, String where) {
    }

    /** Counts what is read through it and calls {@link #counted} after each read. */
    private static class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        long count() {
            return count;
        }

        void counted(long n) {
        }
    }

    /** The content of one tar entry: exactly its declared size, never more. */
    private static final class Exact extends FilterInputStream {
        private long left;
        private final String where;

        Exact(InputStream tar, long size, String where) {
            super(tar);
            this.left = size;
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException(where + " ends " + left + " bytes before its declared size");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }
    }

    /** Bounds how far one zip member may expand, and advances the file's progress. */
    private final class ZipRatioGuard extends FilterInputStream {
        private final ZipArchiveInputStream zip;
        private final String member;
        private final BackupFile.Reading reading;
        private final boolean tar;
        private final Progress fileProgress;
        private long count;

        ZipRatioGuard(ZipArchiveInputStream zip, String member, BackupFile.Reading reading, Progress fileProgress) {
            super(zip);
            this.fileProgress = fileProgress;
            this.zip = zip;
            this.member = member;
            this.reading = reading;
            this.tar = member.endsWith(".tar.gz");
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                fileProgress.at(reading.fileBytesRead());
                long compressed = Math.max(1, zip.getCompressedCount());
                // the tar members hold gzip data, which does not deflate again; the small members
                // are text, bounded by their fixed caps instead
                if (tar && count > RATIO_GRACE && count > (long) limits.zipRatio() * compressed) {
                    throw invalid(member + " expands more than " + limits.zipRatio() + " times in the zip ("
                            + compressed + " bytes became " + count + "): a zip bomb, refused");
                }
            }
            return n;
        }

        @Override
        public void close() {
            // the zip stream stays open for the next member
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
