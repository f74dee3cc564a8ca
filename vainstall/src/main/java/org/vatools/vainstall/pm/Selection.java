package org.vatools.vainstall.pm;

import org.vatools.core.seed.DebconfType;
import org.vatools.vainstall.target.Redaction;

/**
 * One answer as debconf-set-selections reads it: {@code owner question type value}. Secret
 * selections are masked in {@link #toString()} and {@link #masked()}; only {@link #line()} holds
 * the value, and that line only ever travels on a command's stdin or into a root-only file.
 */
public record Selection(String owner, String question, DebconfType type, String value, boolean secret) {
    public Selection {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an answer cannot span lines: " + question);
        }
        if (owner.isBlank() || owner.chars().anyMatch(Character::isWhitespace)
                || question.isBlank() || question.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad owner or question: " + owner + " " + question);
        }
    }

    /** The debconf-set-selections line, secret included. */
    public String line() {
        return owner + " " + question + " " + type.id() + " " + value;
    }

    /** The value as it may be shown: {@value Redaction#MASK} for a secret. */
    public String masked() {
        return secret ? Redaction.MASK : value;
    }

    @Override
    public String toString() {
        return owner + " " + question + " " + type.id() + " " + masked();
    }
}
