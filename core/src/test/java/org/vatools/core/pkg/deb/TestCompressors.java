package org.vatools.core.pkg.deb;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZOutputStream;
import org.vatools.core.pkg.Compression;

/** Compressing streams for every {@link Compression}, to build test packages. */
public final class TestCompressors {
    private TestCompressors() {
    }

    public static OutputStream compress(Compression c, OutputStream out) throws IOException {
        return switch (c) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out);
            case XZ -> new XZOutputStream(out, new LZMA2Options(1));
            case ZSTD -> new ZstdOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case LZMA -> new LZMAOutputStream(out, new LZMA2Options(1), -1);
        };
    }
}
