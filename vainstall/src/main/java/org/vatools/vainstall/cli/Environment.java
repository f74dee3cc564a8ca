package org.vatools.vainstall.cli;

import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may know about the process it runs in, passed in once by {@link VainstallMain}:
 * no command reads System.getenv, System.console or the clock by itself.
 *
 * @param variables  the process environment (SSH_AUTH_SOCK, the sudo password variable...)
 * @param home       the user's home (for ~/.ssh)
 * @param userName   the local user name (the default SSH login)
 * @param workingDir relative paths (--root, --answers) resolve against it
 * @param console    the terminal, or null when there is none
 * @param targets    opens targets; tests pass one that hands out fakes
 */
public record Environment(Map<String, String> variables, Path home, String userName, Path workingDir,
                          Console console, Clock clock, TargetFactory targets) {
    public Environment {
        variables = Map.copyOf(variables);
    }

    public Optional<Console> terminal() {
        return Optional.ofNullable(console);
    }

    /** The environment of this process. */
    public static Environment ofProcess() {
        Map<String, String> env = System.getenv();
        Path home = Path.of(System.getProperty("user.home"));
        String user = env.getOrDefault("USER", System.getProperty("user.name"));
        return new Environment(env, home, user, Path.of("").toAbsolutePath(), System.console(), Clock.systemUTC(),
                new DefaultTargetFactory(env));
    }
}
