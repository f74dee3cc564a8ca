package org.vatools.repotools.build;

import java.util.List;
import java.util.Optional;
import org.vatools.core.descriptor.ChangelogEntry;

/**
 * The lintian overrides an appliance .deb ships, each with its reason. There is one:
 *
 * <p>{@code initial-upload-closes-no-bugs}: lintian warns when the changelog has a single entry
 * whose Debian revision is 1 and that entry closes no bug, because a package's first upload to
 * Debian should close its ITP ("intent to package") bug. Appliance packages are published in the
 * appliance's own repository and never uploaded to Debian, so there is no ITP bug to close; the
 * tag's own explanation says it "can be ignored if the package is not intended for Debian". The
 * override is written only when lintian's condition holds, so it is never unused.
 */
public final class LintianOverrides {
    public static final String INITIAL_UPLOAD = "initial-upload-closes-no-bugs";

    private LintianOverrides() {
    }

    public static String path(String packageName) {
        return "/usr/share/lintian/overrides/" + packageName;
    }

    /** The override file for the package, or empty when it needs none. */
    public static Optional<String> forPackage(String packageName, List<ChangelogEntry> changelog) {
        if (changelog.size() != 1 || !changelog.get(0).version().endsWith("-1")) {
            return Optional.empty();
        }
        return Optional.of("# Appliance packages are published in the appliance's own repository, never uploaded to\n"
                + "# Debian, so their first changelog entry has no ITP bug to close. lintian's explanation of\n"
                + "# the tag: \"This warning can be ignored if the package is not intended for Debian\".\n"
                + packageName + ": " + INITIAL_UPLOAD + "\n");
    }
}
