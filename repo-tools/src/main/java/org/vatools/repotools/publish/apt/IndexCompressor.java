package org.vatools.repotools.publish.apt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.vatools.core.pkg.DigestAlgorithm;

/**
 * Writes an index (the text of a Packages file) with its .gz and .xz forms, compressing each chunk
 * of entries once and reusing it while the chunk does not change. Chunk boundaries depend only on
 * the entries: a chunk ends after an entry whose identity hashes to 0 modulo {@value #CHUNK_SPREAD},
 * so adding one package changes one chunk (two when it starts a new one), and the files are the
 * same bytes whatever order packages were published in. Compressed chunks are kept in a cache
 * folder under {@code .vatools/}, named by the SHA-256 of the chunk's text; new ones are written to
 * a staging folder and moved into the cache when the publish commits.
 */
public final class IndexCompressor {
    /** Average entries per chunk: about 50 to 100 KB of text, which xz and gzip compress nearly as well as the whole. */
    static final int CHUNK_SPREAD = 64;
    private final Path cacheDir;
    private final Path stagedCacheDir;
    private final ExecutorService pool;
    private final int xzPreset;
    private final Set<String> used = new HashSet<>();
    private final Map<String, byte[]> fresh = new LinkedHashMap<>();

    /**
     * @param cacheDir       the cache of committed publishes (may not exist)
     * @param stagedCacheDir where this publish's new chunks go
     * @param pool           threads that compress chunks
     * @param xzPreset       the xz preset (0..9)
     */
    public IndexCompressor(Path cacheDir, Path stagedCacheDir, ExecutorService pool, int xzPreset) {
        this.cacheDir = cacheDir;
        this.stagedCacheDir = stagedCacheDir;
        this.pool = pool;
        this.xzPreset = xzPreset;
    }

    /** An index in its three forms. */
    public record Compressed(byte[] plain, byte[] gz, byte[] xz) {
    }

    /** One index to write: its entries' identities (for chunk boundaries) and paragraphs, in order. */
    public record Index(List<String> identities, List<String> paragraphs) {
    }

    /** Compresses every index; chunks that several indexes share (architecture all) are compressed once. */
    public List<Compressed> compress(List<Index> indexes) throws IOException {
        List<List<byte[]>> chunked = new ArrayList<>();
        Map<String, byte[]> todo = new LinkedHashMap<>();
        List<List<String>> keys = new ArrayList<>();
        for (Index index : indexes) {
            List<byte[]> chunks = chunks(index);
            chunked.add(chunks);
            List<String> k = new ArrayList<>();
            for (byte[] chunk : chunks) {
                String key = sha256(chunk);
                k.add(key);
                if (!todo.containsKey(key) && !isCached(key)) {
                    todo.put(key, chunk);
                }
            }
            keys.add(k);
        }
        Map<String, Future<byte[]>> xz = new LinkedHashMap<>();
        Map<String, Future<byte[]>> gz = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : todo.entrySet()) {
            byte[] chunk = e.getValue();
            xz.put(e.getKey(), pool.submit(() -> XzBlocks.compress(chunk, xzPreset)));
            gz.put(e.getKey(), pool.submit(() -> GzipChunks.deflate(chunk)));
        }
        for (String key : todo.keySet()) {
            fresh.put(xzName(key), get(xz.get(key)));
            fresh.put(gzName(key), get(gz.get(key)));
        }
        List<Compressed> result = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
            List<byte[]> chunks = chunked.get(i);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            List<byte[]> xzParts = new ArrayList<>();
            List<byte[]> gzParts = new ArrayList<>();
            for (int c = 0; c < chunks.size(); c++) {
                plain.writeBytes(chunks.get(c));
                String key = keys.get(i).get(c);
                xzParts.add(load(xzName(key)));
                gzParts.add(load(gzName(key)));
            }
            byte[] text = plain.toByteArray();
            result.add(new Compressed(text, GzipChunks.join(gzParts, text), XzBlocks.join(xzParts)));
        }
        return result;
    }

    /** Writes the chunks compressed by this publish into the staging cache folder. */
    public void writeStaged() throws IOException {
        Files.createDirectories(stagedCacheDir);
        for (Map.Entry<String, byte[]> e : fresh.entrySet()) {
            Files.write(stagedCacheDir.resolve(e.getKey()), e.getValue());
        }
    }

    /** Names of every cache file this publish used (those not named can be deleted after the commit). */
    public Set<String> usedFiles() {
        return Set.copyOf(used);
    }

    static List<byte[]> chunks(Index index) {
        List<byte[]> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < index.paragraphs().size(); i++) {
            current.append(index.paragraphs().get(i)).append('\n');
            if (isBoundary(index.identities().get(i))) {
                chunks.add(current.toString().getBytes(StandardCharsets.UTF_8));
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            chunks.add(current.toString().getBytes(StandardCharsets.UTF_8));
        }
        return chunks;
    }

    static boolean isBoundary(String identity) {
        int h = identity.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Integer.remainderUnsigned(h, CHUNK_SPREAD) == 0;
    }

    private String xzName(String key) {
        return key + ".xz" + xzPreset;
    }

    private static String gzName(String key) {
        return key + ".deflate";
    }

    private boolean isCached(String key) {
        return Files.isRegularFile(cacheDir.resolve(xzName(key))) && Files.isRegularFile(cacheDir.resolve(gzName(key)));
    }

    private byte[] load(String name) throws IOException {
        used.add(name);
        byte[] b = fresh.get(name);
        if (b != null) {
            return b;
        }
        try {
            return Files.readAllBytes(cacheDir.resolve(name));
        } catch (NoSuchFileException e) {
            throw new IOException(cacheDir.resolve(name) + ": a compressed chunk vanished from the cache while"
                    + " publishing", e);
        }
    }

    private static byte[] get(Future<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compressing the index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    static String sha256(byte[] data) {
        MessageDigest d = DigestAlgorithm.SHA256.newDigest();
        return HexFormat.of().formatHex(d.digest(data));
    }
}
