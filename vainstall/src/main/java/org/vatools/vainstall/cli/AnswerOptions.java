package org.vatools.vainstall.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.install.GivenAnswer;
import picocli.CommandLine.Option;

/**
 * The answer options of {@code vainstall install}, shared by every command that installs an
 * appliance ({@code install}, {@code restore --install}).
 */
final class AnswerOptions {
    @Option(names = "--answer", paramLabel = "QUESTION=VALUE", description = "Answers a question; overrides the"
            + " seed and --answers. Repeatable. Avoid it for secrets: a command line is visible to other users.")
    List<String> answers = new ArrayList<>();

    @Option(names = "--answers", paramLabel = "FILE", description = "QUESTION=VALUE lines (see docs/reference/"
            + "answers.md); overrides the seed. Keep it readable only by you when it holds secrets.")
    Path answersFile;

    @Option(names = {"-y", "--yes"}, description = "Ask nothing: unanswered questions take their seed value or"
            + " default, and required ones without either stop the install.")
    boolean yes;

    @Option(names = "--no-update", description = "Do not update the package lists first.")
    boolean noUpdate;

    /** The --answer values, parsed. */
    List<GivenAnswer> given() {
        List<GivenAnswer> given = new ArrayList<>();
        for (String a : answers) {
            try {
                given.add(GivenAnswer.parse(a, "--answer"));
            } catch (IllegalArgumentException e) {
                throw new ApplianceException(ExitCode.USAGE, "--answer needs QUESTION=VALUE (for example"
                        + " --answer dokuwiki/wiki/title='My Wiki')");
            }
        }
        return given;
    }

    /** The --answers file, resolved against the working folder, or null. */
    Path file(Environment env) {
        return answersFile == null ? null : env.workingDir().resolve(answersFile);
    }

    /** True when any option was given (for commands where they only go with another option). */
    boolean anyGiven() {
        return !answers.isEmpty() || answersFile != null || yes || noUpdate;
    }
}
