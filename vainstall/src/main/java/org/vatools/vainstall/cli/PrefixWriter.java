package org.vatools.vainstall.cli;

import java.io.PrintWriter;
import java.io.Writer;

/** Writes whole lines to a shared writer, each starting with a prefix (the host of --hosts). */
final class PrefixWriter extends Writer {
    private final PrintWriter target;
    private final String prefix;
    private final StringBuilder line = new StringBuilder();

    PrefixWriter(PrintWriter target, String prefix) {
        this.target = target;
        this.prefix = prefix;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = cbuf[i];
            if (c == '\n') {
                emit();
            } else {
                line.append(c);
            }
        }
    }

    private void emit() {
        synchronized (target) {
            target.println(prefix + line);
            target.flush();
        }
        line.setLength(0);
    }

    @Override
    public void flush() {
        // whole lines only; a partial line waits for its end
    }

    @Override
    public void close() {
        if (line.length() > 0) {
            emit();
        }
    }
}
