package org.vatools.vainstall.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Counts and digests the bytes read through it. */
final class DigestingStream extends FilterInputStream {
    private final MessageDigest digest;
    private final MessageDigest second;
    private long count;

    DigestingStream(InputStream in, String algorithm) {
        this(in, algorithm, null);
    }

    /** @param secondAlgorithm another digest computed at the same time, or null */
    DigestingStream(InputStream in, String algorithm, String secondAlgorithm) {
        super(in);
        this.digest = BackupFile.digest(algorithm);
        this.second = secondAlgorithm == null ? null : BackupFile.digest(secondAlgorithm);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            if (second != null) {
                second.update((byte) b);
            }
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            if (second != null) {
                second.update(b, off, n);
            }
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The second digest; call once, after {@link #hex()} or instead of it. */
    String secondHex() {
        return HexFormat.of().formatHex(second.digest());
    }
}
