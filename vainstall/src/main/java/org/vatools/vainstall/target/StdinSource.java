package org.vatools.vainstall.target;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a streaming command's standard input ({@link Target#stream}); runs on a thread of its own
 * and may write any amount. The stream is closed after it returns.
 * <p>
 * An {@link IOException} means the command stopped reading (its exit status then tells why);
 * anything else it throws (a refusal of the data it was copying) is rethrown by
 * {@link Target#stream} once the command has ended.
 */
@FunctionalInterface
public interface StdinSource {
    void writeTo(OutputStream stdin) throws IOException;
}
