package org.vatools.core.descriptor;

import java.util.List;
import java.util.Optional;
import org.vatools.core.seed.DebconfType;

/**
 * A debconf question the installer must ask the person installing, because its answer must not
 * be published in a seed (a password) or differs per site (a host name).
 *
 * @param owner        debconf owner, usually the package that declares the question
 * @param name         the debconf question name, e.g. {@code dokuwiki/system/password}
 * @param type         the debconf type; {@code password} answers are always secret
 * @param prompt       what the installer shows when it asks
 * @param required     whether an answer must be given (no seed value counts for a secret)
 * @param defaultValue proposed answer, if any (never for a secret)
 * @param choices      allowed answers for {@code select}/{@code multiselect}; empty otherwise
 * @param alsoAnswers  further questions of the same owner that receive the same answer, such as
 *                     a package's password confirmation question
 * @param secret       the answer is never printed, logged, put on a command line, in a seed or in a
 *                     readable file: true for every {@code password} question, and for other
 *                     types when the descriptor says {@code secret: true}
 */
public record Question(String owner, String name, DebconfType type, String prompt, boolean required,
                       String defaultValue, List<String> choices, List<String> alsoAnswers, boolean secret) {
    public Question {
        choices = List.copyOf(choices);
        alsoAnswers = List.copyOf(alsoAnswers);
        secret = secret || type == DebconfType.PASSWORD;
    }

    /** A question that is secret exactly when it is a {@code password} question. */
    public Question(String owner, String name, DebconfType type, String prompt, boolean required,
                    String defaultValue, List<String> choices, List<String> alsoAnswers) {
        this(owner, name, type, prompt, required, defaultValue, choices, alsoAnswers, false);
    }

    public Optional<String> defaultAnswer() {
        return Optional.ofNullable(defaultValue);
    }

    /** This question's name and every name in {@code also-answers}. */
    public List<String> answeredNames() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(name), alsoAnswers.stream()).toList();
    }
}
