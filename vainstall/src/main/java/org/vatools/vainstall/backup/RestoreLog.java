package org.vatools.vainstall.backup;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.vatools.vainstall.target.FileMode;
import org.vatools.vainstall.target.Target;

/**
 * The log a restore leaves on the target, once it has begun to change it:
 * {@code /var/log/virtual-appliance/NAME/restore-YYYYMMDDTHHMMSSZ.log} (root only, 0600), one
 * {@code TIME message} line per step: the file and its SHA-256, what it holds, each set staged
 * and swapped, the hooks and their output's tail, and how it ended. A restore refused before any
 * change writes none.
 */
public final class RestoreLog {
    public static final String ROOT = "/var/log/virtual-appliance";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final String path;
    private final List<String> lines = new ArrayList<>();

    public RestoreLog(Clock clock, String appliance) {
        this.clock = clock;
        this.path = ROOT + "/" + appliance + "/restore-" + STAMP.format(clock.instant()) + ".log";
    }

    public String path() {
        return path;
    }

    public void add(String message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (String l : message.split("\n")) {
            lines.add(now + " " + l);
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Writes the log on the target; returns its path. */
    public String write(Target target) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        target.files().makeDirectories(dir, 0700);
        target.files().write(path, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
                FileMode.rootOnly());
        return path;
    }
}
