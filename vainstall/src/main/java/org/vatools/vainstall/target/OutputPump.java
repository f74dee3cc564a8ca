package org.vatools.vainstall.target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads one output stream of a running command on its own thread, so stdout and stderr drain
 * concurrently and a chatty command never blocks on a full pipe. Keeps everything (stdout, up
 * to a limit) or only the last bytes (stderr), and forwards complete lines to a live sink.
 */
final class OutputPump extends Thread {
    /** stdout kept in full up to this size; more is an error the caller reports. */
    static final int STDOUT_LIMIT = 256 << 20;
    /** stderr: only the last bytes are kept. */
    static final int STDERR_KEEP = 256 << 10;

    private final InputStream in;
    private final boolean keepAll;
    private final ProgressSink live;
    private final Set<String> redactions;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private byte[] ring;
    private int ringStart;
    private int ringLength;
    private boolean overflow;
    private boolean carriageReturn;

    /**
     * @param keepAll true for stdout (kept whole), false for stderr (tail only)
     * @param live    receives complete lines, or null when the output is not shown live
     */
    OutputPump(String name, InputStream in, boolean keepAll, ProgressSink live, Set<String> redactions) {
        super(name);
        setDaemon(true);
        this.in = in;
        this.keepAll = keepAll;
        this.live = live;
        this.redactions = redactions;
        this.ring = keepAll ? null : new byte[STDERR_KEEP];
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (this) {
                    keep(buf, n);
                }
                if (live != null) {
                    forwardLines(buf, n);
                }
            }
        } catch (IOException e) {
            // the stream closed under us (process killed, channel closed); what was read is kept
        }
        if (live != null && line.size() > 0) {
            emit();
        }
    }

    private void keep(byte[] buf, int n) {
        if (keepAll) {
            if (all.size() + n > STDOUT_LIMIT) {
                overflow = true;
                return;
            }
            all.write(buf, 0, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            int pos = (ringStart + ringLength) % ring.length;
            ring[pos] = buf[i];
            if (ringLength < ring.length) {
                ringLength++;
            } else {
                ringStart = (ringStart + 1) % ring.length;
            }
        }
    }

    /**
     * Complete lines go to the sink. A carriage return not followed by a line feed is a progress
     * line being redrawn (dpkg's "Reading database ... 45%"): what follows replaces it, so only the
     * last state of such a line is shown.
     */
    private void forwardLines(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (carriageReturn && b != '\n') {
                line.reset();
            }
            carriageReturn = false;
            if (b == '\n') {
                if (line.size() > 0) {
                    emit();
                }
            } else if (b == '\r') {
                carriageReturn = true;
            } else {
                line.write(b);
            }
        }
    }

    private void emit() {
        live.output(Redaction.apply(line.toString(StandardCharsets.UTF_8), redactions));
        line.reset();
    }

    synchronized byte[] bytes() {
        if (keepAll) {
            return all.toByteArray();
        }
        byte[] out = new byte[ringLength];
        for (int i = 0; i < ringLength; i++) {
            out[i] = ring[(ringStart + i) % ring.length];
        }
        return out;
    }

    /** The kept text with secrets masked. */
    String redactedText() {
        return Redaction.apply(new String(bytes(), StandardCharsets.UTF_8), redactions);
    }

    synchronized boolean overflowed() {
        return overflow;
    }

    /** Waits for the stream to end, at most {@code millis}; a grandchild may hold the pipe open. */
    void finish(long millis) throws InterruptedException {
        join(millis);
    }
}
