package org.vatools.core.pkg.io;

import java.io.IOException;

/**
 * The file under a package could not be read (a disk or network error), as opposed to holding
 * bytes that are not a valid package. Parsers let it pass through decompressors and rethrow it,
 * so the command reports an I/O error naming the file, not invalid input.
 */
public final class SourceReadException extends IOException {
    private static final long serialVersionUID = 1L;

    public SourceReadException(String source, IOException cause) {
        super(source + ": " + cause.getMessage(), cause);
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }

    /** The read failure hidden in {@code e} or its causes (or suppressed exceptions), if there is one. */
    public static SourceReadException underlying(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceReadException s) {
                return s;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SourceReadException s) {
                    return s;
                }
            }
        }
        return null;
    }
}
