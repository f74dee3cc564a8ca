package org.vatools.core.pgp;

/**
 * A verified clear-signed document.
 *
 * @param text       the signed text, dash-escaping removed, each line ending in LF (what
 *                   {@link Signer#clearSign} was given, with a final LF added when it had none)
 * @param signatures who signed it
 */
public record ClearSignedText(String text, VerifiedSignatures signatures) {
}
