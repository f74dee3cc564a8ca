package org.vatools.vainstall.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.vatools.vainstall.target.Command;

/**
 * The target's own GNU tar, on the far end of {@link org.vatools.vainstall.target.Target#stream}:
 * {@code tar --create} writes a set to its stdout (names {@code ./...}, owners by name and number),
 * which {@link #copyInto} reads into the backup; {@code tar --extract} reads from its stdin what
 * {@link #writeFrom} makes of a set's checked entries. Only entries this side wrote reach the
 * target's tar, so it never sees a name or a type the rules refuse.
 */
final class TargetTar {
    static final Duration TIMEOUT = Duration.ofHours(24);

    private TargetTar() {
    }

    /** Writes the folder's content as a tar to stdout, sorted by name; owners by name (and number). */
    static Command create(String dir) {
        return Command.of("tar", "--create", "--file=-", "--directory=" + dir, "--format=gnu", "--sort=name", ".")
                .withEnv("LC_ALL", "C").withTimeout(TIMEOUT);
    }

    /** Extracts a tar from stdin into {@code dir}, owners by name, modes as stored (root restores both). */
    static Command extract(String dir) {
        return Command.of("tar", "--extract", "--file=-", "--directory=" + dir, "--same-owner", "--same-permissions")
                .withEnv("LC_ALL", "C").withTimeout(TIMEOUT);
    }

    /**
     * Copies the entries of a set, as the target's tar wrote them, into {@code group}; what a
     * backup must not hold is left out and listed in {@code skipped}: device files, FIFOs,
     * symlinks that point out of the set. Setuid and setgid bits of files are dropped (and listed).
     *
     * @param setPath the set's folder on the target (messages, absolute symlinks)
     */
    static void copyInto(InputStream tarStream, AbfWriter.TarMember.Group group, String setPath, List<String> skipped,
                         Progress progress) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, "UTF-8");
        Set<String> symlinks = new TreeSet<>();
        Set<Long> nameless = new TreeSet<>();
        TarArchiveEntry t;
        while ((t = tar.getNextEntry()) != null) {
            String rel = relative(t.getName());
            String shown = rel.isEmpty() ? setPath : setPath + "/" + rel;
            if (rel.isEmpty() && !t.isDirectory()) {
                throw new IOException("tar's first entry for " + setPath + " is not the folder itself");
            }
            String why = skipReason(t);
            if (why == null && t.isSymbolicLink()) {
                String problem = EntryRules.symlinkProblem(rel, t.getLinkName(), setPath, symlinks);
                why = problem == null ? null : "a symlink to " + t.getLinkName() + ", which " + problem;
            }
            if (why != null) {
                skipped.add(shown + ": " + why + "; not backed up");
                continue;
            }
            if (t.isSymbolicLink()) {
                symlinks.add(rel);
            }
            String hardLink = t.isLink() ? relative(t.getLinkName()) : null;
            BackupEntry e = TarEntries.fromTar(t, rel, hardLink, shown);
            if (e.type() == BackupEntry.Type.FILE && (e.mode() & 06000) != 0) {
                skipped.add(shown + ": the setuid/setgid bits (mode " + String.format("%04o", e.permissions())
                        + ") were dropped; the file is backed up without them");
                e = new BackupEntry(e.path(), e.type(), e.size(), e.mode() & ~06000, e.user(), e.group(), e.uid(),
                        e.gid(), e.link(), e.modified());
            }
            if (e.user().isEmpty() && nameless.add(e.uid())) {
                skipped.add(shown + ": belongs to uid " + e.uid() + ", which has no name on the host; restored as"
                        + " that number");
            }
            group.add(e, tar);
            progress.advance(e.size(), 1);
        }
    }

    /** Why the target's tar entry is left out of a backup, or null. */
    private static String skipReason(TarArchiveEntry t) {
        byte f = t.getLinkFlag();
        if (f == TarConstants.LF_CHR || f == TarConstants.LF_BLK) {
            return "a device file";
        }
        if (f == TarConstants.LF_FIFO) {
            return "a FIFO";
        }
        if (t.isSparse()) {
            return "a sparse file entry";
        }
        if (f != TarConstants.LF_NORMAL && f != TarConstants.LF_OLDNORM && f != TarConstants.LF_DIR
                && f != TarConstants.LF_SYMLINK && f != TarConstants.LF_LINK) {
            return "an entry of tar type '" + (char) f + "'";
        }
        return null;
    }

    /** "./a/b/" as "a/b"; "./" and "." as "". */
    static String relative(String name) {
        String s = name;
        if (s.startsWith("./")) {
            s = s.substring(2);
        } else if (s.equals(".")) {
            s = "";
        }
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Writes a group's entries as a tar for {@code tar --extract}: {@code ./} first, then {@code ./PATH}. */
    static void writeFrom(GroupSink.Entries entries, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        BackupEntry e;
        while ((e = entries.next()) != null) {
            String name = e.path().isEmpty() ? "./" : "./" + e.path();
            String link = e.type() == BackupEntry.Type.HARDLINK ? "./" + e.link() : e.link();
            tar.putArchiveEntry(TarEntries.toTar(e, name, link));
            if (e.type() == BackupEntry.Type.FILE) {
                long n = AbfWriter.copy(entries.data(), tar, e.size());
                if (n != e.size()) {
                    throw new IOException(name + ": the backup ended after " + n + " of " + e.size() + " bytes");
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }
}
