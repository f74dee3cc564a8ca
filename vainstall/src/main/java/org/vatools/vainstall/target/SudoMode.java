package org.vatools.vainstall.target;

/** How commands gain root on an SSH server when the login user is not root. */
public enum SudoMode {
    /** The login user is root. */
    NONE,
    /** {@code sudo -n}: sudo must not ask for a password (NOPASSWD rule or cached credentials). */
    NO_PASSWORD,
    /** {@code sudo -k -S -p ''}: the password is the first line of the command's stdin, never an argument. */
    PASSWORD
}
