package org.vatools.vainstall.pm;

import java.util.List;
import java.util.Locale;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.target.CommandFailedException;
import org.vatools.vainstall.target.Result;

/** Tells a failed signature or checksum apart from other package manager failures. */
final class Failures {
    private static final List<String> VERIFICATION = List.of(
            "no_pubkey", "signatures couldn't be verified", "signatures were invalid", "badsig",
            "is not signed", "invalid signature", "hash sum mismatch", "gpg check failed",
            "signature verification", "gpg error", "public key for", "repomd.xml gpg",
            "bad gpg signature", "expkeysig", "the repository is not updated");

    private Failures() {
    }

    static boolean isVerification(Result r) {
        String text = (r.stderrTail() + "\n" + r.stdoutText()).toLowerCase(Locale.ROOT);
        return VERIFICATION.stream().anyMatch(text::contains);
    }

    static CommandFailedException of(Result r, String what) {
        if (isVerification(r)) {
            return new CommandFailedException(ExitCode.VERIFICATION_FAILED, what
                    + " (a signature or checksum did not verify; nothing was installed)", r);
        }
        return new CommandFailedException(ExitCode.PACKAGE_MANAGER, what, r);
    }
}
