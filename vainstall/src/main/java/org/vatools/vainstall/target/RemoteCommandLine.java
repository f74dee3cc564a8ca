package org.vatools.vainstall.target;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Command} into the one string an SSH exec request carries, with every argv element
 * quoted for the remote POSIX shell, and the stdin bytes to send. The environment is set with
 * {@code env NAME=VALUE} (sshd drops most client variables, sudo resets them), the working folder
 * with {@code env -C}. With sudo and a password, the password is the first line of stdin
 * ({@code sudo -S}); {@code -k} makes sudo read it every time, so it can never reach the command
 * instead, and {@code -p ''} keeps sudo's prompt out of the output.
 */
public final class RemoteCommandLine {
    private RemoteCommandLine() {
    }

    public static String build(Command command, SudoMode sudo) {
        List<String> words = new ArrayList<>();
        switch (sudo) {
            case NO_PASSWORD -> words.addAll(List.of("sudo", "-n", "--"));
            case PASSWORD -> words.addAll(List.of("sudo", "-k", "-S", "-p", "", "--"));
            default -> {
            }
        }
        words.add("env");
        if (command.directory() != null) {
            words.add("-C");
            words.add(command.directory());
        }
        if (!command.env().containsKey("PATH")) {
            words.add("PATH=" + Command.STANDARD_PATH);
        }
        for (Map.Entry<String, String> e : command.env().entrySet()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not an environment variable name: " + e.getKey());
            }
            words.add(e.getKey() + "=" + e.getValue());
        }
        words.addAll(command.argv());
        List<String> quoted = new ArrayList<>();
        for (String w : words) {
            quoted.add(Command.quote(w));
        }
        return String.join(" ", quoted);
    }

    /** The bytes to send on stdin: the sudo password line first when sudo reads one. */
    public static byte[] stdin(Command command, SudoMode sudo, char[] sudoPassword) {
        byte[] in = command.stdin() == null ? new byte[0] : command.stdin();
        if (sudo != SudoMode.PASSWORD) {
            return in;
        }
        byte[] pw = (new String(sudoPassword) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[pw.length + in.length];
        System.arraycopy(pw, 0, out, 0, pw.length);
        System.arraycopy(in, 0, out, pw.length, in.length);
        java.util.Arrays.fill(pw, (byte) 0);
        return out;
    }
}
