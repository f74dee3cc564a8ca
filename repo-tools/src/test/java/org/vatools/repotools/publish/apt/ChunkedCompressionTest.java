package org.vatools.repotools.publish.apt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.XZInputStream;

class ChunkedCompressionTest {
    @TempDir
    Path tmp;

    static List<byte[]> parts(int n) {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(("Package: p" + i + "\nVersion: 1." + i + "\nDescription: part " + i + "\n\n").repeat(40)
                    .getBytes(StandardCharsets.UTF_8));
        }
        return parts;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void xzBlocksJoinIntoOneStreamThatAStrictSingleStreamReaderAccepts() throws Exception {
        for (int n : new int[] {0, 1, 3, 40}) {
            List<byte[]> parts = parts(n);
            List<byte[]> streams = parts.stream().map(p -> XzBlocks.compress(p, 6)).toList();
            byte[] joined = XzBlocks.join(streams);
            try (SingleXZInputStream in = new SingleXZInputStream(new ByteArrayInputStream(joined))) {
                assertArrayEquals(concat(parts), in.readAllBytes(), n + " blocks");
            }
            try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(joined))) {
                assertArrayEquals(concat(parts), in.readAllBytes());
            }
        }
    }

    @Test
    void gzipChunksJoinIntoOneMemberWithTheWholeTextsChecksum() throws Exception {
        for (int n : new int[] {0, 1, 3, 40}) {
            List<byte[]> parts = parts(n);
            byte[] text = concat(parts);
            byte[] gz = GzipChunks.join(parts.stream().map(GzipChunks::deflate).toList(), text);
            assertEquals(0x1f, gz[0] & 0xff);
            assertEquals(0, gz[4] | gz[5] | gz[6] | gz[7], "mtime 0");
            assertEquals(0, gz[3], "no file name");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertArrayEquals(text, in.readAllBytes(), n + " chunks");
            }
        }
    }

    @Test
    void chunkBoundariesDependOnlyOnTheEntriesSoOneNewEntryChangesOneOrTwoChunks() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ids.add("pkg" + i + "_1_all");
            paragraphs.add("Package: pkg" + i + "\nVersion: 1\n");
        }
        List<byte[]> before = IndexCompressor.chunks(new IndexCompressor.Index(ids, paragraphs));
        assertTrue(before.size() > 10 && before.size() < 80, "chunks: " + before.size());
        List<String> ids2 = new ArrayList<>(ids);
        List<String> paragraphs2 = new ArrayList<>(paragraphs);
        ids2.add(1000, "new_1_all");
        paragraphs2.add(1000, "Package: new\nVersion: 1\n");
        List<byte[]> after = IndexCompressor.chunks(new IndexCompressor.Index(ids2, paragraphs2));
        List<String> a = before.stream().map(IndexCompressor::sha256).toList();
        List<String> b = after.stream().map(IndexCompressor::sha256).toList();
        long changed = b.stream().filter(h -> !a.contains(h)).count();
        assertTrue(changed >= 1 && changed <= 2, "changed chunks: " + changed);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            IndexCompressor first = new IndexCompressor(tmp.resolve("cache"), tmp.resolve("cache"), pool, 1);
            IndexCompressor.Compressed c1 = first.compress(List.of(new IndexCompressor.Index(ids2, paragraphs2))).get(0);
            first.writeStaged();
            IndexCompressor cached = new IndexCompressor(tmp.resolve("cache"), tmp.resolve("new"), pool, 1);
            IndexCompressor.Compressed c2 = cached.compress(List.of(new IndexCompressor.Index(ids2, paragraphs2))).get(0);
            assertArrayEquals(c1.xz(), c2.xz(), "from the cache: the same bytes");
            assertArrayEquals(c1.gz(), c2.gz());
            assertTrue(!java.nio.file.Files.exists(tmp.resolve("new")) || java.nio.file.Files.list(tmp.resolve("new"))
                    .findAny().isEmpty(), "nothing compressed again");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void stateFilesRoundTripAndATruncatedOneIsRefused() throws Exception {
        AptEntry e = new AptEntry("main", "demo", "1:2.0-1", "all", 123, "ab".repeat(32),
                "pool/main/d/demo/demo_2.0-1_all.deb", "pool/main/d/demo/demo_2.0-1.seed", "cd".repeat(32),
                "Package: demo\nVersion: 1:2.0-1\nDescription: x\n y\n");
        AptState s = new AptState("stable", "bookworm", "Origin with spaces", null, List.of("amd64", "arm64"),
                List.of("main"), 7, List.of(e), List.of(new AptState.Retained(1700000000L, "ef".repeat(32),
                "pool/main/o/old/old_1_all.deb")));
        Path file = tmp.resolve("7.state");
        s.write(file);
        assertEquals(s, AptState.read(file));
        String text = java.nio.file.Files.readString(file);
        java.nio.file.Files.writeString(file, text.substring(0, text.length() - 8));
        org.vatools.core.ApplianceException ex = org.junit.jupiter.api.Assertions.assertThrows(
                org.vatools.core.ApplianceException.class, () -> AptState.read(file));
        assertTrue(ex.getMessage().contains("the repository state is damaged"), ex.getMessage());
    }

    @Test
    void poolPrefixesFollowDebian() {
        assertEquals("pool/main/libx/libxml2", PoolLayout.directory("main", "libxml2"));
        assertEquals("pool/main/l/lib", PoolLayout.directory("main", "lib"));
        assertEquals("pool/contrib/d/dokuwiki-appliance", PoolLayout.directory("contrib", "dokuwiki-appliance"));
        assertEquals("demo_2.0-1_all.deb", PoolLayout.debFileName("demo", "1:2.0-1", "all"));
        assertEquals("zedsrc", PoolLayout.sourceName("zedsrc (0.1)", "zed"));
        assertTrue(DebInputs.providesAppliance("foo, virtual-appliance (= 1.0), bar"));
        assertTrue(!DebInputs.providesAppliance("virtual-appliance-extra"));
    }
}
