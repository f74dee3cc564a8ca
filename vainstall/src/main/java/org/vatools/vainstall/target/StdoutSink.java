package org.vatools.vainstall.target;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a streaming command's standard output as it arrives ({@link Target#stream}), on the
 * calling thread. Whatever it leaves unread is drained and dropped. When it throws, the command is
 * stopped and the exception is passed on.
 */
@FunctionalInterface
public interface StdoutSink {
    void readFrom(InputStream stdout) throws IOException;
}
