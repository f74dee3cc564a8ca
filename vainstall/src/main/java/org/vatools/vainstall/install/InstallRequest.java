package org.vatools.vainstall.install;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code vainstall install} was asked to do.
 *
 * @param answers      {@code --answer QUESTION=VALUE} options, in order
 * @param answersFile  {@code --answers FILE}, or null
 * @param interactive  a terminal is there to ask on and --yes was not given
 */
public record InstallRequest(String name, List<GivenAnswer> answers, Path answersFile, boolean replace,
                             boolean dryRun, boolean interactive, boolean noUpdate) {
    public InstallRequest {
        answers = List.copyOf(answers);
    }
}
