package org.vatools.vainstall.backup;

import java.nio.file.Path;
import org.vatools.core.pgp.EncryptionKey;

/**
 * What {@code vainstall backup} was asked to do.
 *
 * @param name      the appliance, or null for the one installed
 * @param out       the backup file to write (on the machine vainstall runs on)
 * @param encryptTo the key to encrypt to, or null for a plain zip
 * @param overwrite replace {@code out} if it exists
 */
public record BackupRequest(String name, Path out, EncryptionKey encryptTo, boolean overwrite) {
}
