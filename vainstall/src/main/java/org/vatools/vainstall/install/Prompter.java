package org.vatools.vainstall.install;

/** Asks a person at a terminal. Absent (null) in non-interactive use. */
public interface Prompter {
    /** Shows {@code prompt} and returns the line typed (may be empty). */
    String ask(String prompt);

    /** Shows {@code prompt} and reads without echo. */
    char[] askSecret(String prompt);

    /** Tells the person something (an invalid answer, say). */
    void tell(String message);
}
