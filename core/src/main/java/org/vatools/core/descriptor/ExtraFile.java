package org.vatools.core.descriptor;

import java.nio.file.Path;
import java.util.Set;

/**
 * A file the appliance package installs.
 *
 * @param source   the file in the appliance folder (resolved, existing)
 * @param target   absolute path on the host, e.g. {@code /etc/apache2/conf-available/wiki.conf}
 * @param mode     permission bits, e.g. 0644
 * @param config   a configuration file: dpkg conffile / rpm %config(noreplace)
 * @param families the package families that carry it (all supported families by default)
 */
public record ExtraFile(Path source, String target, int mode, boolean config, Set<Family> families) {
    public ExtraFile {
        families = Set.copyOf(families);
    }
}
