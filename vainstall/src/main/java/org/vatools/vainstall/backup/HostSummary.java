package org.vatools.vainstall.backup;

/**
 * Where a backup was made, for people reading info.yaml; restores do not depend on it.
 *
 * @param target how vainstall reached it: {@code the local host}, {@code chroot /srv/img}, {@code ssh root@web1:22}
 */
public record HostSummary(String hostname, String os, String osId, String osVersion, String architecture,
                          String target) {
}
