package org.vatools.vainstall.install;

import org.vatools.vainstall.target.Redaction;

/**
 * An answer a person gave: {@code question=value} from {@code --answer} or a line of an
 * {@code --answers} file. {@code origin} says where ({@code answers.txt:4}, {@code --answer}).
 * {@link #toString()} never shows the value: whether it is a secret is only known later.
 */
public record GivenAnswer(String question, String value, String origin) {
    /** Parses {@code QUESTION=VALUE}; the value is everything after the first '='. */
    public static GivenAnswer parse(String text, String origin) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected QUESTION=VALUE");
        }
        return new GivenAnswer(text.substring(0, eq).strip(), text.substring(eq + 1), origin);
    }

    @Override
    public String toString() {
        return origin + ": " + question + "=" + Redaction.MASK;
    }
}
