package org.vatools.repotools.publish.yum;

import java.util.ArrayList;
import java.util.List;
import org.vatools.core.pkg.rpm.RpmChangelog;
import org.vatools.core.pkg.rpm.RpmFile;
import org.vatools.core.pkg.rpm.RpmPackage;

/**
 * One package's entries in primary.xml, filelists.xml and other.xml, written as createrepo_c
 * 0.17 writes them (its output is the reference dnf and libsolv are tested against): same
 * elements, attributes, order, indentation and escaping, so the files differ from createrepo_c's
 * only where the package differs (the signature, hence checksum, size and header range).
 */
final class RepodataXml {
    /** createrepo_c keeps the newest 10 changelog entries of a package (its --changelog-limit default). */
    static final int CHANGELOG_LIMIT = 10;

    static final String PRIMARY_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<metadata xmlns=\"http://linux.duke.edu/metadata/common\" xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\""
            + " packages=\"%d\">\n";
    static final String PRIMARY_END = "</metadata>";
    static final String FILELISTS_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<filelists xmlns=\"http://linux.duke.edu/metadata/filelists\" packages=\"%d\">\n";
    static final String FILELISTS_END = "</filelists>";
    static final String OTHER_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<otherdata xmlns=\"http://linux.duke.edu/metadata/other\" packages=\"%d\">\n";
    static final String OTHER_END = "</otherdata>";

    private RepodataXml() {
    }

    /** The files primary.xml lists (createrepo_c's rule, which yum and dnf expect): /etc/*, *bin/*, /usr/lib/sendmail. */
    static boolean isPrimaryFile(String path) {
        return path.startsWith("/etc/") || path.equals("/usr/lib/sendmail") || path.contains("bin/");
    }

    /** Where the package file is and what it is, for the primary entry. */
    record Location(String pkgid, String href, long size, long fileTime, long headerStart, long headerEnd) {
    }

    static String primary(RpmPackage rpm, Location at) {
        StringBuilder x = new StringBuilder(2048);
        x.append("<package type=\"rpm\">\n");
        element(x, "  ", "name", rpm.name());
        element(x, "  ", "arch", rpm.arch());
        version(x, rpm);
        x.append("  <checksum type=\"sha256\" pkgid=\"YES\">");
        Xml.text(x, at.pkgid()).append("</checksum>\n");
        element(x, "  ", "summary", rpm.summary().orElse(""));
        element(x, "  ", "description", rpm.description().orElse(""));
        element(x, "  ", "packager", rpm.packager().orElse(""));
        element(x, "  ", "url", rpm.url().orElse(""));
        x.append("  <time file=\"").append(at.fileTime()).append("\" build=\"").append(rpm.buildTime().orElse(0))
                .append("\"/>\n");
        x.append("  <size package=\"").append(at.size()).append("\" installed=\"").append(rpm.installedSize())
                .append("\" archive=\"").append(rpm.archiveSize()).append("\"/>\n");
        x.append("  <location href=\"");
        Xml.attribute(x, at.href()).append("\"/>\n");
        x.append("  <format>\n");
        element(x, "    ", "rpm:license", rpm.license().orElse(""));
        element(x, "    ", "rpm:vendor", rpm.vendor().orElse(""));
        element(x, "    ", "rpm:group", rpm.group().orElse(""));
        element(x, "    ", "rpm:buildhost", rpm.buildHost().orElse(""));
        element(x, "    ", "rpm:sourcerpm", rpm.sourceRpm().orElse(""));
        x.append("    <rpm:header-range start=\"").append(at.headerStart()).append("\" end=\"").append(at.headerEnd())
                .append("\"/>\n");
        RepodataDependencies deps = RepodataDependencies.of(rpm);
        dependencies(x, "rpm:provides", deps.provides, false);
        dependencies(x, "rpm:requires", deps.requires, true);
        dependencies(x, "rpm:conflicts", deps.conflicts, false);
        dependencies(x, "rpm:obsoletes", deps.obsoletes, false);
        dependencies(x, "rpm:suggests", deps.suggests, false);
        dependencies(x, "rpm:enhances", deps.enhances, false);
        dependencies(x, "rpm:recommends", deps.recommends, false);
        dependencies(x, "rpm:supplements", deps.supplements, false);
        for (RpmFile f : rpm.files()) {
            if (isPrimaryFile(f.path())) {
                file(x, "    ", f);
            }
        }
        x.append("  </format>\n</package>\n");
        return x.toString();
    }

