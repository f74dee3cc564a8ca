package org.vatools.repotools.publish.yum;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints how long each step of a publish took ({@code yum: signed 5 package(s) ... in 0.21 s}). */
final class Timings {
    private final PrintWriter progress;
    private long last = System.nanoTime();

    Timings(PrintWriter progress) {
        this.progress = progress;
    }

    void lap(String what) {
        long t = System.nanoTime();
        progress.println(String.format(Locale.ROOT, "yum: %s in %.2f s", what, (t - last) / 1e9));
        progress.flush();
        last = t;
    }
}
