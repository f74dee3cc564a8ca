package org.vatools.core.pgp;

import java.util.ArrayList;
import java.util.List;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

/**
 * The user id of a key: {@code Name <email>}, or just {@code Name} when there is no address.
 * Names and addresses with angle brackets or control characters are refused, because gpg and apt
 * print user ids verbatim.
 */
public record UserId(String name, String email) {
    private static final String EMAIL = "[^\\s<>@()\\[\\],;:\"]+@[^\\s<>@()\\[\\],;:\"]+\\.[^\\s<>@()\\[\\],;:\"]+";

    /** @throws InvalidInputException when the name is empty or either part is malformed */
    public UserId {
        email = email == null ? "" : email.strip();
        name = name == null ? "" : name.strip();
        List<Problem> problems = new ArrayList<>();
        if (name.isEmpty()) {
            problems.add(Problem.inFile("user id", "the name is empty; give a name such as 'Example Appliance Archive'"));
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '<' || c == '>')) {
            problems.add(Problem.inFile("user id", "the name '" + name
                    + "' contains '<', '>' or a control character; give the name and the e-mail address separately"));
        } else if (name.length() > 200) {
            problems.add(Problem.inFile("user id", "the name is longer than 200 characters"));
        }
        if (!email.isEmpty() && !email.matches(EMAIL)) {
            problems.add(Problem.inFile("user id", "'" + email + "' is not an e-mail address like archive@example.org"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** {@code Name <email>} or {@code Name}. */
    @Override
    public String toString() {
        return email.isEmpty() ? name : name + " <" + email + ">";
    }
}
