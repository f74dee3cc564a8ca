package org.vatools.repotools.build;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.vatools.core.descriptor.ChangelogEntry;

/**
 * The appliance's changelog in Debian format (deb-changelog(5)), as installed at
 * {@code /usr/share/doc/NAME/changelog.Debian.gz}: one stanza per entry, newest first, change
 * lines wrapped at 80 columns, dates in RFC 2822 with English names and a +0000 zone.
 */
public final class DebianChangelog {
    /** The distribution named in every stanza; appliances are not uploaded to a Debian suite. */
    public static final String DISTRIBUTION = "stable";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private DebianChangelog() {
    }

    /** The changelog text (UTF-8 when written), ending with a newline. */
    public static String text(String packageName, String maintainer, List<ChangelogEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a Debian changelog needs at least one entry");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            ChangelogEntry e = entries.get(i);
            if (i > 0) {
                out.append('\n');
            }
            out.append(packageName).append(" (").append(e.version()).append(") ").append(DISTRIBUTION)
                    .append("; urgency=medium\n\n");
            for (String change : e.changes()) {
                for (String line : DescriptionFormatter.wrap(change.strip(), 80, "  * ", "    ")) {
                    out.append(line).append('\n');
                }
            }
            out.append("\n -- ").append(maintainer).append("  ").append(DATE.format(e.date())).append('\n');
        }
        return out.toString();
    }

    /** The installed file: {@link #text} compressed as {@code gzip -9n} would. */
    public static byte[] gzipped(String packageName, String maintainer, List<ChangelogEntry> entries) {
        return GzipNoName.compress(text(packageName, maintainer, entries).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
