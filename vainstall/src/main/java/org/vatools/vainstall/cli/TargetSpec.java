package org.vatools.vainstall.cli;

import java.nio.file.Path;
import java.util.List;
import org.vatools.vainstall.target.SshAddress;

/**
 * Which target one run works on: the local host, an SSH server, and optionally a root folder on
 * either.
 *
 * @param host null for the local host
 * @param root null, or the chroot folder (absolute; on the SSH server when host is set)
 */
public record TargetSpec(SshAddress host, String root, SshOptions ssh) {
    /** How to log in to SSH servers (shared by every host of --hosts). */
    public record SshOptions(String defaultUser, Path identity, Path agentSocket, List<Path> defaultIdentities,
                             Path knownHosts, boolean acceptNewHostKey, char[] sudoPassword) {
        public SshOptions {
            defaultIdentities = List.copyOf(defaultIdentities);
        }

        @Override
        public String toString() {
            return "SshOptions[" + defaultUser + ", identity=" + identity + ", knownHosts=" + knownHosts + "]";
        }
    }

    /** The name shown on a per-host result line (--hosts share one --root, so the host says it all). */
    public String label() {
        return host == null ? (root == null ? "localhost" : root) : host.toString();
    }
}
