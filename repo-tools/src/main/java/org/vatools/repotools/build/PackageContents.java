package org.vatools.repotools.build;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.ChangelogEntry;
import org.vatools.core.descriptor.ExtraFile;
import org.vatools.core.descriptor.Family;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.repotools.build.PackageEntry.Directory;
import org.vatools.repotools.build.PackageEntry.RegularFile;
import org.vatools.repotools.build.PackageEntry.Role;

/**
 * What an appliance package installs, independent of the package format: files with content,
 * mode and conffile flag, and every directory they need (all owned by root:root). Entries are
 * sorted by path, parents before children, so writers that follow this order are reproducible.
 *
 * <p>The plan (docs/reference/package-layout.md):
 * <pre>
 * /usr/share/virtual-appliance/NAME/appliance.yaml   0644  the descriptor as written
 * /usr/share/virtual-appliance/NAME/NAME.seed        0644  the debconf seed (if any)
 * /usr/libexec/virtual-appliance/NAME/HOOK           0755  backup hooks (pre-backup, post-restore, migrate)
 * /usr/share/doc/NAME/copyright                      0644  DEP-5, rpm %license
 * /usr/share/doc/NAME/changelog.Debian.gz            0644  .deb only (rpm has changelog tags)
 * /usr/share/lintian/overrides/NAME                  0644  .deb only, first release only (see LintianOverrides)
 * the descriptor's files                             their mode; conffiles as declared
 * </pre>
 */
public record PackageContents(List<Directory> directories, List<RegularFile> files) {
    public static final String CHANGELOG_DEBIAN = "changelog.Debian.gz";

    public PackageContents {
        directories = directories.stream().sorted(Comparator.comparing(Directory::path)).toList();
        files = files.stream().sorted(Comparator.comparing(RegularFile::path)).toList();
        Set<String> dirs = new TreeSet<>();
        for (Directory d : directories) {
            if (!dirs.add(d.path())) {
                throw new IllegalArgumentException("directory listed twice: " + d.path());
            }
        }
        Set<String> seen = new TreeSet<>();
        for (RegularFile f : files) {
            if (!seen.add(f.path()) || dirs.contains(f.path())) {
                throw new IllegalArgumentException("path installed twice: " + f.path());
            }
            String parent = parent(f.path());
            if (!dirs.contains(parent)) {
                throw new IllegalArgumentException("no directory entry for " + parent + " (parent of " + f.path() + ")");
            }
        }
        for (Directory d : directories) {
            if (!d.path().equals("/") && !dirs.contains(parent(d.path()))) {
                throw new IllegalArgumentException("no directory entry for the parent of " + d.path());
            }
        }
    }

