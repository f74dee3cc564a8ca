package org.vatools.vainstall.install;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.Question;
import org.vatools.core.seed.DebconfType;
import org.vatools.core.seed.SeedEntry;
import org.vatools.core.seed.SeedFile;
import org.vatools.core.yaml.NodeReader;
import org.vatools.vainstall.pm.Selection;
import org.vatools.vainstall.target.Redaction;

/**
 * Merges an appliance's answers: the seed, then the {@code --answers} file, then {@code --answer}
 * options, each overriding the one before. {@link #merge} validates what was given (known
 * question, boolean, choice) without asking anything; {@link Draft#complete} then asks the
 * descriptor's questions on a terminal, or, without one, takes seed values and defaults and stops
 * listing every required question still unanswered. Questions named in a question's
 * {@code also-answers} (a password's confirmation) get the same answer.
 */
public final class AnswerMerger {
    private static final int ATTEMPTS = 3;

    private AnswerMerger() {
    }

    /** What is known about a question: from the descriptor, or only from the seed. */
    private record Known(String owner, DebconfType type, boolean secret, List<String> choices, Question question,
                         String sameAs) {
    }

    private record Value(String value, AnswerOrigin origin, String detail) {
    }

    public static Draft merge(String appliance, SeedFile seed, List<Question> questions, List<GivenAnswer> fromFile,
                              List<GivenAnswer> fromCommandLine) {
        Map<String, Known> known = new LinkedHashMap<>();
        for (SeedEntry e : seed.entries()) {
            if (e.type() != DebconfType.SEEN) {
                known.put(e.question(), new Known(e.owner(), e.type(), e.type() == DebconfType.PASSWORD, List.of(), null,
                        null));
            }
        }
        for (Question q : questions) {
            known.put(q.name(), new Known(q.owner(), q.type(), q.secret(), q.choices(), q, null));
            for (String also : q.alsoAnswers()) {
                known.put(also, new Known(q.owner(), q.type(), q.secret(), q.choices(), null, q.name()));
            }
        }
        Map<String, Value> values = new LinkedHashMap<>();
        for (SeedEntry e : seed.entries()) {
            if (e.type() != DebconfType.SEEN) {
                values.put(e.question(), new Value(e.value(), AnswerOrigin.SEED, seed.source() + ":" + e.line()));
            }
        }
        List<Problem> problems = new ArrayList<>();
        Set<String> given = new HashSet<>();
        apply(appliance, fromFile, AnswerOrigin.ANSWERS_FILE, known, values, given, problems);
        apply(appliance, fromCommandLine, AnswerOrigin.COMMAND_LINE, known, values, given, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Draft(appliance, seed, questions, known, values, given);
    }

    private static void apply(String appliance, List<GivenAnswer> answers, AnswerOrigin origin, Map<String, Known> known,
                              Map<String, Value> values, Set<String> given, List<Problem> problems) {
        for (GivenAnswer a : answers) {
            Known k = known.get(a.question());
            if (k == null) {
                problems.add(problem(a, "'" + a.question() + "' is not a question of " + appliance
                        + suggestion(a.question(), known.keySet()) + "; its questions are: "
                        + String.join(", ", known.entrySet().stream().filter(e -> e.getValue().sameAs() == null)
                        .map(Map.Entry::getKey).toList())));
                continue;
            }
            if (k.sameAs() != null) {
                problems.add(problem(a, "'" + a.question() + "' gets the answer of '" + k.sameAs()
                        + "'; answer that question instead"));
                continue;
            }
            Optional<String> bad = invalid(a.value(), k);
            if (bad.isPresent()) {
                problems.add(problem(a, "'" + a.question() + "': " + bad.get()));
                continue;
            }
            values.put(a.question(), new Value(a.value(), origin, a.origin()));
            given.add(a.question());
        }
    }

    private static Problem problem(GivenAnswer a, String message) {
        int colon = a.origin().lastIndexOf(':');
        if (colon > 0 && a.origin().substring(colon + 1).matches("[0-9]+")) {
            return Problem.at(a.origin().substring(0, colon), Integer.parseInt(a.origin().substring(colon + 1)), message);
        }
        return Problem.inFile(a.origin(), message);
    }

    private static String suggestion(String question, Set<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = NodeReader.editDistance(question, n);
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    /** Why {@code value} is not a valid answer, or empty. Never quotes a secret value. */
    private static Optional<String> invalid(String value, Known k) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return Optional.of("an answer must be a single line");
        }
        String shown = k.secret() ? "the answer" : "'" + value + "'";
        switch (k.type()) {
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    return Optional.of(shown + " is not true or false");
                }
            }
            case SELECT -> {
                if (!k.choices().isEmpty() && !k.choices().contains(value)) {
                    return Optional.of(shown + " is not one of " + String.join(", ", k.choices()));
                }
            }
            case MULTISELECT -> {
                if (!k.choices().isEmpty() && !value.isBlank()) {
                    for (String item : value.split(",")) {
                        if (!k.choices().contains(item.strip())) {
                            return Optional.of("'" + item.strip() + "' is not one of " + String.join(", ", k.choices())
                                    + " (separate several with ', ')");
                        }
                    }
                }
            }
            default -> {
            }
        }
        return Optional.empty();
    }

    /** Answers validated so far; {@link #complete} fills in the rest. */
    public static final class Draft {
        private final String appliance;
        private final SeedFile seed;
        private final List<Question> questions;
        private final Map<String, Known> known;
        private final Map<String, Value> values;
        private final Set<String> given;

        private Draft(String appliance, SeedFile seed, List<Question> questions, Map<String, Known> known,
                      Map<String, Value> values, Set<String> given) {
            this.appliance = appliance;
            this.seed = seed;
            this.questions = questions;
            this.known = known;
            this.values = new LinkedHashMap<>(values);
            this.given = given;
        }

        /** Questions given with --answer whose answers are secret (they were visible in the process list). */
        public List<String> secretsOnCommandLine() {
            return values.entrySet().stream().filter(e -> e.getValue().origin() == AnswerOrigin.COMMAND_LINE
                    && known.get(e.getKey()).secret()).map(Map.Entry::getKey).toList();
        }

        /**
         * Asks the descriptor's questions that were not given ({@code prompter} non-null), or takes
         * seed values and defaults for them; stops listing every required question left unanswered.
         */
        public MergedAnswers complete(Prompter prompter) {
            List<Question> missing = new ArrayList<>();
            for (Question q : questions) {
                if (given.contains(q.name())) {
                    continue;
                }
                Value current = values.get(q.name());
                if (current == null && q.defaultAnswer().isPresent()) {
                    current = new Value(q.defaultValue(), AnswerOrigin.DEFAULT, "appliance.yaml");
                }
                if (prompter != null) {
                    Optional<String> asked = ask(prompter, q, current);
                    if (asked.isPresent()) {
                        values.put(q.name(), new Value(asked.get(), AnswerOrigin.PROMPT, "terminal"));
                    }
                } else if (current != null) {
                    values.put(q.name(), current);
                } else if (q.required()) {
                    missing.add(q);
                }
            }
            if (!missing.isEmpty()) {
                StringBuilder sb = new StringBuilder(appliance + " needs answers that were not given (no terminal"
                        + " to ask on, or --yes):");
                for (Question q : missing) {
                    sb.append("\n  - ").append(q.name()).append(": ").append(q.prompt());
                    if (q.secret()) {
                        sb.append(" (secret: put it in an --answers file readable only by you)");
                    }
                }
                sb.append("\nGive them with --answer QUESTION=VALUE or in --answers FILE (QUESTION=VALUE lines)."
                        + " Nothing was changed.");
                throw new ApplianceException(ExitCode.USAGE, sb.toString());
            }
            return build();
        }

        private Optional<String> ask(Prompter prompter, Question q, Value current) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                String answer;
                if (q.secret()) {
                    char[] first = prompter.askSecret(q.prompt() + ": ");
                    if (first.length == 0) {
                        if (!q.required()) {
                            return Optional.empty();
                        }
                        prompter.tell("An answer is required.");
                        continue;
                    }
                    char[] again = prompter.askSecret(q.prompt() + " (again): ");
                    boolean same = Arrays.equals(first, again);
                    answer = new String(first);
                    Arrays.fill(first, '\0');
                    Arrays.fill(again, '\0');
                    if (!same) {
                        prompter.tell("The two answers differ; try again.");
                        continue;
                    }
                } else {
                    String hint = q.choices().isEmpty() ? "" : " (" + String.join(", ", q.choices()) + ")";
                    String def = current == null ? "" : " [" + current.value() + "]";
                    answer = prompter.ask(q.prompt() + hint + def + ": ");
                    if (answer.isEmpty()) {
                        if (current != null) {
                            return Optional.of(current.value());
                        }
                        if (!q.required()) {
                            return Optional.empty();
                        }
                        prompter.tell("An answer is required.");
                        continue;
                    }
                }
                Optional<String> bad = invalid(answer, known.get(q.name()));
                if (bad.isEmpty()) {
                    return Optional.of(answer);
                }
                prompter.tell(bad.get());
            }
            throw new ApplianceException(ExitCode.USAGE, "no valid answer to '" + q.name() + "' after " + ATTEMPTS
                    + " tries; nothing was changed");
        }

        private MergedAnswers build() {
            List<Selection> selections = new ArrayList<>();
            List<MergedAnswers.Shown> shown = new ArrayList<>();
            Set<String> secrets = new HashSet<>();
            Set<String> done = new HashSet<>();
            for (SeedEntry e : seed.entries()) {
                if (e.type() == DebconfType.SEEN) {
                    selections.add(new Selection(e.owner(), e.question(), e.type(), e.value(), false));
                    continue;
                }
                if (done.add(e.question())) {
                    add(e.question(), selections, shown, secrets);
                }
            }
            for (Question q : questions) {
                if (values.containsKey(q.name()) && done.add(q.name())) {
                    add(q.name(), selections, shown, secrets);
                }
                Value v = values.get(q.name());
                if (v == null) {
                    continue;
                }
                for (String also : q.alsoAnswers()) {
                    if (done.add(also)) {
                        values.put(also, new Value(v.value(), AnswerOrigin.SAME_AS, q.name()));
                        add(also, selections, shown, secrets);
                    }
                }
            }
            return new MergedAnswers(selections, shown, secrets);
        }

        private void add(String question, List<Selection> selections, List<MergedAnswers.Shown> shown,
                         Set<String> secrets) {
            Known k = known.get(question);
            Value v = values.get(question);
            selections.add(new Selection(k.owner(), question, k.type(), v.value(), k.secret()));
            if (k.secret() && !v.value().isEmpty()) {
                secrets.add(v.value());
            }
            String origin = switch (v.origin()) {
                case SAME_AS -> "same answer as " + v.detail();
                case ANSWERS_FILE -> v.detail();
                default -> v.origin().label();
            };
            shown.add(new MergedAnswers.Shown(question, k.secret() ? Redaction.MASK : v.value(), k.secret(), origin));
        }
    }
}
