package org.vatools.vainstall.target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach and log in to an SSH server.
 *
 * @param address          where; a missing user means {@code defaultUser}
 * @param defaultUser      the local user name (OpenSSH's default)
 * @param identity         a private key file ({@code --identity}); null to use the agent or the default keys
 * @param agentSocket      the ssh-agent socket (SSH_AUTH_SOCK), or null
 * @param defaultIdentities key files tried when there is neither an identity nor an agent (~/.ssh/id_ed25519...)
 * @param knownHosts       the known_hosts file host keys are checked against
 * @param acceptNewHostKey record an unknown host key instead of refusing it
 * @param sudoPassword     the sudo password, or null for {@code sudo -n}
 */
public record SshSettings(SshAddress address, String defaultUser, Path identity, Path agentSocket,
                          List<Path> defaultIdentities, Path knownHosts, boolean acceptNewHostKey,
                          char[] sudoPassword, Duration connectTimeout) {
    public SshSettings {
        defaultIdentities = List.copyOf(defaultIdentities);
        sudoPassword = sudoPassword == null ? null : sudoPassword.clone();
    }

    public String user() {
        return address.userName().orElse(defaultUser);
    }

    @Override
    public char[] sudoPassword() {
        return sudoPassword == null ? null : sudoPassword.clone();
    }

    @Override
    public String toString() {
        return "SshSettings[" + user() + "@" + address.host() + ":" + address.port() + "]";
    }
}
