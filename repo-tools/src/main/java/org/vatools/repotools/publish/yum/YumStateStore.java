package org.vatools.repotools.publish.yum;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.io.AtomicFiles;

/**
 * Reads and writes {@link YumState} as one binary file, written atomically (temporary file,
 * fsync, rename), so a publish killed while writing it leaves the previous state.
 * Layout: a magic line and format version, then length-prefixed UTF-8 strings and big-endian
 * numbers in the order of the records' components.
 */
final class YumStateStore {
    private static final byte[] MAGIC = "vatools yum state\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MAX_STRING = 256 * 1024 * 1024;

    private YumStateStore() {
    }

    /** The state in {@code file}, or {@link YumState#EMPTY} when there is none yet. */
    static YumState read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            int version = in.readInt();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw damaged(file, "unknown format");
            }
            String current = string(in);
            int n = count(in, file);
            List<YumState.Generation> generations = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String dir = string(in);
                long published = in.readLong();
                long superseded = in.readLong();
                int m = count(in, file);
                List<RepodataFile> files = new ArrayList<>(m);
                for (int j = 0; j < m; j++) {
                    files.add(new RepodataFile(string(in), string(in), string(in), string(in), in.readLong(),
                            in.readLong(), in.readLong()));
                }
                generations.add(new YumState.Generation(dir, published, superseded, files));
            }
            n = count(in, file);
            List<YumPackage> packages = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String pkgid = string(in);
                String name = string(in);
                String arch = string(in);
                String epoch = string(in);
                String version2 = string(in);
                String release = string(in);
                String href = string(in);
                long size = in.readLong();
                String headerSha256 = string(in);
                int s = count(in, file);
                List<String> signers = new ArrayList<>(s);
                for (int j = 0; j < s; j++) {
                    signers.add(string(in));
                }
                long fileTime = in.readLong();
                YumPackage.Seed seed = in.readBoolean() ? new YumPackage.Seed(string(in), string(in), in.readLong()) : null;
                packages.add(new YumPackage(pkgid, name, arch, epoch, version2, release, href, size, headerSha256,
                        signers, fileTime, seed, string(in), string(in), string(in)));
            }
            n = count(in, file);
            List<YumState.Retired> retired = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                retired.add(new YumState.Retired(string(in), string(in)));
            }
            n = count(in, file);
            List<String> indexSigners = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                indexSigners.add(string(in));
            }
            if (in.read() != -1) {
                throw damaged(file, "data after the end");
            }
            return new YumState(current, packages, generations, retired, indexSigners);
        } catch (NoSuchFileException e) {
            return YumState.EMPTY;
        } catch (EOFException e) {
            throw damaged(file, "it ends early");
        }
    }

    /** Writes {@code state} to {@code file} atomically. */
    static void write(Path file, YumState state) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.write(MAGIC);
            out.writeInt(VERSION);
            string(out, state.current());
            out.writeInt(state.generations().size());
            for (YumState.Generation g : state.generations()) {
                string(out, g.dir());
                out.writeLong(g.publishedAt());
                out.writeLong(g.supersededAt());
                out.writeInt(g.files().size());
                for (RepodataFile f : g.files()) {
                    string(out, f.type());
                    string(out, f.fileName());
                    string(out, f.checksum());
                    string(out, f.openChecksum());
                    out.writeLong(f.size());
                    out.writeLong(f.openSize());
                    out.writeLong(f.timestamp());
                }
            }
            out.writeInt(state.packages().size());
            for (YumPackage p : state.packages()) {
                string(out, p.pkgid());
                string(out, p.name());
                string(out, p.arch());
                string(out, p.epoch());
                string(out, p.version());
                string(out, p.release());
                string(out, p.href());
                out.writeLong(p.size());
                string(out, p.headerSha256());
                out.writeInt(p.signers().size());
                for (String s : p.signers()) {
                    string(out, s);
                }
                out.writeLong(p.fileTime());
                out.writeBoolean(p.seed() != null);
                if (p.seed() != null) {
                    string(out, p.seed().href());
                    string(out, p.seed().sha256());
                    out.writeLong(p.seed().size());
                }
                string(out, p.primary());
                string(out, p.filelists());
                string(out, p.other());
            }
            out.writeInt(state.retired().size());
            for (YumState.Retired r : state.retired()) {
                string(out, r.path());
                string(out, r.lastGeneration());
            }
            out.writeInt(state.indexSigners().size());
            for (String s : state.indexSigners()) {
                string(out, s);
            }
            out.flush();
        });
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new EOFException();
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in, Path file) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw damaged(file, "an impossible count " + n);
        }
        return n;
    }

    private static ApplianceException damaged(Path file, String why) {
        return new ApplianceException(ExitCode.INVALID_INPUT, file + ": the YUM repository state is damaged (" + why
                + "); restore .vatools/ from a backup of the repository");
    }
}
