package org.vatools.vainstall.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.vainstall.target.SshAddress;
import picocli.CommandLine.Option;

/** Where a command works: the local host by default, --root DIR, --host, or --hosts FILE. */
public final class TargetOptions {
    @Option(names = "--root", paramLabel = "DIR", description = "Work inside this root folder (a chroot: image"
            + " builds). With --host, the folder is on the server. Services do not start there.")
    String root;

    @Option(names = "--host", paramLabel = "[USER@]HOST[:PORT]", description = "Work on this server over SSH"
            + " (no Java needed there).")
    String host;

    @Option(names = "--hosts", paramLabel = "FILE", description = "Work on every server listed in FILE"
            + " ([USER@]HOST[:PORT] per line, '#' comments); prints one result line per host.")
    Path hostsFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "With --hosts: how many"
            + " servers at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = {"-i", "--identity"}, paramLabel = "FILE", description = "SSH private key file (default:"
            + " the ssh-agent, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
    Path identity;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "Check host keys against FILE"
            + " (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--accept-new-host-key", description = "Record the host key of a server not yet in"
            + " known_hosts instead of refusing it. A changed key is always refused.")
    boolean acceptNewHostKey;

    @Option(names = "--sudo-password-env", paramLabel = "VAR", description = "When the SSH user is not root:"
            + " the sudo password is in environment variable VAR (fed to sudo on stdin).")
    String sudoPasswordEnv;

    @Option(names = "--sudo-password-file", paramLabel = "FILE", description = "When the SSH user is not root:"
            + " the sudo password is the first line of FILE (fed to sudo on stdin).")
    Path sudoPasswordFile;

    boolean many() {
        return hostsFile != null;
    }

    /** The targets to work on, validated; one unless --hosts. */
    List<TargetSpec> specs(Environment env) {
        if (host != null && hostsFile != null) {
            throw new ApplianceException(ExitCode.USAGE, "--host and --hosts exclude each other");
        }
        if (parallel < 1) {
            throw new ApplianceException(ExitCode.USAGE, "--parallel must be at least 1");
        }
        boolean ssh = host != null || hostsFile != null;
        if (!ssh && (identity != null || knownHosts != null || acceptNewHostKey || sudoPasswordEnv != null
                || sudoPasswordFile != null)) {
            throw new ApplianceException(ExitCode.USAGE, "SSH options (--identity, --known-hosts,"
                    + " --accept-new-host-key, --sudo-password-*) need --host or --hosts");
        }
        if (sudoPasswordEnv != null && sudoPasswordFile != null) {
            throw new ApplianceException(ExitCode.USAGE, "give the sudo password one way: --sudo-password-env or"
                    + " --sudo-password-file");
        }
        String chroot = null;
        if (root != null) {
            if (ssh) {
                if (!root.startsWith("/")) {
                    throw new ApplianceException(ExitCode.USAGE, "--root " + root + ": give an absolute path on the"
                            + " server");
                }
                chroot = root;
            } else {
                chroot = env.workingDir().resolve(root).normalize().toString();
            }
        }
        if (!ssh) {
            return List.of(new TargetSpec(null, chroot, null));
        }
        TargetSpec.SshOptions options = sshOptions(env);
        List<TargetSpec> out = new ArrayList<>();
        if (host != null) {
            out.add(new TargetSpec(SshAddress.parse(host), chroot, options));
            return out;
        }
        for (SshAddress a : readHosts(env.workingDir().resolve(hostsFile))) {
            out.add(new TargetSpec(a, chroot, options));
        }
        return out;
    }

    private TargetSpec.SshOptions sshOptions(Environment env) {
        Path ssh = env.home().resolve(".ssh");
        Path agent = env.variables().containsKey("SSH_AUTH_SOCK") ? Path.of(env.variables().get("SSH_AUTH_SOCK")) : null;
        List<Path> defaults = List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa"));
        Path kh = knownHosts != null ? env.workingDir().resolve(knownHosts) : ssh.resolve("known_hosts");
        Path id = identity != null ? env.workingDir().resolve(identity) : null;
        return new TargetSpec.SshOptions(env.userName(), id, id != null ? null : agent, defaults, kh, acceptNewHostKey,
                sudoPassword(env));
    }

    private char[] sudoPassword(Environment env) {
        if (sudoPasswordEnv != null) {
            String v = env.variables().get(sudoPasswordEnv);
            if (v == null) {
                throw new ApplianceException(ExitCode.USAGE, "--sudo-password-env " + sudoPasswordEnv
                        + ": that environment variable is not set");
            }
            return v.toCharArray();
        }
        if (sudoPasswordFile != null) {
            try {
                String text = Files.readString(env.workingDir().resolve(sudoPasswordFile), StandardCharsets.UTF_8);
                return text.lines().findFirst().orElse("").toCharArray();
            } catch (IOException e) {
                throw new ApplianceException(ExitCode.NOT_FOUND, sudoPasswordFile + ": cannot read the sudo password"
                        + " file: " + e.getMessage(), e);
            }
        }
        return null;
    }

    static List<SshAddress> readHosts(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.NOT_FOUND, file + ": cannot read the hosts file: " + e.getMessage(), e);
        }
        List<SshAddress> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                out.add(SshAddress.parse(l));
            } catch (ApplianceException e) {
                problems.add(Problem.at(file.toString(), i + 1, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (out.isEmpty()) {
            throw new ApplianceException(ExitCode.USAGE, file + " lists no hosts");
        }
        return out;
    }
}
