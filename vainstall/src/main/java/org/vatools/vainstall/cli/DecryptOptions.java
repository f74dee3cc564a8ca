package org.vatools.vainstall.cli;

import java.nio.file.Path;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.DecryptionKey;
import org.vatools.core.pgp.Passphrase;
import picocli.CommandLine.Option;

/** --decrypt-key and its passphrase, for reading encrypted backups. */
public final class DecryptOptions {
    @Option(names = "--decrypt-key", paramLabel = "FILE", description = "The secret key an encrypted backup was"
            + " encrypted to ('gpg --export-secret-keys --armor KEYID' output).")
    Path decryptKey;

    @Option(names = "--passphrase-env", paramLabel = "VAR", description = "The secret key's passphrase is in"
            + " environment variable VAR.")
    String passphraseEnv;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "The secret key's passphrase is the"
            + " first line of FILE.")
    Path passphraseFile;

    /** The key, or null when none was given. */
    DecryptionKey key(Environment env) {
        if (passphraseEnv != null && passphraseFile != null) {
            throw new ApplianceException(ExitCode.USAGE, "give the passphrase one way: --passphrase-env or"
                    + " --passphrase-file");
        }
        if (decryptKey == null) {
            if (passphraseEnv != null || passphraseFile != null) {
                throw new ApplianceException(ExitCode.USAGE, "--passphrase-env and --passphrase-file need --decrypt-key");
            }
            return null;
        }
        Passphrase passphrase = passphraseEnv != null ? Passphrase.fromEnvironment(passphraseEnv, env.variables())
                : passphraseFile != null ? Passphrase.fromFile(env.workingDir().resolve(passphraseFile))
                : Passphrase.none();
        return DecryptionKey.load(env.workingDir().resolve(decryptKey), passphrase);
    }
}
