package org.vatools.vainstall.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.backup.AbfReader;
import org.vatools.vainstall.backup.BackupFile;
import org.vatools.vainstall.backup.BackupInfo;
import org.vatools.vainstall.backup.BackupSet;
import org.vatools.vainstall.backup.Sizes;
import org.vatools.vainstall.backup.VerifiedBackup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vainstall backups verify FILE.abf}: checks a backup without restoring it. */
@Command(name = "backups", mixinStandardHelpOptions = true, subcommands = {BackupsCommand.Verify.class},
        description = "Works with backup files on this machine.")
final class BackupsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: verify");
    }

    /** {@code vainstall backups verify FILE.abf}. */
    @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Checks a backup file without restoring it: its checksums (sha256sums, or the original"
                    + " design's sha1sums), its structure, every entry (no path out of its set, no device file, no"
                    + " symlink out), its declared sizes, and an encrypted file's integrity. Changes nothing anywhere.")
    static final class Verify implements Callable<Integer>, EnvironmentAware {
        @Mixin
        GlobalOptions global;

        @Mixin
        DecryptOptions decrypt;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.abf")
        Path file;

        @Option(names = "--json", description = "Print what the backup holds as JSON.")
        boolean json;

        private Environment env;

        @Override
        public void environment(Environment e) {
            this.env = e;
        }

        @Override
        public Integer call() {
            Io io = new Io(spec.commandLine().getOut(), spec.commandLine().getErr(), global.quiet || json, global.verbose);
            BackupFile backup = BackupFile.open(env.workingDir().resolve(file), decrypt.key(env));
            VerifiedBackup v = new AbfReader(backup, AbfReader.Limits.defaults(), io::output, env.clock()).verify(null);
            if (json) {
                io.out().println(Json.write(asMap(v)));
                io.out().flush();
            } else {
                io.result(text(backup, v));
            }
            return ExitCode.OK.code();
        }

        static String text(BackupFile backup, VerifiedBackup v) {
            BackupInfo i = v.info();
            StringBuilder sb = new StringBuilder(backup.path() + ": OK, format " + v.format()
                    + (v.encrypted() ? ", encrypted" : "") + ", " + Sizes.human(v.fileSize()) + ", SHA-256 "
                    + v.fileSha256());
            sb.append("\n  appliance: ").append(i.appliance()).append(' ').append(i.version());
            if (i.family() != null) {
                sb.append(" (").append(i.family().id()).append(")");
                sb.append("\n  made: ").append(i.created()).append(" on ").append(i.host().hostname()).append(" (")
                        .append(i.host().os()).append(", ").append(i.host().architecture()).append(", ")
                        .append(i.host().target()).append(") by ").append(i.tool());
            }
            for (BackupSet s : i.sets()) {
                sb.append("\n  ").append(s.category().key()).append(' ').append(s.path()).append(": ")
                        .append(s.present() ? s.entries() + " entries, " + Sizes.human(s.bytes()) : "absent");
            }
            if (v.format() == 1 && i.sets().isEmpty()) {
                sb.append("\n  (format 1 names no sets: its entries are placed by the installed appliance's sets when"
                        + " it is restored)");
            }
            i.hook().ifPresent(h -> sb.append("\n  hook data: ").append(h.entries()).append(" entries, ")
                    .append(Sizes.human(h.bytes())));
            for (String s : i.skipped()) {
                sb.append("\n  not in the backup: ").append(s);
            }
            return sb.toString();
        }

        static Map<String, Object> asMap(VerifiedBackup v) {
            BackupInfo i = v.info();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", v.format());
            m.put("encrypted", v.encrypted());
            m.put("size", v.fileSize());
            m.put("sha256", v.fileSha256());
            m.put("appliance", i.appliance());
            m.put("version", i.version());
            m.put("family", i.family() == null ? null : i.family().id());
            m.put("created", i.family() == null ? null : i.created().toString());
            m.put("tool", i.tool());
            m.put("hostname", i.host().hostname());
            List<Object> sets = new ArrayList<>();
            for (BackupSet s : i.sets()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("category", s.category().key());
                sm.put("path", s.path());
                sm.put("present", s.present());
                sm.put("entries", s.entries());
                sm.put("bytes", s.bytes());
                sets.add(sm);
            }
            m.put("sets", sets);
            m.put("hookData", i.hookData() == null ? null : Map.of("entries", i.hookData().entries(), "bytes",
                    i.hookData().bytes()));
            m.put("skipped", i.skipped());
            return m;
        }
    }
}
