package org.vatools.core.pkg.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.vatools.core.pkg.Compression;
import org.vatools.core.pkg.FileDigests;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.pkg.WantedFiles;
import org.vatools.core.pkg.io.PackageInput;
import org.vatools.core.pkg.io.PackageProblems;

/**
 * Reads an rpm (rpm's v3 package format, as rpm 4 writes it) in one pass: the 96-byte lead, the
 * signature header, padding to a multiple of 8, the main header, and the payload. The payload is
 * decompressed only to extract wanted files, and only if the header lists them, and only until
 * they are found; the rest of the file is still read for the digests.
 *
 * <pre>{@code
 * RpmPackage rpm = RpmReader.read(path, ReadOptions.defaults().withDigests(DigestAlgorithm.SHA256));
 * rpm.name(); rpm.requires(); rpm.files(); rpm.layout().headerStart(); rpm.digests().sha256();
 * }</pre>
 *
 * Hostile input cannot make it allocate more than the file holds: every count and length is
 * checked against rpm's limits and the file's size first. Every problem is an
 * {@link org.vatools.core.InvalidInputException} naming the file and what is wrong (exit code
 * INVALID_INPUT); failures to read the file are {@link IOException}s.
 */
public final class RpmReader {
    private static final byte[] LEAD_MAGIC = {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb};

    private final PackageInput input;
    private final String source;
    private final ReadOptions options;

    private RpmReader(PackageInput input, ReadOptions options) {
        this.input = input;
        this.source = input.source();
        this.options = options;
    }

    /** Reads {@code file} with {@link ReadOptions#defaults()}. */
    public static RpmPackage read(Path file) throws IOException {
        return read(file, ReadOptions.defaults());
    }

