package org.vatools.core.pkg.io;

import java.io.IOException;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

/** The errors the package readers raise, worded the same way for .deb and .rpm. */
public final class PackageProblems {
    private PackageProblems() {
    }

    public static InvalidInputException invalid(String source, String message) {
        return new InvalidInputException(Problem.inFile(source, message));
    }

    public static InvalidInputException truncated(String source, String message) {
        return new InvalidInputException(Problem.inFile(source, "truncated: " + message
                + "; the file is incomplete, download or build it again"));
    }

    /**
     * Turns an exception from a decompressor or archive parser into what the user should see: the
     * underlying read failure if the disk failed, else invalid input naming what was being read.
     */
    public static IOException corruptOrIo(String source, String what, Exception e) throws IOException {
        IOException io = SourceReadException.underlying(e);
        if (io != null) {
            throw io;
        }
        if (e instanceof InvalidInputException invalid) {
            throw invalid;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw invalid(source, what + " is corrupt: " + reason);
    }
}
