package org.vatools.vainstall.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pgp.EncryptionKey;
import org.vatools.vainstall.backup.BackupMaker;
import org.vatools.vainstall.backup.BackupRequest;
import org.vatools.vainstall.backup.BackupResult;
import org.vatools.vainstall.backup.BackupSet;
import org.vatools.vainstall.backup.Sizes;
import org.vatools.vainstall.pm.PackageManagers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vainstall backup [NAME] --out FILE.abf [--encrypt-to KEY]}. */
@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Backs up the installed appliance into an Appliance Backup File (docs/reference/abf.md): runs"
                + " its pre-backup hook (a database dump, say) with VA_BACKUP_DIR set, then streams its sysconfig and"
                + " appdata folders and what the hook wrote through the target's tar into FILE. The file appears only"
                + " when complete (mode 0600). With --encrypt-to it is OpenPGP-encrypted to that public key."})
final class BackupCommand implements Callable<Integer>, EnvironmentAware {
    @Mixin
    GlobalOptions global;

    @Mixin
    TargetOptions targets;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The appliance (default: the one"
            + " installed).")
    String name;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.abf", description = "The backup file to"
            + " write, on this machine.")
    Path out;

    @Option(names = "--encrypt-to", paramLabel = "PUBLIC_KEY", description = "Encrypt the backup to this OpenPGP"
            + " public key (an RSA key, or a key with an encryption subkey: 'gpg --export --armor KEYID').")
    Path encryptTo;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    private Environment env;

    @Override
    public void environment(Environment e) {
        this.env = e;
    }

    @Override
    public Integer call() {
        if (targets.many()) {
            throw new ApplianceException(ExitCode.USAGE, "backup works on one target at a time; use --host, not --hosts");
        }
        EncryptionKey key = encryptTo == null ? null
                : EncryptionKey.load(env.workingDir().resolve(encryptTo), env.clock().instant());
        Path file = env.workingDir().resolve(out);
        return TargetRunner.run(env, global, targets, spec.commandLine().getOut(), spec.commandLine().getErr(), false,
                (target, io) -> {
                    BackupMaker maker = new BackupMaker(target, PackageManagers.detect(target), io, io::output,
                            env.clock(), new Version().getVersion()[0], new SecureRandom());
                    BackupResult r = maker.backup(new BackupRequest(name, file, key, force));
                    io.result(summary(r));
                    return ExitCode.OK.code();
                });
    }

    static String summary(BackupResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Backed up ").append(r.info().appliance()).append(' ').append(r.info().version()).append(" to ")
                .append(r.file()).append(" (").append(Sizes.human(r.size())).append(r.encrypted() ? ", encrypted" : "")
                .append(")\n  SHA-256 ").append(r.sha256());
        for (BackupSet s : r.info().sets()) {
            sb.append("\n  ").append(s.category().key()).append(' ').append(s.path()).append(": ")
                    .append(s.present() ? s.entries() + " entries, " + Sizes.human(s.bytes()) : "absent");
        }
        r.info().hook().ifPresent(h -> sb.append("\n  hook data: ").append(h.entries()).append(" entries, ")
                .append(Sizes.human(h.bytes())));
        return sb.toString();
    }
}
