package org.vatools.core.pkg.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.FileDigests;

/**
 * A package file read exactly once, front to back. Every byte that comes from the file is counted
 * and fed to the digests, whether the parser looks at it or skips it, so {@link #finish()} yields
 * the whole file's size and hashes without a second read. Every read is bounded: a length taken
 * from the file is checked against the file's size (when known) before anything is allocated,
 * and a file that ends early is reported as truncated with the offset and what was being read.
 *
 * <p>Read failures of the underlying stream surface as {@link SourceReadException}, so a format
 * parser that wraps decompressors can tell "the disk failed" from "the data is corrupt".
 */
public final class PackageInput implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;
    private static final int MIN_BUFFER = 8 * 1024;
    private static final int UNBOUNDED_CHUNK = 1024 * 1024;

    private final InputStream in;
    private final String source;
    private final long size;
    private final FileDigests.Hasher hasher;
    private final byte[] buffer;
    private int bufferPos;
    private int bufferEnd;
    private long position;
    private boolean eof;

    /**
     * @param in         the file's bytes from offset 0; closed by {@link #close()}
     * @param source     the file name used in messages
     * @param size       the file's size, or -1 when unknown (then lengths are bounded by reading)
     * @param algorithms the digests to compute over the whole file
     */
    public PackageInput(InputStream in, String source, long size, Set<DigestAlgorithm> algorithms) {
        this.in = in;
        this.source = source;
        this.size = size;
        this.hasher = new FileDigests.Hasher(algorithms);
        // a small package needs no 64 KiB buffer: zeroing it cost more than reading the file
        this.buffer = new byte[size >= 0 && size < BUFFER ? (int) Math.max(size, MIN_BUFFER) : BUFFER];
    }

    public String source() {
        return source;
    }

    /** Offset of the next byte the parser reads. */
    public long position() {
        return position;
    }

    /** The file's size, or -1 when unknown. */
    public long size() {
        return size;
    }

    /** True when the file has no byte after {@link #position()}. */
    public boolean atEnd() throws IOException {
        return !fill();
    }

    /**
     * Throws a truncation problem unless {@code length} more bytes can follow the current position
     * in a file of known size. Call before allocating anything of that length.
     */
    public void requireAvailable(long length, String what) {
        if (length < 0) {
            throw PackageProblems.invalid(source, what + " at offset " + position + " has a negative length " + length);
        }
        if (size >= 0 && length > size - position) {
            throw PackageProblems.truncated(source, what + " at offset " + position + " needs " + length
                    + " bytes but the file ends at offset " + size);
        }
    }

    /** Reads exactly {@code length} bytes or reports the file as truncated. */
    public byte[] readExactly(int length, String what) throws IOException {
        requireAvailable(length, what);
        if (size < 0 && length > UNBOUNDED_CHUNK) {
            return readInChunks(length, what);
        }
        byte[] result = new byte[length];
        int done = 0;
        while (done < length) {
            if (!fill()) {
                throw PackageProblems.truncated(source, what + " at offset " + (position - done) + " needs " + length
                        + " bytes but the file ends after " + done + " of them (offset " + position + ")");
            }
            int n = Math.min(length - done, bufferEnd - bufferPos);
            System.arraycopy(buffer, bufferPos, result, done, n);
            bufferPos += n;
            position += n;
            done += n;
        }
        return result;
    }

    /** Of unknown size the file may be shorter than a length it claims: allocate only what arrives. */
    private byte[] readInChunks(int length, String what) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(UNBOUNDED_CHUNK);
        long start = position;
        while (out.size() < length) {
            if (!fill()) {
                throw PackageProblems.truncated(source, what + " at offset " + start + " needs " + length
                        + " bytes but the file ends after " + out.size() + " of them (offset " + position + ")");
            }
            int n = Math.min(length - out.size(), bufferEnd - bufferPos);
            out.write(buffer, bufferPos, n);
            bufferPos += n;
            position += n;
        }
        return out.toByteArray();
    }

    /**
     * A stream over everything from the current position to the end of the file (an rpm payload).
     * Reading it advances this input; closing it does not close this input.
     */
    public InputStream remainder() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (!fill()) {
                    return -1;
                }
                position++;
                return buffer[bufferPos++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, bufferEnd - bufferPos);
                System.arraycopy(buffer, bufferPos, b, off, n);
                bufferPos += n;
                position += n;
                return n;
            }

            @Override
            public int available() {
                return bufferEnd - bufferPos;
            }

            @Override
            public void close() {
                // the package input stays open
            }
        };
    }

    /** Reads and digests {@code length} bytes without keeping them, or reports truncation. */
    public void skipExactly(long length, String what) throws IOException {
        requireAvailable(length, what);
        long left = length;
        while (left > 0) {
            if (!fill()) {
                throw PackageProblems.truncated(source, what + " needs " + length + " bytes but the file ends at offset "
                        + position);
            }
            int n = (int) Math.min(left, bufferEnd - bufferPos);
            bufferPos += n;
            position += n;
            left -= n;
        }
    }

    /**
     * A stream over the next {@code length} bytes. Reading it advances this input; reading past
     * the file's end reports truncation. Closing it does not close this input. The caller must
     * {@link #skipExactly skip} whatever of the slice it did not read ({@link Slice#remaining()}).
     */
    public Slice slice(long length, String what) {
        requireAvailable(length, what);
        return new Slice(length, what);
    }

    /** Reads (and digests) the rest of the file and returns its size and digests. */
    public FileDigests finish() throws IOException {
        while (fill()) {
            position += bufferEnd - bufferPos;
            bufferPos = bufferEnd;
        }
        return hasher.finish();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        if (bufferPos < bufferEnd) {
            return true;
        }
        if (eof) {
            return false;
        }
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new SourceReadException(source, e);
        }
        if (n <= 0) {
            eof = true;
            if (size >= 0 && hasher.size() != size) {
                throw PackageProblems.truncated(source, "the file has " + hasher.size() + " bytes, not the " + size
                        + " it had when reading started (was it changed while being read?)");
            }
            return false;
        }
        hasher.update(buffer, 0, n);
        bufferPos = 0;
        bufferEnd = n;
        return true;
    }

    /** A bounded view of the next bytes of the package; see {@link PackageInput#slice}. */
    public final class Slice extends InputStream {
        private final String what;
        private long remaining;

        private Slice(long length, String what) {
            this.remaining = length;
            this.what = what;
        }

        /** Bytes of the slice not read yet. */
        public long remaining() {
            return remaining;
        }

        /** Reads and digests what is left of the slice. */
        public void skipRest() throws IOException {
            skipExactly(remaining, what);
            remaining = 0;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            if (!fill()) {
                throw truncatedHere();
            }
            remaining--;
            position++;
            return buffer[bufferPos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            if (!fill()) {
                throw truncatedHere();
            }
            int n = (int) Math.min(Math.min(len, remaining), bufferEnd - bufferPos);
            System.arraycopy(buffer, bufferPos, b, off, n);
            bufferPos += n;
            position += n;
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = Math.min(Math.max(n, 0), remaining);
            skipExactly(k, what);
            remaining -= k;
            return k;
        }

        @Override
        public int available() {
            return (int) Math.min(Math.min(remaining, bufferEnd - bufferPos), Integer.MAX_VALUE);
        }

        @Override
        public void close() {
            // the package input stays open; the reader skips what is left
        }

        private RuntimeException truncatedHere() {
            return PackageProblems.truncated(source, what + " ends early: the file ends at offset " + position
                    + " with " + remaining + " bytes of it missing");
        }
    }
}
