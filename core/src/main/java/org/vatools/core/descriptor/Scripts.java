package org.vatools.core.descriptor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The appliance's own maintainer steps, POSIX sh scripts in the appliance folder. The package
 * builder embeds them in the generated maintainer scripts (postinst/%post and so on), so they
 * run with {@code set -e} and the {@code VA_*} environment described in docs/reference/descriptor.md.
 *
 * @param configure turns the stock packages into the appliance (postinst configure, %post)
 * @param remove    undoes runtime wiring before removal (prerm remove, %preun on erase)
 * @param purge     deletes the appliance's data on purge (postrm purge; rpm has no purge)
 */
public record Scripts(Path configure, Path remove, Path purge) {

    public static Scripts none() {
        return new Scripts(null, null, null);
    }

    public Optional<Path> configureScript() {
        return Optional.ofNullable(configure);
    }

    public Optional<Path> removeScript() {
        return Optional.ofNullable(remove);
    }

    public Optional<Path> purgeScript() {
        return Optional.ofNullable(purge);
    }
}