    static String filelists(RpmPackage rpm, String pkgid) {
        StringBuilder x = new StringBuilder(256 + 64 * rpm.files().size());
        packageStart(x, rpm, pkgid);
        for (RpmFile f : rpm.files()) {
            file(x, "  ", f);
        }
        x.append("</package>\n");
        return x.toString();
    }

    static String other(RpmPackage rpm, String pkgid) {
        StringBuilder x = new StringBuilder(512);
        packageStart(x, rpm, pkgid);
        for (Changelog c : changelogs(rpm.changelogs())) {
            x.append("  <changelog author=\"");
            Xml.attribute(x, c.author).append("\" date=\"").append(c.date).append("\">");
            Xml.text(x, c.text).append("</changelog>\n");
        }
        x.append("</package>\n");
        return x.toString();
    }

    private static final class Changelog {
        final String author;
        final String text;
        long date;

        Changelog(String author, long date, String text) {
            this.author = author;
            this.date = date;
            this.text = text;
        }
    }

    /**
     * The newest {@link #CHANGELOG_LIMIT} entries, oldest first, author without trailing blanks;
     * entries with the same time as the one after them get one second more each, newest latest
     * (createrepo_c does this so that the dates stay distinct and ordered).
     */
    private static List<Changelog> changelogs(List<RpmChangelog> newestFirst) {
        List<Changelog> newestFirstKept = new ArrayList<>();
        long lastTime = 0;
        for (RpmChangelog entry : newestFirst) {
            if (newestFirstKept.size() == CHANGELOG_LIMIT) {
                break;
            }
            String author = entry.author();
            int end = author.length();
            while (end > 1 && author.charAt(end - 1) == ' ') {
                end--;
            }
            Changelog c = new Changelog(author.substring(0, end), entry.time(), entry.text());
            newestFirstKept.add(c);
            if (lastTime == entry.time()) {
                long t = entry.time();
                for (int i = newestFirstKept.size() - 2; i >= 0 && newestFirstKept.get(i).date == t; i--) {
                    newestFirstKept.get(i).date++;
                    t++;
                }
            } else {
                lastTime = entry.time();
            }
        }
        List<Changelog> oldestFirst = new ArrayList<>(newestFirstKept.size());
        for (int i = newestFirstKept.size() - 1; i >= 0; i--) {
            oldestFirst.add(newestFirstKept.get(i));
        }
        return oldestFirst;
    }

    private static void packageStart(StringBuilder x, RpmPackage rpm, String pkgid) {
        x.append("<package pkgid=\"");
        Xml.attribute(x, pkgid).append("\" name=\"");
        Xml.attribute(x, rpm.name()).append("\" arch=\"");
        Xml.attribute(x, rpm.arch()).append("\">\n");
        version(x, rpm);
    }

    private static void version(StringBuilder x, RpmPackage rpm) {
        x.append("  <version epoch=\"").append(rpm.epoch().orElse(0)).append("\" ver=\"");
        Xml.attribute(x, rpm.version()).append("\" rel=\"");
        Xml.attribute(x, rpm.release()).append("\"/>\n");
    }

    private static void element(StringBuilder x, String indent, String name, String text) {
        x.append(indent).append('<').append(name).append('>');
        Xml.text(x, text).append("</").append(name).append(">\n");
    }

    private static void file(StringBuilder x, String indent, RpmFile f) {
        x.append(indent).append("<file");
        String type = f.repodataType();
        if (!type.isEmpty()) {
            x.append(" type=\"").append(type).append('"');
        }
        x.append('>');
        Xml.text(x, f.path()).append("</file>\n");
    }

    private static void dependencies(StringBuilder x, String element, List<RepodataDependencies.Entry> entries,
                                     boolean requires) {
        if (entries.isEmpty()) {
            return;
        }
        x.append("    <").append(element).append(">\n");
        for (RepodataDependencies.Entry e : entries) {
            if (e.name().isEmpty()) {
                continue;
            }
            x.append("      <rpm:entry name=\"");
            Xml.attribute(x, e.name()).append('"');
            if (e.flags() != null) {
                x.append(" flags=\"").append(e.flags()).append('"');
                attribute(x, "epoch", e.epoch());
                attribute(x, "ver", e.ver());
                attribute(x, "rel", e.rel());
            }
            if (requires && e.pre()) {
                x.append(" pre=\"1\"");
            }
            x.append("/>\n");
        }
        x.append("    </").append(element).append(">\n");
    }

    private static void attribute(StringBuilder x, String name, String value) {
        if (value != null && !value.isEmpty()) {
            x.append(' ').append(name).append("=\"");
            Xml.attribute(x, value).append('"');
        }
    }
}
