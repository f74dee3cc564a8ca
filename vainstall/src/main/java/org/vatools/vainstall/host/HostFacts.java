package org.vatools.vainstall.host;

/**
 * What a target offers, as the appliance's host requirements ask about it.
 *
 * @param architecture  Debian's name for it (amd64, arm64...)
 * @param memoryBytes   MemTotal
 * @param diskFreeBytes space available on the target's {@code /}
 */
public record HostFacts(OsRelease os, String architecture, long memoryBytes, long diskFreeBytes) {
}
