package org.vatools.vainstall.target;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * {@code [USER@]HOST[:PORT]} as given to {@code --host} or a line of {@code --hosts}; an IPv6
 * address with a port is written in brackets: {@code admin@[2001:db8::5]:2222}.
 */
public record SshAddress(String user, String host, int port) {
    public static final int DEFAULT_PORT = 22;
    private static final Pattern FORM = Pattern.compile(
            "(?:([A-Za-z0-9_][A-Za-z0-9_.-]*)@)?(?:\\[([0-9A-Fa-f:.%A-Za-z]+)]|([A-Za-z0-9_.-]+)|([0-9A-Fa-f:]+))(?::([0-9]{1,5}))?");

    public SshAddress {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static SshAddress parse(String text) {
        String t = text.strip();
        // a bare IPv6 address has several colons and no brackets: all of it is the host
        if (!t.contains("[") && t.indexOf(':') != t.lastIndexOf(':')) {
            int at = t.indexOf('@');
            String user = at < 0 ? null : t.substring(0, at);
            String host = t.substring(at + 1);
            if (host.matches("[0-9A-Fa-f:]+") && (user == null || user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*"))) {
                return new SshAddress(user, host, DEFAULT_PORT);
            }
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw bad(text);
        }
        String host = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        int port = DEFAULT_PORT;
        if (m.group(5) != null) {
            port = Integer.parseInt(m.group(5));
            if (port < 1 || port > 65535) {
                throw bad(text);
            }
        }
        return new SshAddress(m.group(1), host, port);
    }

    private static ApplianceException bad(String text) {
        return new ApplianceException(ExitCode.USAGE, "'" + text + "' is not [USER@]HOST[:PORT]"
                + " (an IPv6 address with a port goes in brackets: [2001:db8::5]:2222)");
    }

    public Optional<String> userName() {
        return Optional.ofNullable(user);
    }

    /** How known_hosts names this host: {@code host}, or {@code [host]:port} off port 22. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (user == null ? "" : user + "@") + h + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
