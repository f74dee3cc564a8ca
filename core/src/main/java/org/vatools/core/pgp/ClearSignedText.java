package org.vatools.core.pgp;

/**
 * A verified clear-signed document.
 *
 * @param text       the signed text as gpgv extracts it: dash-escaping removed, trailing
 *                   blanks of each line removed (they are not signed), each line ending in LF.
 *                   For a Release file this is exactly what {@link Signer#clearSign} was given.
 * @param signatures who signed it
 */
public record ClearSignedText(String text, VerifiedSignatures signatures) {
}
