package org.vatools.repotools.publish.apt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The text of a suite's Release file as apt 2.6 reads it: Origin, Label, Suite, Codename, Date and
 * Valid-Until in RFC 2822 form with English names and the zone written {@code UTC},
 * {@code Acquire-By-Hash: yes}, Architectures, Components, then the SHA256 and SHA512 lists of
 * every index file ({@code " <hash> <size> <path>"}, paths relative to the suite folder). apt
 * only reads an index whose uncompressed name (…/Packages) is listed, so that one always is.
 */
public final class ReleaseFile {
    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ReleaseFile() {
    }

    /** One file a Release lists. */
    public record Listed(String path, long size, String sha256, String sha512) {
    }

    /** {@code Sat, 22 Nov 2026 10:00:00 UTC}. */
    public static String date(Instant instant) {
        return DATE.format(instant);
    }

    /**
     * @param validUntil null for none
     * @param files      sorted by path
     */
    public static String suite(String origin, String label, String suite, String codename, Instant date,
                               Instant validUntil, List<String> architectures, List<String> components,
                               List<Listed> files) {
        StringBuilder sb = new StringBuilder(256 + files.size() * 240);
        if (origin != null) {
            sb.append("Origin: ").append(origin).append('\n');
        }
        if (label != null) {
            sb.append("Label: ").append(label).append('\n');
        }
        sb.append("Suite: ").append(suite).append('\n');
        if (codename != null) {
            sb.append("Codename: ").append(codename).append('\n');
        }
        sb.append("Date: ").append(date(date)).append('\n');
        if (validUntil != null) {
            sb.append("Valid-Until: ").append(date(validUntil)).append('\n');
        }
        sb.append("Acquire-By-Hash: yes\n");
        sb.append("Architectures: ").append(String.join(" ", architectures)).append('\n');
        sb.append("Components: ").append(String.join(" ", components)).append('\n');
        int width = 1;
        for (Listed f : files) {
            width = Math.max(width, Long.toString(f.size()).length());
        }
        sb.append("SHA256:\n");
        for (Listed f : files) {
            sb.append(' ').append(f.sha256()).append(' ').append(pad(f.size(), width)).append(' ').append(f.path())
                    .append('\n');
        }
        sb.append("SHA512:\n");
        for (Listed f : files) {
            sb.append(' ').append(f.sha512()).append(' ').append(pad(f.size(), width)).append(' ').append(f.path())
                    .append('\n');
        }
        return sb.toString();
    }

    /** The Release file of one {@code <component>/binary-<arch>/} folder, as Debian's archive has them. */
    public static String component(String origin, String label, String suite, String component, String architecture) {
        StringBuilder sb = new StringBuilder();
        sb.append("Archive: ").append(suite).append('\n');
        if (origin != null) {
            sb.append("Origin: ").append(origin).append('\n');
        }
        if (label != null) {
            sb.append("Label: ").append(label).append('\n');
        }
        sb.append("Acquire-By-Hash: yes\n");
        sb.append("Component: ").append(component).append('\n');
        sb.append("Architecture: ").append(architecture).append('\n');
        return sb.toString();
    }

    private static String pad(long size, int width) {
        String s = Long.toString(size);
        return " ".repeat(width - s.length()) + s;
    }
}
