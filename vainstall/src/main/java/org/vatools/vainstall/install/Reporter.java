package org.vatools.vainstall.install;

/** Where the installer tells a person what it is doing; the CLI prints it, tests record it. */
public interface Reporter {
    /** A step starting ("Updating the package lists"); hidden by --quiet. */
    void step(String message);

    /** Extra detail; shown with --verbose only. */
    void detail(String message);

    /** Something a person should notice; always shown (on stderr). */
    void warn(String message);

    /** Output that is the command's result (a plan, simulated actions); shown even with --quiet. */
    void result(String text);
}
