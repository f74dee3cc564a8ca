package org.vatools.repotools.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vatools.core.pgp.SignatureVerifier;

/**
 * Checks one format's part of a published repository, as {@code repo-tools verify} reports it:
 * every signature, every hash an index lists, every pool file against its index entry, every
 * package signature, every seed hash.
 */
public interface FormatVerifier {
    String name();

    /** Returns every mismatch found, each naming the file and what differs; empty when all verifies. */
    List<String> verify(Path repoRoot, SignatureVerifier verifier) throws IOException;
}
