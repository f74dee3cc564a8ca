package org.vatools.core.pkg.deb;

import java.io.IOException;
import java.io.InputStream;

/** Test doubles shared by the .deb and rpm reader tests. */
public final class DebReaderTestSupport {
    private DebReaderTestSupport() {
    }

    /** Serves bytes, then fails as a broken disk would. */
    public static final class FailingStream extends InputStream {
        private final byte[] bytes;
        private final int failAt;
        private int pos;

        public FailingStream(byte[] bytes, int failAt) {
            this.bytes = bytes;
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= failAt) {
                throw new IOException("disk on fire");
            }
            int n = Math.min(len, failAt - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
