package org.vatools.repotools.build;

import java.nio.file.Path;
import org.vatools.core.descriptor.Family;

/** A package file that was written completely: where, how big, its SHA-256 (lowercase hex). */
public record BuiltPackage(String appliance, Family family, Path file, long size, String sha256) {
}
