package org.vatools.vainstall.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Builds backup files member by member, bypassing every rule of {@link AbfWriter}, for tests of
 * what the reader refuses: raw tar entries (any name, any type), any info.yaml, checksums made
 * to match (so a refusal is about the content, not the checksum) or not.
 */
public final class RawAbf {
    private final Map<String, byte[]> members = new LinkedHashMap<>();
    private final Map<String, Integer> levels = new LinkedHashMap<>();
    private boolean seekable;

    /** An empty builder. */
    public RawAbf() {
    }

    /** The members of an existing (plain) backup, to change some of them. */
    public static RawAbf of(byte[] abf) {
        RawAbf r = new RawAbf();
        try (ZipArchiveInputStream zin = new ZipArchiveInputStream(new ByteArrayInputStream(abf))) {
            ZipArchiveEntry e;
            while ((e = zin.getNextEntry()) != null) {
                r.members.put(e.getName(), zin.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    public byte[] member(String name) {
        return members.get(name);
    }

    public RawAbf put(String name, byte[] content) {
        members.put(name, content);
        return this;
    }

    public RawAbf put(String name, String content) {
        return put(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public RawAbf remove(String name) {
        members.remove(name);
        return this;
    }

    /** Deflate level of a member in the zip (default: 0 for tar members, 6 for others). */
    public RawAbf level(String name, int level) {
        levels.put(name, level);
        return this;
    }

    /** Writes the zip as to a file: sizes in the local headers, no data descriptors. */
    public RawAbf seekable() {
        seekable = true;
        return this;
    }

    /** Rewrites sha256sums to match the members (or sha1sums, if that is what the file has). */
    public RawAbf resum() {
        String sums = members.containsKey(AbfFormat.SHA1_MEMBER) ? AbfFormat.SHA1_MEMBER : AbfFormat.SHA256_MEMBER;
        Map<String, String> hex = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            if (!m.getKey().equals(AbfFormat.SHA256_MEMBER) && !m.getKey().equals(AbfFormat.SHA1_MEMBER)) {
                hex.put(m.getKey(), digest(sums.equals(AbfFormat.SHA1_MEMBER) ? "SHA-1" : "SHA-256", m.getValue()));
            }
        }
        byte[] content = Checksums.write(hex);
        members.remove(sums);
        members.put(sums, content);
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (ZipArchiveOutputStream zip = seekable ? new ZipArchiveOutputStream(channel) : new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(m.getKey());
                e.setMethod(ZipArchiveEntry.DEFLATED);
                zip.setLevel(levels.getOrDefault(m.getKey(), m.getKey().endsWith(".tar.gz") ? Deflater.NO_COMPRESSION
                        : Deflater.DEFAULT_COMPRESSION));
                zip.putArchiveEntry(e);
                zip.write(m.getValue());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seekable ? java.util.Arrays.copyOf(channel.array(), (int) channel.size()) : out.toByteArray();
    }

    static String digest(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A raw tar entry and its data. */
    public record Raw(TarArchiveEntry entry, byte[] data) {
    }

    /** Builds a tar.gz from raw entries. */
    public static final class Tar {
        private final List<Raw> entries = new ArrayList<>();
        private int gzipLevel = Deflater.DEFAULT_COMPRESSION;

        public Tar dir(String name) {
            return add(entry(name, TarConstants.LF_DIR, 0755), null);
        }

        public Tar file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
        }

        public Tar file(String name, byte[] content, int mode) {
            TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode);
            e.setSize(content.length);
            return add(e, content);
        }

        public Tar symlink(String name, String target) {
            TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777);
            e.setLinkName(target);
            return add(e, null);
        }

        public Tar hardlink(String name, String target) {
            TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644);
            e.setLinkName(target);
            return add(e, null);
        }

        public Tar charDevice(String name) {
            TarArchiveEntry e = entry(name, TarConstants.LF_CHR, 0666);
            e.setDevMajor(1);
            e.setDevMinor(3);
            return add(e, null);
        }

        public Tar fifo(String name) {
            return add(entry(name, TarConstants.LF_FIFO, 0644), null);
        }

        public Tar add(TarArchiveEntry e, byte[] data) {
            entries.add(new Raw(e, data));
            return this;
        }

        public Tar gzipLevel(int level) {
            gzipLevel = level;
            return this;
        }

        static TarArchiveEntry entry(String name, byte type, int mode) {
            TarArchiveEntry e = new TarArchiveEntry(name, type, true);
            e.setMode((type == TarConstants.LF_DIR ? 040000 : type == TarConstants.LF_SYMLINK ? 0120000 : 0100000) | mode);
            e.setUserName("root");
            e.setGroupName("root");
            return e;
        }

        public byte[] gz() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out) {
                {
                    def.setLevel(gzipLevel);
                }
            }; TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Raw r : entries) {
                    tar.putArchiveEntry(r.entry());
                    if (r.data() != null) {
                        tar.write(r.data());
                    }
                    tar.closeArchiveEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
