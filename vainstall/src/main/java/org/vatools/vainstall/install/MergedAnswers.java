package org.vatools.vainstall.install;

import java.util.List;
import java.util.Set;
import org.vatools.vainstall.pm.Selection;

/**
 * The answers an install hands to the package scripts: every selection in debconf-set-selections
 * order (the seed's lines first, with the values that replaced them), what to show a person
 * (secrets masked), and the secret values, so output that might echo them can be redacted.
 */
public record MergedAnswers(List<Selection> selections, List<Shown> shown, Set<String> secrets) {
    public MergedAnswers {
        selections = List.copyOf(selections);
        shown = List.copyOf(shown);
        secrets = Set.copyOf(secrets);
    }

    /** One answer as shown in a plan: the value is already masked when secret. */
    public record Shown(String question, String value, boolean secret, String origin) {
    }

    @Override
    public String toString() {
        return "MergedAnswers" + shown;
    }
}
