package org.vatools.core.pkg;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * How a .deb member or an rpm payload is compressed, and how to read it back. Decompression is
 * streaming; xz and lzma refuse streams that need more than {@value #XZ_MEMORY_LIMIT_KIB} KiB of
 * dictionary, so a hostile header cannot make the reader allocate gigabytes.
 */
public enum Compression {
    NONE("", "none"),
    GZIP(".gz", "gzip"),
    XZ(".xz", "xz"),
    ZSTD(".zst", "zstd"),
    BZIP2(".bz2", "bzip2"),
    LZMA(".lzma", "lzma");

    /** xz -9 needs 65 MiB; twice that is the most a legitimate package asks for. */
    public static final int XZ_MEMORY_LIMIT_KIB = 128 * 1024;

    private final String suffix;
    private final String id;

    Compression(String suffix, String id) {
        this.suffix = suffix;
        this.id = id;
    }

    /** The file name suffix dpkg uses for members compressed this way ({@code ""} for none). */
    public String suffix() {
        return suffix;
    }

    /** The name dpkg-deb's {@code -Z} and rpm's {@code PAYLOADCOMPRESSOR} use. */
    public String id() {
        return id;
    }

    /** A stream of the decompressed bytes of {@code in}; closing it closes {@code in}. */
    public InputStream open(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case XZ -> new XZInputStream(in, XZ_MEMORY_LIMIT_KIB, BasicArrayCache.getInstance());
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), 64 * 1024);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case LZMA -> new LZMAInputStream(in, XZ_MEMORY_LIMIT_KIB, BasicArrayCache.getInstance());
        };
    }

    /** The compression a .deb member name ends with: {@code data.tar.xz} is XZ, {@code data.tar} NONE. */
    public static Optional<Compression> ofMemberName(String name, String base) {
        if (!name.startsWith(base)) {
            return Optional.empty();
        }
        String rest = name.substring(base.length());
        for (Compression c : values()) {
            if (c.suffix.equals(rest)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The compression an rpm {@code PAYLOADCOMPRESSOR} value names; rpm reads an absent value as
     * gzip. Empty when rpm would not know the name either.
     */
    public static Optional<Compression> ofRpmName(String name) {
        return switch (name) {
            case "gzip" -> Optional.of(GZIP);
            case "xz" -> Optional.of(XZ);
            case "zstd" -> Optional.of(ZSTD);
            case "bzip2" -> Optional.of(BZIP2);
            case "lzma" -> Optional.of(LZMA);
            case "identity", "none" -> Optional.of(NONE);
            default -> Optional.empty();
        };
    }
}
