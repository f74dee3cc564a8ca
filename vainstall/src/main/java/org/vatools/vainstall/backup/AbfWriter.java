package org.vatools.vainstall.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * Writes an Appliance Backup File as a stream: {@code version}, then the two tar members (each
 * set's entries under its number, hook data under {@code hook/}), then {@code info.yaml} with the
 * counts, then {@code sha256sums}. The zip is written with data descriptors and ZIP64 records
 * (any size, any output stream: a file, or an OpenPGP encryption stream); the tar members are
 * gzip-compressed and stored in the zip without compressing them again. Every entry passes
 * {@link EntryRules} as it is written, so a backup never holds what a restore would refuse.
 */
public final class AbfWriter {
    private final ZipArchiveOutputStream zip;
    private final Instant time;
    private final Map<String, String> sums = new LinkedHashMap<>();
    private int nextMember;

    /** @param time the members' modification time in the zip (the backup's time) */
    public AbfWriter(OutputStream out, Instant time) {
        this.zip = new ZipArchiveOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
        this.zip.setUseZip64(Zip64Mode.Always);
        this.zip.setEncoding("UTF-8");
        this.time = time;
    }

    /** Writes the {@code version} member; first. */
    public void writeVersion() throws IOException {
        expect(AbfFormat.VERSION_MEMBER);
        small(AbfFormat.VERSION_MEMBER, (AbfFormat.VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Starts the tar member of {@code category}: sysconfig first, then appdata. */
    public TarMember openTar(BackupCategory category) throws IOException {
        expect(category.member());
        ZipArchiveEntry e = entry(category.member());
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putArchiveEntry(e);
        return new TarMember(category);
    }

    /** Writes info.yaml and sha256sums and ends the zip; the output stream stays open. */
    public void finish(BackupInfo info) throws IOException {
        expect(AbfFormat.INFO_MEMBER);
        small(AbfFormat.INFO_MEMBER, BackupInfoYaml.write(info).getBytes(StandardCharsets.UTF_8));
        expect(AbfFormat.SHA256_MEMBER);
        ZipArchiveEntry e = entry(AbfFormat.SHA256_MEMBER);
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putArchiveEntry(e);
        zip.write(Checksums.write(sums));
        zip.closeArchiveEntry();
        zip.finish();
        zip.close();
    }

    private void expect(String member) {
        if (nextMember >= AbfFormat.MEMBERS.size() || !AbfFormat.MEMBERS.get(nextMember).equals(member)) {
            throw new IllegalStateException("members are written in the order " + AbfFormat.MEMBERS + "; not " + member);
        }
        nextMember++;
    }

    private ZipArchiveEntry entry(String name) {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setMethod(ZipArchiveEntry.DEFLATED);
        e.setLastModifiedTime(FileTime.from(time));
        e.setUnixMode(0100600);
        return e;
    }

    private void small(String name, byte[] content) throws IOException {
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putArchiveEntry(entry(name));
        zip.write(content);
        zip.closeArchiveEntry();
        sums.put(name, HexFormat.of().formatHex(BackupFile.digest("SHA-256").digest(content)));
    }

    /** One tar member being written, group after group. */
    public final class TarMember {
        private final BackupCategory category;
        private final MessageDigest digest = BackupFile.digest("SHA-256");
        private final GZIPOutputStream gzip;
        private final TarArchiveOutputStream tar;
        private Group open;

        private TarMember(BackupCategory category) throws IOException {
            this.category = category;
            OutputStream digesting = new FilterOutputStream(zip) {
                @Override
                public void write(int b) throws IOException {
                    digest.update((byte) b);
                    zip.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    digest.update(b, off, len);
                    zip.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            this.gzip = new GZIPOutputStream(digesting, 1 << 16);
            this.tar = new TarArchiveOutputStream(gzip, "UTF-8");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
        }

        /**
         * Starts a group: a set's number or {@value AbfFormat#HOOK_GROUP}. Its first entry must be
         * its folder ({@code ""}).
         *
         * @param root the set's folder on the host (absolute symlinks must stay below it), or null
         */
        public Group group(String group, String root) {
            if (open != null) {
                throw new IllegalStateException("group " + open.name + " is still open");
            }
            open = new Group(group, root);
            return open;
        }

        /** Ends the tar and the zip member. */
        public void close() throws IOException {
            if (open != null) {
                throw new IllegalStateException("group " + open.name + " is still open");
            }
            tar.finish();
            gzip.finish();
            zip.closeArchiveEntry();
            sums.put(category.member(), HexFormat.of().formatHex(digest.digest()));
        }

        /** The entries of one set (or of the hook data). */
        public final class Group {
            private final String name;
            private final String root;
            private final EntryRules rules;

            private Group(String name, String root) {
                this.name = name;
                this.root = root;
                this.rules = new EntryRules(category.member() + ": " + name + "/");
            }

            /** Adds an entry; {@code data} gives exactly {@code e.size()} bytes for a FILE. */
            public void add(BackupEntry e, InputStream data) throws IOException {
                rules.accept(e);
                String entryName = e.path().isEmpty() ? name + "/" : name + "/" + e.path();
                String link = e.type() == BackupEntry.Type.HARDLINK ? name + "/" + e.link() : e.link();
                tar.putArchiveEntry(TarEntries.toTar(e, entryName, link));
                if (e.type() == BackupEntry.Type.FILE) {
                    long copied = copy(data, tar, e.size());
                    if (copied != e.size()) {
                        throw new ApplianceException(ExitCode.ENVIRONMENT, entryName + ": the data ended after "
                                + copied + " of " + e.size() + " bytes");
                    }
                }
                tar.closeArchiveEntry();
            }

            /** Ends the group; checks its symlinks. */
            public void close() {
                rules.finish(root);
                open = null;
            }

            public long entries() {
                return rules.entries();
            }

            public long bytes() {
                return rules.bytes();
            }
        }
    }

    static long copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buf = new byte[1 << 16];
        long done = 0;
        while (done < max) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, max - done));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            done += n;
        }
        return done;
    }
}
