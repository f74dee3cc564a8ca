package org.vatools.vainstall.backup;

import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress of one long transfer (a set being backed up or restored, a file being verified):
 * a line every few seconds while it runs, so a small backup prints nothing extra and a large one
 * shows that it moves, with a percentage when the total is known. Time comes from the clock
 * passed in.
 */
public final class Progress {
    static final long INTERVAL_MILLIS = 3_000;

    private final Consumer<String> out;
    private final Clock clock;
    private final String what;
    private final long total;
    private final long started;
    private long bytes;
    private long entries;
    private long lastShown;
    private boolean shown;

    /** @param totalBytes the expected total, or -1 when unknown */
    public Progress(Consumer<String> out, Clock clock, String what, long totalBytes) {
        this.out = out;
        this.clock = clock;
        this.what = what;
        this.total = totalBytes;
        this.started = clock.millis();
        this.lastShown = started;
    }

    public void advance(long moreBytes, long moreEntries) {
        bytes += moreBytes;
        entries += moreEntries;
        long now = clock.millis();
        if (now - lastShown >= INTERVAL_MILLIS) {
            lastShown = now;
            shown = true;
            out.accept(line(now));
        }
    }

    /** Sets the bytes done so far (when the source counts them itself). */
    public void at(long bytesSoFar) {
        advance(bytesSoFar - bytes, 0);
    }

    /** Prints the final state when intermediate lines were printed. */
    public void done() {
        if (shown) {
            out.accept(line(clock.millis()));
        }
    }

    private String line(long now) {
        StringBuilder sb = new StringBuilder(what).append(": ").append(Sizes.human(bytes));
        if (total > 0) {
            sb.append(" of ").append(Sizes.human(total)).append(String.format(Locale.ROOT, " (%d%%)",
                    Math.min(100, bytes * 100 / total)));
        }
        sb.append(", ").append(entries).append(entries == 1 ? " entry" : " entries");
        long seconds = (now - started) / 1000;
        if (seconds > 0) {
            sb.append(", ").append(Sizes.human(bytes / seconds)).append("/s");
        }
        return sb.toString();
    }

    public long bytes() {
        return bytes;
    }

    public long entries() {
        return entries;
    }
}