    /**
     * Plans the package of {@code appliance} for {@code family}.
     *
     * @param buildTime dates the changelog entry made up for an appliance without changelog, and
     *                  the copyright year in that case
     */
    public static PackageContents plan(Appliance appliance, ApplianceSources sources, Family family,
                                       Instant buildTime) {
        String name = appliance.name();
        Map<String, RegularFile> files = new TreeMap<>();
        Set<String> owned = new TreeSet<>();

        String share = PackageLayout.SHARE_ROOT + "/" + name;
        owned.add(PackageLayout.SHARE_ROOT);
        owned.add(share);
        put(files, new RegularFile(PackageLayout.descriptorPath(name), 0644, sources.descriptor(), false, Role.PLAIN));
        if (sources.seed() != null) {
            put(files, new RegularFile(PackageLayout.seedPath(name), 0644, sources.seed(), false, Role.PLAIN));
        }

        Map<String, byte[]> hooks = sources.hooks();
        if (!hooks.isEmpty()) {
            owned.add(PackageLayout.LIBEXEC_ROOT);
            owned.add(PackageLayout.LIBEXEC_ROOT + "/" + name);
            hooks.forEach((hook, content) ->
                    put(files, new RegularFile(PackageLayout.hookPath(name, hook), 0755, content, false, Role.PLAIN)));
        }

        String doc = "/usr/share/doc/" + name;
        owned.add(doc);
        List<ChangelogEntry> changelog = changelog(appliance, buildTime);
        put(files, new RegularFile(doc + "/copyright", 0644, CopyrightFile.text(name, appliance.maintainer(),
                appliance.license(), years(changelog)).getBytes(StandardCharsets.UTF_8), false, Role.LICENSE));
        if (family == Family.DEB) {
            put(files, new RegularFile(doc + "/" + CHANGELOG_DEBIAN, 0644,
                    DebianChangelog.gzipped(name, appliance.maintainer(), changelog), false, Role.DOC));
            LintianOverrides.forPackage(name, changelog).ifPresent(text -> put(files, new RegularFile(
                    LintianOverrides.path(name), 0644, text.getBytes(StandardCharsets.UTF_8), false, Role.PLAIN)));
        }

        List<ExtraFile> extra = appliance.files();
        List<byte[]> extraContent = sources.extraFiles();
        for (int i = 0; i < extra.size(); i++) {
            ExtraFile f = extra.get(i);
            if (f.families().contains(family)) {
                put(files, new RegularFile(f.target(), f.mode(), extraContent.get(i), f.config(), Role.PLAIN));
            }
        }

        Set<String> allDirs = new TreeSet<>(owned);
        for (String path : files.keySet()) {
            for (String p = parent(path); !p.equals("/"); p = parent(p)) {
                allDirs.add(p);
            }
        }
        for (String d : owned) {
            for (String p = parent(d); !p.equals("/"); p = parent(p)) {
                allDirs.add(p);
            }
        }
        allDirs.add("/");
        for (String path : files.keySet()) {
            if (allDirs.contains(path)) {
                throw new InvalidInputException(Problem.inFile(appliance.descriptorFile().toString(), "files: '"
                        + path + "' is installed as a file and is also the folder of another file; change one target"));
            }
        }
        List<Directory> directories = new ArrayList<>();
        for (String d : allDirs) {
            directories.add(new Directory(d, 0755, owned.contains(d)));
        }
        return new PackageContents(directories, new ArrayList<>(files.values()));
    }

    /**
     * The changelog the package carries: the descriptor's entries, or one entry for the current
     * version dated {@code buildTime} when the descriptor has none.
     */
    public static List<ChangelogEntry> changelog(Appliance appliance, Instant buildTime) {
        if (!appliance.changelog().isEmpty()) {
            return appliance.changelog();
        }
        return List.of(new ChangelogEntry(appliance.version().debian(), buildTime,
                List.of("Built from appliance.yaml, which has no changelog entries.")));
    }

    public List<RegularFile> conffiles() {
        return files.stream().filter(RegularFile::conffile).toList();
    }

    /** Directories that belong to the appliance (an .rpm lists only these). */
    public List<Directory> ownedDirectories() {
        return directories.stream().filter(Directory::owned).toList();
    }

    /** Sum of file sizes in bytes. */
    public long size() {
        return files.stream().mapToLong(RegularFile::size).sum();
    }

    /** Every entry in path order, directories before what they hold. */
    public List<PackageEntry> entries() {
        List<PackageEntry> all = new ArrayList<>(directories);
        all.addAll(files);
        all.sort(Comparator.comparing(PackageEntry::path));
        return all;
    }

    private static String years(List<ChangelogEntry> changelog) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (ChangelogEntry e : changelog) {
            int y = e.date().atZone(ZoneOffset.UTC).getYear();
            min = Math.min(min, y);
            max = Math.max(max, y);
        }
        return min == max ? Integer.toString(min) : min + "-" + max;
    }

    private static void put(Map<String, RegularFile> files, RegularFile file) {
        if (files.putIfAbsent(file.path(), file) != null) {
            throw new IllegalArgumentException(file.path() + " is installed twice");
        }
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
