package org.vatools.vainstall.target;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * A server reached over SSH with JSch; nothing but a POSIX shell, coreutils and the package
 * manager is needed on it (no Java). Every command is one exec channel: stdout and stderr are
 * read on two threads, stdin is written on a third and closed, the exit status is the channel's.
 * Commands run as root: directly when the login user is root, otherwise through sudo
 * ({@link SudoMode}). Post-install checks open {@code direct-tcpip} channels, so they reach the
 * appliance exactly as the server itself would.
 */
public final class SshTarget implements Target {
    private static final long DRAIN_MILLIS = 5_000;

    private final Session session;
    private final SshSettings settings;
    private final ProgressSink progress;
    private final char[] sudoPassword;
    private final SudoMode sudo;
    private final boolean hostKeyRecorded;

    private SshTarget(Session session, SshSettings settings, ProgressSink progress, SudoMode sudo,
                      boolean hostKeyRecorded) {
        this.session = session;
        this.settings = settings;
        this.progress = progress;
        this.sudoPassword = settings.sudoPassword();
        this.sudo = sudo;
        this.hostKeyRecorded = hostKeyRecorded;
    }

    /** Connects, checks the host key, logs in with a key and settles how to become root. */
    public static SshTarget connect(SshSettings settings, ProgressSink progress) {
        String where = new SshAddress(settings.user(), settings.address().host(), settings.address().port()).toString();
        HostKeyCheck hostKeys;
        Session session;
        try {
            JSch jsch = new JSch();
            configureIdentities(jsch, settings);
            hostKeys = new HostKeyCheck(settings.knownHosts(), settings.acceptNewHostKey());
            jsch.setHostKeyRepository(hostKeys);
            session = jsch.getSession(settings.user(), settings.address().host(), settings.address().port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setServerAliveInterval(15_000);
            session.setServerAliveCountMax(4);
        } catch (JSchException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, where + ": cannot set up SSH: " + e.getMessage(), e);
        }
        try {
            session.connect((int) settings.connectTimeout().toMillis());
        } catch (JSchUnknownHostKeyException e) {
            HostKeyCheck.Offered o = hostKeys.offered();
            throw new ApplianceException(ExitCode.VERIFICATION_FAILED, settings.address() + ": the host key is not"
                    + " known (" + (o == null ? "?" : o.type() + " " + o.fingerprint()) + ", not in "
                    + settings.knownHosts() + "). Compare the fingerprint with the server's own"
                    + " (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on its console), then rerun with"
                    + " --accept-new-host-key to record it", e);
        } catch (JSchChangedHostKeyException e) {
            HostKeyCheck.Offered o = hostKeys.offered();
            throw new ApplianceException(ExitCode.VERIFICATION_FAILED, settings.address() + ": the host key has"
                    + " CHANGED (now " + (o == null ? "?" : o.type() + " " + o.fingerprint()) + "; "
                    + settings.knownHosts() + " holds another). Someone may be intercepting the connection."
                    + " If the server was reinstalled, remove the old key with ssh-keygen -R '"
                    + settings.address().knownHostsName() + "' and connect again", e);
        } catch (JSchException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, loginFailure(where, settings, e), e);
        }
        try {
            SudoMode sudo = settleSudo(session, settings, where);
            return new SshTarget(session, settings, progress, sudo, hostKeys.recorded());
        } catch (RuntimeException e) {
            session.disconnect();
            throw e;
        }
    }

    private static void configureIdentities(JSch jsch, SshSettings settings) throws JSchException {
        if (settings.identity() != null) {
            if (!Files.isReadable(settings.identity())) {
                throw new ApplianceException(ExitCode.NOT_FOUND, settings.identity() + ": no readable key file"
                        + " (--identity)");
            }
            jsch.addIdentity(settings.identity().toString());
            return;
        }
        if (settings.agentSocket() != null && Files.exists(settings.agentSocket())) {
            try {
                jsch.setIdentityRepository(new AgentIdentityRepository(
                        new SSHAgentConnector(new UnixDomainSocketFactory(), settings.agentSocket())));
                return;
            } catch (com.jcraft.jsch.AgentProxyException e) {
                throw new ApplianceException(ExitCode.ENVIRONMENT, "cannot use the ssh-agent at "
                        + settings.agentSocket() + ": " + e.getMessage(), e);
            }
        }
        for (Path key : settings.defaultIdentities()) {
            if (Files.isReadable(key)) {
                jsch.addIdentity(key.toString());
            }
        }
    }

    private static String loginFailure(String where, SshSettings settings, JSchException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Auth fail") || m.contains("USERAUTH fail")) {
            String tried = settings.identity() != null ? "the key " + settings.identity()
                    : settings.agentSocket() != null ? "the keys of the ssh-agent" : "the default keys in ~/.ssh";
            return where + ": the server did not accept " + tried + " (key authentication only; encrypted key"
                    + " files need the ssh-agent). Pass --identity FILE or load the key with ssh-add";
        }
        Throwable cause = e.getCause();
        String detail = cause != null ? cause.toString() : m;
        return where + ": cannot connect: " + detail;
    }

    private static SudoMode settleSudo(Session session, SshSettings settings, String where) {
        if (settings.user().equals("root")) {
            return SudoMode.NONE;
        }
        Command probe = Command.of("true").withTimeout(Duration.ofSeconds(30));
        ProgressSink quiet = ProgressSink.silent();
        if (exec(session, probe, SudoMode.NO_PASSWORD, null, quiet).succeeded()) {
            return SudoMode.NO_PASSWORD;
        }
        char[] pw = settings.sudoPassword();
        if (pw == null) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, where + ": " + settings.user() + " is not root and"
                    + " sudo wants a password; pass it with --sudo-password-env VAR or --sudo-password-file FILE,"
                    + " or log in as root");
        }
        Result r = exec(session, probe.redacting(List.of(new String(pw))), SudoMode.PASSWORD, pw, quiet);
        if (!r.succeeded()) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, where + ": sudo did not accept the password for "
                    + settings.user() + CommandFailedException.tail(r.stderrTail()));
        }
        return SudoMode.PASSWORD;
    }

    @Override
    public Result run(Command command) {
        Command c = sudo == SudoMode.PASSWORD ? command.redacting(List.of(new String(sudoPassword))) : command;
        return exec(session, c, sudo, sudoPassword, progress);
    }

    private static Result exec(Session session, Command command, SudoMode sudo, char[] password, ProgressSink progress) {
        progress.command(command);
        String line = RemoteCommandLine.build(command, sudo);
        byte[] stdin = RemoteCommandLine.stdin(command, sudo, password);
        ChannelExec channel;
        InputStream out;
        InputStream err;
        OutputStream in;
        long deadline = System.nanoTime() + command.timeout().toNanos();
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(line);
            out = channel.getInputStream();
            err = channel.getExtInputStream();
            in = channel.getOutputStream();
            channel.connect((int) Math.min(command.timeout().toMillis(), 60_000));
        } catch (JSchException | IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "cannot run '" + command.display() + "' over SSH: "
                    + e.getMessage(), e);
        }
        ProgressSink live = command.streamOutput() ? progress : null;
        OutputPump outPump = new OutputPump("vainstall-ssh-stdout", out, true, live, command.redactions());
        OutputPump errPump = new OutputPump("vainstall-ssh-stderr", err, false, live, command.redactions());
        outPump.start();
        errPump.start();
        Thread feeder = new Thread(() -> {
            try (in) {
                in.write(stdin);
                in.flush();
            } catch (IOException e) {
                // the command ended without reading everything; its exit status tells
            }
        }, "vainstall-ssh-stdin");
        feeder.setDaemon(true);
        feeder.start();
        try {
            while (!channel.isClosed() && System.nanoTime() < deadline) {
                outPump.finish(Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
                if (!outPump.isAlive() && !channel.isClosed()) {
                    Thread.sleep(5);
                }
            }
            if (!channel.isClosed()) {
                try {
                    channel.sendSignal("KILL");
                } catch (Exception e) {
                    // older servers ignore signals; closing the channel is all that is left
                }
                channel.disconnect();
                outPump.finish(DRAIN_MILLIS);
                errPump.finish(DRAIN_MILLIS);
                throw new CommandTimeoutException(command, command.timeout(), errPump.redactedText(),
                        "the SSH channel was closed and the server asked to kill it");
            }
            outPump.finish(DRAIN_MILLIS);
            errPump.finish(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            channel.disconnect();
            Thread.currentThread().interrupt();
            throw new ApplianceException(ExitCode.ENVIRONMENT, "interrupted while running '" + command.display() + "'", e);
        }
        int status = channel.getExitStatus();
        channel.disconnect();
        if (outPump.overflowed()) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "'" + command.display() + "' printed more than "
                    + (OutputPump.STDOUT_LIMIT >> 20) + " MiB; refusing to keep it in memory");
        }
        // -1: the server sent no exit status (the process died from a signal)
        return new Result(command, status < 0 ? 255 : status, outPump.bytes(), errPump.redactedText());
    }

    @Override
    public Result stream(Command command, StdinSource source, StdoutSink sink) {
        LocalTarget.requireNoStdin(command);
        Command c = sudo == SudoMode.PASSWORD ? command.redacting(List.of(new String(sudoPassword))) : command;
        progress.command(c);
        String line = RemoteCommandLine.build(c, sudo);
        byte[] prefix = RemoteCommandLine.stdin(c, sudo, sudoPassword);
        ChannelExec channel;
        InputStream out;
        InputStream err;
        OutputStream in;
        long deadline = System.nanoTime() + c.timeout().toNanos();
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(line);
            out = channel.getInputStream();
            err = channel.getExtInputStream();
            in = channel.getOutputStream();
            channel.connect((int) Math.min(c.timeout().toMillis(), 60_000));
        } catch (JSchException | IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "cannot run '" + c.display() + "' over SSH: "
                    + e.getMessage(), e);
        }
        StreamExchange.Stopper stop = () -> {
            try {
                channel.sendSignal("KILL");
            } catch (Exception e) {
                // older servers ignore signals; closing the channel is all that is left
            }
            channel.disconnect();
        };
        StreamExchange x;
        try {
            x = StreamExchange.run(c, prefix, in, out, err, source, sink, c.streamOutput() ? progress : null,
                    deadline, stop);
        } finally {
            java.util.Arrays.fill(prefix, (byte) 0);
        }
        try {
            while (!channel.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            channel.disconnect();
            Thread.currentThread().interrupt();
            throw new ApplianceException(ExitCode.ENVIRONMENT, "interrupted while running '" + c.display() + "'", e);
        }
        if (!channel.isClosed()) {
            stop.stop();
            x.finish();
            throw x.timeout("the SSH channel was closed and the server asked to kill it");
        }
        int status = channel.getExitStatus();
        channel.disconnect();
        return x.result(status < 0 ? 255 : status);
    }

    public SudoMode sudoMode() {
        return sudo;
    }

    /** True when this connection recorded the server's key in known_hosts (--accept-new-host-key). */
    public boolean hostKeyRecorded() {
        return hostKeyRecorded;
    }

    @Override
    public String describe() {
        SshAddress a = settings.address();
        return "ssh " + new SshAddress(settings.user(), a.host(), a.port());
    }

    @Override
    public boolean runsServices() {
        return true;
    }

    @Override
    public Optional<String> reachableHost() {
        return Optional.of(settings.address().host());
    }

    @Override
    public TargetConnection connect(String host, int port, Duration timeout) throws IOException {
        try {
            ChannelDirectTCPIP channel = (ChannelDirectTCPIP) session.openChannel("direct-tcpip");
            channel.setHost(host);
            channel.setPort(port);
            InputStream in = channel.getInputStream();
            OutputStream out = channel.getOutputStream();
            channel.connect((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return new TargetConnection() {
                @Override
                public InputStream input() {
                    return in;
                }

                @Override
                public OutputStream output() {
                    return out;
                }

                @Override
                public void close() {
                    channel.disconnect();
                }
            };
        } catch (JSchException e) {
            throw new IOException(host + ":" + port + " is not reachable from " + settings.address().host() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        session.disconnect();
        if (sudoPassword != null) {
            java.util.Arrays.fill(sudoPassword, '\0');
        }
    }
}
