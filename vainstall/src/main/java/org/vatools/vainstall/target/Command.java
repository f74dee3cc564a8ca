package org.vatools.vainstall.target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One program to run on a target: an argv list (never a shell string), extra environment, bytes
 * for its stdin, a timeout, and whether its output is shown live to the person running vainstall.
 * <p>
 * Secrets travel only in {@code stdin}. {@code redactions} lists secret strings the command might
 * echo back (debconf-set-selections repeats bad lines); they are masked in live output, in the
 * stderr tail and in every message. {@link #toString()} never shows stdin or the redactions.
 *
 * @param directory working directory on the target, or null for the target's default
 */
public record Command(List<String> argv, Map<String, String> env, byte[] stdin, Duration timeout,
                      boolean streamOutput, String directory, Set<String> redactions) {
    /** Used when a command does not say otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** PATH for commands in a chroot or over SSH, where the login's own PATH may lack the sbin folders. */
    public static final String STANDARD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,^-]+");

    public Command {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        for (String a : argv) {
            Objects.requireNonNull(a, "argv element");
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argv element contains NUL: " + a);
            }
        }
        argv = List.copyOf(argv);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        stdin = stdin == null ? null : stdin.clone();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        redactions = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(redactions));
    }

    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), null, DEFAULT_TIMEOUT, false, null, Set.of());
    }

    @Override
    public byte[] stdin() {
        return stdin == null ? null : stdin.clone();
    }

    public Command withArgv(List<String> newArgv) {
        return new Command(newArgv, env, stdin, timeout, streamOutput, directory, redactions);
    }

    public Command withEnv(String name, String value) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(name, value);
        return new Command(argv, e, stdin, timeout, streamOutput, directory, redactions);
    }

    public Command withoutEnv() {
        return new Command(argv, Map.of(), stdin, timeout, streamOutput, directory, redactions);
    }

    public Command withStdin(byte[] bytes) {
        return new Command(argv, env, bytes, timeout, streamOutput, directory, redactions);
    }

    public Command withTimeout(Duration t) {
        return new Command(argv, env, stdin, t, streamOutput, directory, redactions);
    }

    /** Output is shown live (package manager progress) as well as captured. */
    public Command streaming() {
        return new Command(argv, env, stdin, timeout, true, directory, redactions);
    }

    public Command inDirectory(String dir) {
        return new Command(argv, env, stdin, timeout, streamOutput, dir, redactions);
    }

    public Command withoutDirectory() {
        return new Command(argv, env, stdin, timeout, streamOutput, null, redactions);
    }

    /** Masks these strings (secrets) wherever the command's output is shown or reported. */
    public Command redacting(Collection<String> secrets) {
        Set<String> r = new LinkedHashSet<>(redactions);
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                r.add(s);
            }
        }
        return new Command(argv, env, stdin, timeout, streamOutput, directory, r);
    }

    /** Replaces every redacted string in {@code text} with {@value Redaction#MASK}. */
    public String redact(String text) {
        return Redaction.apply(text, redactions);
    }

    /** The program name: {@code apt-get}. */
    public String program() {
        return argv.get(0);
    }

    /** How a person would type it in a POSIX shell: env assignments, then quoted argv. */
    public String display() {
        List<String> parts = new ArrayList<>();
        env.forEach((k, v) -> parts.add(k + "=" + quote(v)));
        for (String a : argv) {
            parts.add(quote(a));
        }
        return String.join(" ", parts);
    }

    /** Single-quotes a word for a POSIX shell unless it is made of plain characters only. */
    public static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return display();
    }
}