    /** Reads {@code file}; messages name it as given. */
    public static RpmPackage read(Path file, ReadOptions options) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), size, options);
        }
    }

    /**
     * Reads an rpm from a stream (not closed here).
     *
     * @param source name used in messages
     * @param size   the stream's length if known, else -1
     */
    public static RpmPackage read(InputStream in, String source, long size, ReadOptions options) throws IOException {
        return new RpmReader(new PackageInput(in, source, size, options.digests()), options).parse();
    }

    /** The bytes of one payload file (empty if the package does not contain it). */
    public static Optional<byte[]> extract(Path file, String path) throws IOException {
        return read(file, ReadOptions.defaults().withDigests().extracting(path)).extractedFile(path);
    }

    private RpmPackage parse() throws IOException {
        if (input.size() >= 0 && input.size() < RpmLead.SIZE) {
            throw PackageProblems.invalid(source, "not an rpm: the file has only " + input.size()
                    + " bytes (an rpm starts with a 96-byte lead)");
        }
        byte[] leadBytes = input.readExactly(RpmLead.SIZE, "lead");
        RpmLead lead = lead(leadBytes);
        RpmHeader signature = RpmHeader.read(input, RpmHeader.Kind.SIGNATURE);
        long signatureEnd = input.position();
        input.skipExactly((8 - signatureEnd % 8) % 8, "padding after the signature header");
        long headerStart = input.position();
        RpmHeader header = RpmHeader.read(input, RpmHeader.Kind.MAIN);
        long headerEnd = input.position();
        RpmContents contents = new RpmContents(header);
        OptionalLong recorded = new RpmSignatures(signature, header).headerAndPayloadSize();
        checkLength(input.size(), headerStart, headerEnd, recorded);
        Map<String, byte[]> extracted = extract(contents);
        FileDigests digests = input.finish();
        if (input.size() < 0) {
            checkLength(digests.size(), headerStart, headerEnd, recorded);
        }
        RpmLayout layout = new RpmLayout(RpmLead.SIZE, signatureEnd, headerStart, headerEnd, digests.size());
        return new RpmPackage(source, lead, leadBytes, signature, header, contents, layout, extracted, digests);
    }

    private RpmLead lead(byte[] b) {
        for (int i = 0; i < 4; i++) {
            if (b[i] != LEAD_MAGIC[i]) {
                throw PackageProblems.invalid(source, "not an rpm: no lead magic ED AB EE DB at offset 0");
            }
        }
        int major = b[4] & 0xff;
        int minor = b[5] & 0xff;
        if (major < 3 || major > 4) {
            throw PackageProblems.invalid(source, "unsupported rpm format version " + major + "." + minor
                    + " in the lead (rpm reads 3.x and 4.x)");
        }
        int type = u16(b, 6);
        int archnum = u16(b, 8);
        int nameEnd = 10;
        while (nameEnd < 76 && b[nameEnd] != 0) {
            nameEnd++;
        }
        String name = new String(b, 10, nameEnd - 10, StandardCharsets.UTF_8);
        int osnum = u16(b, 76);
        int signatureType = u16(b, 78);
        if (signatureType != 5) {
            throw PackageProblems.invalid(source, "lead signature type " + signatureType
                    + " is not 5 (a header-style signature, which every rpm since rpm 3 has)");
        }
        return new RpmLead(major, minor, type, archnum, name, osnum, signatureType);
    }

    private void checkLength(long fileSize, long headerStart, long headerEnd, OptionalLong recorded) {
        if (fileSize < 0) {
            return;
        }
        if (recorded.isPresent() && fileSize < headerStart + recorded.getAsLong()) {
            throw PackageProblems.truncated(source, "the signature header records " + recorded.getAsLong()
                    + " bytes of header and payload from offset " + headerStart + ", but the file ends at offset "
                    + fileSize + " (" + (headerStart + recorded.getAsLong() - fileSize) + " bytes of payload missing)");
        }
        if (fileSize == headerEnd) {
            throw PackageProblems.truncated(source, "the file ends right after the main header (offset " + headerEnd
                    + "); the payload is missing");
        }
    }

    private Map<String, byte[]> extract(RpmContents contents) throws IOException {
        Set<String> asked = new LinkedHashSet<>();
        for (String p : options.extract().paths(contents.name)) {
            asked.add(WantedFiles.normalize(p));
        }
        Map<String, byte[]> extracted = new LinkedHashMap<>();
        if (asked.isEmpty()) {
            return extracted;
        }
        Map<String, RpmFile> inHeader = new HashMap<>();
        for (RpmFile f : contents.files) {
            inHeader.put(WantedFiles.normalize(f.path()), f);
        }
        asked.removeIf(p -> !inHeader.containsKey(p) || !inHeader.get(p).isRegularFile() || inHeader.get(p).isGhost());
        if (asked.isEmpty()) {
            return extracted;
        }
        if (!contents.payloadFormat.equals("cpio")) {
            throw PackageProblems.invalid(source, "payload format '" + contents.payloadFormat
                    + "' is not cpio; only cpio payloads can be extracted");
        }
        Compression compression = contents.payloadCompression().orElseThrow(() -> PackageProblems.invalid(source,
                "payload compressor '" + contents.payloadCompressor + "' is not one of gzip, xz, zstd, bzip2, lzma"));
        String what = "the " + contents.payloadCompressor + " payload";
        try (InputStream payload = compression.open(input.remainder())) {
            CpioReader cpio = new CpioReader(payload, source, contents.files);
            Map<String, List<String>> waitingForContent = new HashMap<>();
            CpioReader.Entry entry;
            while ((entry = cpio.next()) != null) {
                if (!entry.isRegularFile()) {
                    continue;
                }
                boolean wanted = asked.contains(entry.path()) && !extracted.containsKey(entry.path());
                if (wanted && entry.contentFollowsLater()) {
                    waitingForContent.computeIfAbsent(entry.inode(), k -> new ArrayList<>()).add(entry.path());
                    continue;
                }
                List<String> links = entry.links() > 1 ? waitingForContent.remove(entry.inode()) : null;
                if (wanted || links != null) {
                    byte[] content = cpio.readContent(entry.path(), options.maxExtractBytes());
                    if (wanted) {
                        extracted.put(entry.path(), content);
                    }
                    if (links != null) {
                        links.forEach(p -> extracted.put(p, content));
                    }
                    if (extracted.size() == asked.size()) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw PackageProblems.corruptOrIo(source, what, e);
        }
        return extracted;
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }
}
