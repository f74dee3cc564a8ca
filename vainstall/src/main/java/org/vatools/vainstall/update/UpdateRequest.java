package org.vatools.vainstall.update;

import java.nio.file.Path;

/**
 * What {@code vainstall update} was asked to do.
 *
 * @param name               the appliance, or null for the one installed
 * @param backup             where the backup taken first is written (on the machine vainstall runs on)
 * @param rollbackOnFailure  roll back (old version, then the backup) when the upgrade or a check fails
 * @param noUpdate           do not refresh the package lists first
 */
public record UpdateRequest(String name, Path backup, boolean rollbackOnFailure,
                            boolean noUpdate) {
}
