package org.vatools.repotools.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.GeneratedKey;
import org.vatools.core.pgp.KeyAlgorithm;
import org.vatools.core.pgp.KeyFiles;
import org.vatools.core.pgp.KeyGenerator;
import org.vatools.core.pgp.KeyLifetime;
import org.vatools.core.pgp.KeySpec;
import org.vatools.core.pgp.Passphrase;
import org.vatools.core.pgp.UserId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repo-tools keygen --out DIR}: creates a repository signing key with BouncyCastle and
 * writes signing-key.asc (0600), archive-keyring.asc and archive-keyring.gpg; prints the
 * fingerprint. Never overwrites a key; writes nothing when anything fails.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Creates a repository signing key (no gpg needed).",
            "Writes DIR/" + KeyFiles.SECRET_KEY + " (the secret key, mode 0600), DIR/" + KeyFiles.ARMORED_KEYRING
                + " (the public key for dnf's gpgkey and rpm --import) and DIR/" + KeyFiles.BINARY_KEYRING
                + " (the same key as a binary keyring, for apt's signed-by and gpgv),"
                + " and prints the fingerprint (only the fingerprint with --quiet).",
            "Never overwrites an existing key. The passphrase comes from an environment variable or a file,"
                + " never from the command line; without one the secret key is stored unprotected."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:key created", " 2:invalid option", " 3:invalid name or e-mail address",
            " 4:passphrase variable not set, folder not writable", " 6:a key already exists in DIR",
            "11:passphrase file not found"})
public final class KeygenCommand implements Callable<Integer>, GlobalOptions.Aware, EnvironmentAware {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the key files; created (mode 0700) when missing.")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "Appliance Repository Signing Key",
            description = "Name in the key's user id (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--email", paramLabel = "EMAIL",
            description = "E-mail address in the user id: 'NAME <EMAIL>'.")
    String email;

    @Option(names = "--algorithm", paramLabel = "rsa4096|ed25519", defaultValue = "rsa4096",
            description = "Key type (default: ${DEFAULT-VALUE}, which every apt, dnf and rpm reads;"
                    + " ed25519 needs gpg 2.1+ and rpm 4.16+).")
    String algorithm;

    @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "never",
            description = "How long the key is valid: never, or a number with d, w, m (30 days) or y"
                    + " (365 days), such as 2y or 180d (default: ${DEFAULT-VALUE}).")
    String expires;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PassphraseSource passphraseSource;

    /** Where the passphrase comes from: one of the two, never argv. */
    static final class PassphraseSource {
        @Option(names = "--passphrase-env", paramLabel = "VAR",
                description = "Protect the secret key with the passphrase in environment variable VAR.")
        String variable;

        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "Protect the secret key with the first line of FILE.")
        Path file;
    }

    private Map<String, String> env = Map.of();
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();

    @Override
    public void environment(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public GlobalOptions global() {
        return global;
    }

    @Override
    public Integer call() {
        KeyAlgorithm keyAlgorithm = KeyAlgorithm.parse(algorithm);
        KeyLifetime lifetime = KeyLifetime.parse(expires);
        UserId userId = new UserId(name, email);
        KeyFiles.refuseExisting(out);
        Passphrase passphrase = passphrase();
        PrintWriter err = spec.commandLine().getErr();
        if (!global.quiet && keyAlgorithm == KeyAlgorithm.RSA_4096) {
            err.println("repo-tools: generating an RSA-4096 key; this takes a few seconds");
            err.flush();
        }
        KeySpec keySpec = new KeySpec(userId, keyAlgorithm, clock.instant(), lifetime);
        GeneratedKey key = new KeyGenerator(random).generate(keySpec, passphrase);
        KeyFiles.Written written = KeyFiles.writeNew(out, key);
        report(key, written, passphrase);
        return ExitCode.OK.code();
    }

    private Passphrase passphrase() {
        if (passphraseSource == null) {
            return Passphrase.none();
        }
        if (passphraseSource.variable != null) {
            return Passphrase.fromEnvironment(passphraseSource.variable, env);
        }
        return Passphrase.fromFile(passphraseSource.file);
    }

    private void report(GeneratedKey key, KeyFiles.Written written, Passphrase passphrase) {
        PrintWriter o = spec.commandLine().getOut();
        if (global.quiet) {
            o.println(key.fingerprint());
            o.flush();
            return;
        }
        o.printf("Created an %s signing key.%n", key.spec().algorithm());
        o.printf("  fingerprint  %s%n", key.fingerprint());
        o.printf("  long key id  %s%n", key.fingerprint().longKeyId());
        o.printf("  user id      %s%n", key.spec().userId());
        o.printf("  created      %s%n", key.spec().creationTime());
        o.printf("  expires      %s%n", key.expirationTime().map(Object::toString).orElse("never"));
        o.printf("  secret key   %s (mode 0600, %s)%n", written.secretKey(), passphrase.isPresent()
                ? "protected by the passphrase from " + passphrase.source()
                : "NOT protected by a passphrase");
        o.printf("  public key   %s, %s%n", written.armoredKeyring(), written.binaryKeyring());
        o.printf("Keep %s secret and backed up. Clients trust the public key: %s for apt (signed-by=),"
                + " %s for dnf and rpm (gpgkey=, rpm --import).%n",
                KeyFiles.SECRET_KEY, KeyFiles.BINARY_KEYRING, KeyFiles.ARMORED_KEYRING);
        o.flush();
    }
}
