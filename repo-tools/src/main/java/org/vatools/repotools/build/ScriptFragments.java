package org.vatools.repotools.build;

import java.util.Optional;

/**
 * The appliance's own maintainer steps as text (scripts.configure, .remove, .purge of the
 * descriptor); any of them may be absent (null).
 */
public record ScriptFragments(String configure, String remove, String purge) {
    public static ScriptFragments none() {
        return new ScriptFragments(null, null, null);
    }

    public Optional<String> configureStep() {
        return Optional.ofNullable(configure);
    }

    public Optional<String> removeStep() {
        return Optional.ofNullable(remove);
    }

    public Optional<String> purgeStep() {
        return Optional.ofNullable(purge);
    }
}
