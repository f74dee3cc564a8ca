package org.vatools.core.pkg.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code limit} bytes through and fails with invalid input beyond them: it keeps a
 * small compressed member from expanding into gigabytes (a decompression bomb) in memory.
 */
public final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String source;
    private final String what;
    private long count;

    public LimitedInputStream(InputStream in, long limit, String source, String what) {
        super(in);
        this.limit = limit;
        this.source = source;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = super.skip(n);
        if (k > 0) {
            count(k);
        }
        return k;
    }

    private void count(long n) {
        count += n;
        if (count > limit) {
            throw PackageProblems.invalid(source, what + " expands to more than " + limit
                    + " bytes, more than any legitimate package holds there");
        }
    }
}
