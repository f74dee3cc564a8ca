package org.vatools.vainstall.target;

import java.util.Collection;
import java.util.Comparator;

/** Masks secrets in text that is about to be shown, logged or put in an exception. */
public final class Redaction {
    public static final String MASK = "********";

    private Redaction() {
    }

    public static String apply(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        // longest first, so a secret that contains another is masked whole
        for (String s : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (!s.isEmpty()) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
