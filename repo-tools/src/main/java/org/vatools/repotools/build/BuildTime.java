package org.vatools.repotools.build;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.ChangelogEntry;
import org.vatools.core.time.SourceDateEpoch;

/**
 * The one time written into an appliance's packages (file times, BUILDTIME): the
 * {@code --source-date-epoch} option, else {@code SOURCE_DATE_EPOCH} from the environment, else
 * the date of the appliance's newest changelog entry. An invalid value is an error, never skipped.
 */
public final class BuildTime {
    private BuildTime() {
    }

    /** Resolves the option and environment once for a whole build; empty means "per appliance". */
    public static Optional<Instant> fromOptionOrEnvironment(String option, Map<String, String> env) {
        return SourceDateEpoch.resolve(option, env);
    }

    /**
     * @param explicit the result of {@link #fromOptionOrEnvironment}
     * @throws InvalidInputException when nothing gives a time: no explicit value and no changelog
     */
    public static Instant of(Appliance appliance, Optional<Instant> explicit) {
        if (explicit.isPresent()) {
            return explicit.get();
        }
        return appliance.changelog().stream().map(ChangelogEntry::date).max(Comparator.naturalOrder())
                .orElseThrow(() -> new InvalidInputException(Problem.inFile(appliance.descriptorFile().toString(),
                        "changelog: no entries, so the packages have no reproducible time; add a changelog entry,"
                                + " or set SOURCE_DATE_EPOCH or --source-date-epoch")));
    }
}
