package org.vatools.vainstall.backup;

import java.nio.file.Path;

/** A backup written: where, how big, its SHA-256 as it lies on disk, and what it holds. */
public record BackupResult(Path file, long size, String sha256, BackupInfo info, boolean encrypted) {
}
