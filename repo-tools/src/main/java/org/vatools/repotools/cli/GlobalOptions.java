package org.vatools.repotools.cli;

import picocli.CommandLine.Option;

/** --quiet and --verbose, mixed into every subcommand. */
public final class GlobalOptions {
    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    public boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print every step, and stack traces on errors.")
    public boolean verbose;

    /** Commands that carry these options. */
    public interface Aware {
        GlobalOptions global();
    }
}
