package org.vatools.vainstall.target;

/**
 * Where a target reports what it runs (shown with --verbose) and the live output of commands
 * marked {@link Command#streaming()}. Lines arrive already redacted.
 */
public interface ProgressSink {
    void command(Command command);

    void output(String line);

    static ProgressSink silent() {
        return new ProgressSink() {
            @Override
            public void command(Command command) {
            }

            @Override
            public void output(String line) {
            }
        };
    }
}
