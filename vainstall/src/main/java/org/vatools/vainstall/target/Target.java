package org.vatools.vainstall.target;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where vainstall does its work: the local host, a chroot, or a server over SSH. This is the one
 * port every install path goes through: commands are argv lists run by {@link #run}, and file
 * operations ({@link #files()}) are expressed as commands too, so the same code works on every
 * target.
 */
public interface Target extends AutoCloseable {

    /**
     * Runs a command to completion and returns how it ended; a non-zero exit is a result, not an
     * exception. A program that does not exist ends with {@link Result#NOT_FOUND}.
     *
     * @throws CommandTimeoutException when it does not finish within its timeout (it is stopped)
     * @throws org.vatools.core.ApplianceException when it cannot be started at all
     */
    Result run(Command command);

    /**
     * Runs a command whose standard input and output are streams: {@code stdin} writes its input
     * on a thread of its own, {@code stdout} reads its output on the calling thread as it arrives,
     * and neither is held in memory whole (backups and restores move gigabytes this way). The
     * result carries the exit status and the stderr tail; its stdout is empty. The command must
     * not carry stdin bytes of its own.
     *
     * @param stdin  writes the input, or null for none
     * @param stdout reads the output, or null to drop it
     * @throws CommandTimeoutException when it does not finish within its timeout (it is stopped)
     * @throws org.vatools.core.ApplianceException what {@code stdin} threw other than an IOException,
     *         what {@code stdout} threw (the command is stopped first), or ENVIRONMENT when this
     *         target cannot stream
     */
    default Result stream(Command command, StdinSource stdin, StdoutSink stdout) {
        throw new org.vatools.core.ApplianceException(org.vatools.core.ExitCode.ENVIRONMENT, describe()
                + " cannot stream a command's input and output");
    }

    /** Names the target in messages: {@code the local host}, {@code chroot /srv/img}, {@code ssh admin@web1:22}. */
    String describe();

    /** False in a chroot: services do not run there, so post-install checks are skipped. */
    boolean runsServices();

    /** The host name people use to reach this target, when it is not the machine vainstall runs on. */
    Optional<String> reachableHost();

    /** Opens a TCP connection to {@code host:port} as the target sees it. */
    TargetConnection connect(String host, int port, Duration timeout) throws IOException;

    /** File operations on this target, run through {@link #run}. */
    default TargetFiles files() {
        return new TargetFiles(this);
    }

    /** Undoes what opening the target set up (mounts, policy-rc.d, SSH session). */
    @Override
    void close();
}
