package org.vatools.vainstall.cli;

import picocli.CommandLine.Option;

/** --quiet and --verbose, mixed into every subcommand. */
public final class GlobalOptions {
    @Option(names = {"-q", "--quiet"}, description = "Print only results and errors (no progress).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print every command run on the target, and stack traces"
            + " on errors.")
    boolean verbose;
}
