package org.vatools.vainstall.testing;

import java.util.ArrayList;
import java.util.List;
import org.vatools.vainstall.install.Reporter;

/** Keeps what the installer reported. */
public final class RecordingReporter implements Reporter {
    public final List<String> steps = new ArrayList<>();
    public final List<String> details = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<String> results = new ArrayList<>();

    @Override
    public void step(String message) {
        steps.add(message);
    }

    @Override
    public void detail(String message) {
        details.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void result(String text) {
        results.add(text);
    }

    public String all() {
        return String.join("\n", steps) + "\n" + String.join("\n", details) + "\n" + String.join("\n", warnings) + "\n"
                + String.join("\n", results);
    }
}
