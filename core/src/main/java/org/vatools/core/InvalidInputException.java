package org.vatools.core;

import java.util.List;
import java.util.stream.Collectors;

/** Input that failed validation; carries every problem found, not just the first. */
public class InvalidInputException extends ApplianceException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(ExitCode.INVALID_INPUT, problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
