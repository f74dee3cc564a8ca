package org.vatools.core.pkg.deb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.deb822.Deb822Document;
import org.vatools.core.deb822.Deb822Paragraph;
import org.vatools.core.descriptor.PackagePolicy;
import org.vatools.core.pkg.Compression;
import org.vatools.core.pkg.FileDigests;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.pkg.WantedFiles;
import org.vatools.core.pkg.io.LimitedInputStream;
import org.vatools.core.pkg.io.PackageInput;
import org.vatools.core.pkg.io.PackageProblems;

/**
 * Reads a binary Debian package (deb(5)) in one pass: the ar archive's {@code debian-binary}
 * ({@code 2.x}), {@code control.tar[.gz|.xz|.zst]} and {@code data.tar[.gz|.xz|.zst|.bz2|.lzma]}
 * members, with dpkg's rules for their order ({@code _}-prefixed members are skipped, anything
 * after data.tar is ignored). The control paragraph must carry Package, Version, Architecture,
 * Maintainer and Description with valid values. data.tar is decompressed only when files are
 * listed or extracted, and only until every wanted file is found; the rest of the file is still
 * read for the digests. Only regular files are extracted (a hard link only when the file it links
 * to is wanted too, since tar stores the content with the first name); symlinks are not followed.
 *
 * <pre>{@code
 * DebPackage deb = DebReader.read(path);                    // index: control + size + 4 digests
 * String sha256 = deb.digests().sha256();
 * DebPackage app = DebReader.read(path, ReadOptions.defaults().extracting(seedPath));
 * byte[] seed = app.extractedFile(seedPath).orElseThrow();
 * }</pre>
 *
 * Every problem with the file is an {@link InvalidInputException} naming the file (and the
 * control field and line where there is one), exit code INVALID_INPUT; failures to read the file
 * are {@link IOException}s.
 */
public final class DebReader {
    /** Largest control.tar, decompressed, that is accepted (a real one holds a few KiB). */
    public static final long MAX_CONTROL_BYTES = 64L * 1024 * 1024;
    private static final List<String> REQUIRED = List.of("Package", "Version", "Architecture", "Maintainer",
            "Description");
    private static final Pattern ARCHITECTURE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern MD5SUMS_LINE = Pattern.compile("([0-9a-fA-F]{32}) +(\\S.*)");

    private final PackageInput input;
    private final String source;
    private final ReadOptions options;
    private String formatVersion;
    private Deb822Paragraph control;
    private DebianVersion version;
    private Compression controlCompression;
    private Compression dataCompression;
    private final Map<String, byte[]> controlMembers = new LinkedHashMap<>();
    private List<DebDataFile> dataFiles;
    private final Map<String, byte[]> extracted = new LinkedHashMap<>();

    private DebReader(PackageInput input, ReadOptions options) {
        this.input = input;
        this.source = input.source();
        this.options = options;
    }

    /** Reads {@code file} with {@link ReadOptions#defaults()}. */
    public static DebPackage read(Path file) throws IOException {
        return read(file, ReadOptions.defaults());
    }

    /** Reads {@code file}; messages name it as given. */
    public static DebPackage read(Path file, ReadOptions options) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), size, options);
        }
    }

    /**
     * Reads a package from a stream (not closed here).
     *
     * @param source name used in messages
     * @param size   the stream's length if known, else -1
     */
    public static DebPackage read(InputStream in, String source, long size, ReadOptions options) throws IOException {
        PackageInput input = new PackageInput(in, source, size, options.digests());
        return new DebReader(input, options).parse();
    }

    /** The bytes of one data file, decompressing data.tar only until it is found. */
    public static Optional<byte[]> extract(Path file, String path) throws IOException {
        return read(file, ReadOptions.defaults().withDigests().extracting(path)).extractedFile(path);
    }

    private DebPackage parse() throws IOException {
        if (input.size() >= 0 && input.size() < 8) {
            throw PackageProblems.invalid(source, "not a Debian package: the file has only " + input.size() + " bytes");
        }
        byte[] magic = input.readExactly(8, "ar signature");
        if (!new String(magic, StandardCharsets.ISO_8859_1).equals("!<arch>\n")) {
            throw PackageProblems.invalid(source, "not a Debian package: no ar archive signature '!<arch>'"
                    + " at offset 0");
        }
        boolean dataSeen = false;
        int index = 0;
        while (!dataSeen && !input.atEnd()) {
            long offset = input.position();
            byte[] header = input.readExactly(60, "ar member header");
            if (header[58] != '`' || header[59] != '\n') {
                throw PackageProblems.invalid(source, "ar member header at offset " + offset
                        + " is malformed (it does not end with '`\\n'); the file is corrupt");
            }
            String name = field(header, 0, 16);
            if (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            long size = decimal(field(header, 48, 10), offset, name);
            PackageInput.Slice slice = input.slice(size, "ar member '" + name + "'");
            if (index == 0) {
                if (!name.equals("debian-binary")) {
                    throw PackageProblems.invalid(source, "not a Debian binary package: the first ar member is '"
                            + name + "', not 'debian-binary'");
                }
                readFormatVersion(slice, size);
            } else if (name.startsWith("_")) {
                slice.skipRest();
            } else if (control == null) {
                Optional<Compression> c = Compression.ofMemberName(name, "control.tar");
                if (c.isEmpty()) {
                    throw PackageProblems.invalid(source, "ar member '" + name + "' comes where control.tar"
                            + (name.startsWith("control.tar") ? " is expected, with a compression dpkg does not know"
                            : " is expected (the package has no control.tar before it)"));
                }
                controlCompression = c.get();
                readControl(slice, name, c.get());
            } else {
                Optional<Compression> c = Compression.ofMemberName(name, "data.tar");
                if (c.isEmpty()) {
                    throw PackageProblems.invalid(source, "ar member '" + name + "' comes where data.tar"
                            + (name.startsWith("data.tar") ? " is expected, with a compression dpkg does not know"
                            : " is expected"));
                }
                dataCompression = c.get();
                readData(slice, name, c.get());
                dataSeen = true;
            }
            slice.skipRest();
            if (size % 2 == 1 && !input.atEnd()) {
                input.skipExactly(1, "ar padding byte");
            }
            index++;
        }
        if (index == 0) {
            throw PackageProblems.invalid(source, "not a Debian package: the ar archive is empty");
        }
        if (control == null) {
            throw PackageProblems.invalid(source, "not a Debian binary package: it has no control.tar member"
                    + " (the file may be truncated)");
        }
        if (!dataSeen) {
            throw PackageProblems.invalid(source, "not a Debian binary package: it has no data.tar member"
                    + " (the file may be truncated)");
        }
        FileDigests digests = input.finish();
        return new DebPackage(source, formatVersion, control, version, controlCompression, dataCompression,
                controlMembers, conffiles(), md5sums(), dataFiles, extracted, digests);
    }

    private void readFormatVersion(PackageInput.Slice slice, long size) throws IOException {
        if (size > 64) {
            throw PackageProblems.invalid(source, "member 'debian-binary' has " + size + " bytes; it should hold"
                    + " the format version '2.0'");
        }
        String text = new String(slice.readAllBytes(), StandardCharsets.US_ASCII);
        String v = text.strip();
        if (!v.startsWith("2.")) {
            throw PackageProblems.invalid(source, "unsupported Debian package format version '" + v
                    + "' in member 'debian-binary' (only 2.x exists)");
        }
        formatVersion = v;
    }

    private void readControl(PackageInput.Slice slice, String member, Compression c) throws IOException {
        String what = "member '" + member + "'";
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new LimitedInputStream(c.open(slice), MAX_CONTROL_BYTES, source, what), "UTF-8")) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!isRegularFile(entry)) {
                    continue;
                }
                String name = WantedFiles.normalize(entry.getName()).substring(1);
                if (entry.getSize() > MAX_CONTROL_BYTES) {
                    throw PackageProblems.invalid(source, what + ": file '" + name + "' claims " + entry.getSize()
                            + " bytes");
                }
                byte[] bytes = tar.readNBytes((int) entry.getSize());
                if (bytes.length != entry.getSize()) {
                    throw PackageProblems.invalid(source, what + ": file '" + name + "' ends early");
                }
                controlMembers.put(name, bytes);
            }
        } catch (IOException | RuntimeException e) {
            throw PackageProblems.corruptOrIo(source, what, e);
        }
        byte[] controlFile = controlMembers.get("control");
        if (controlFile == null) {
            throw PackageProblems.invalid(source, what + " has no 'control' file");
        }
        String controlSource = source + "(control)";
        control = Deb822Paragraph.parse(Deb822Document.decodeUtf8(controlFile, controlSource), controlSource);
        validateControl(controlSource);
    }

    private void validateControl(String controlSource) {
        List<Problem> problems = new ArrayList<>();
        for (String name : REQUIRED) {
            var field = control.field(name);
            if (field.isEmpty()) {
                problems.add(new Problem(controlSource, 0, 0, name, "required field '" + name + "' is missing"));
            } else if (field.get().value().isEmpty()) {
                problems.add(new Problem(controlSource, field.get().line(), 0, name, "required field '" + name
                        + "' is empty"));
            }
        }
        control.field("Package").filter(f -> !f.value().isEmpty()).ifPresent(f -> PackagePolicy.debianName(f.value())
                .ifPresent(p -> problems.add(new Problem(controlSource, f.line(), 0, f.name(), p))));
        control.field("Version").filter(f -> !f.value().isEmpty()).ifPresent(f -> {
            Optional<String> p = DebianVersion.problem(f.value());
            if (p.isPresent()) {
                problems.add(new Problem(controlSource, f.line(), 0, f.name(), p.get()));
            } else {
                version = DebianVersion.parse(f.value());
            }
        });
        control.field("Architecture").filter(f -> !f.value().isEmpty()).ifPresent(f -> {
            if (!ARCHITECTURE.matcher(f.value()).matches()) {
                problems.add(new Problem(controlSource, f.line(), 0, f.name(), "'" + f.value()
                        + "' is not an architecture name (lower-case letters, digits and '-', e.g. all, amd64)"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private void readData(PackageInput.Slice slice, String member, Compression c) throws IOException {
        Set<String> wanted = new HashSet<>();
        for (String p : options.extract().paths(control.get("Package").orElseThrow())) {
            wanted.add(WantedFiles.normalize(p));
        }
        boolean list = options.listDataFiles();
        if (!list && wanted.isEmpty()) {
            return;
        }
        String what = "member '" + member + "'";
        List<DebDataFile> files = list ? new ArrayList<>() : null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(c.open(slice), "UTF-8")) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String path = WantedFiles.normalize(entry.getName());
                if (list) {
                    files.add(toDataFile(path, entry));
                }
                if (wanted.contains(path) && !extracted.containsKey(path)) {
                    if (isRegularFile(entry)) {
                        extracted.put(path, readEntry(tar, entry, path, what));
                    } else if (entry.isLink() && extracted.containsKey(WantedFiles.normalize(entry.getLinkName()))) {
                        extracted.put(path, extracted.get(WantedFiles.normalize(entry.getLinkName())));
                    }
                    if (!list && extracted.size() == wanted.size()) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw PackageProblems.corruptOrIo(source, what, e);
        }
        dataFiles = files;
    }

    private byte[] readEntry(TarArchiveInputStream tar, TarArchiveEntry entry, String path, String what)
            throws IOException {
        long size = entry.getSize();
        if (size > options.maxExtractBytes()) {
            throw PackageProblems.invalid(source, path + " is " + size + " bytes, more than the "
                    + options.maxExtractBytes() + " bytes allowed for an extracted file");
        }
        byte[] bytes = tar.readNBytes((int) size);
        if (bytes.length != size) {
            throw PackageProblems.invalid(source, what + ": " + path + " ends early");
        }
        return bytes;
    }

    /** commons-compress calls symlinks and hard links "files" too; dpkg's regular files are these. */
    private static boolean isRegularFile(TarArchiveEntry e) {
        return !e.isDirectory() && !e.isSymbolicLink() && !e.isLink() && !e.isCharacterDevice()
                && !e.isBlockDevice() && !e.isFIFO() && e.isFile();
    }

    private static DebDataFile toDataFile(String path, TarArchiveEntry e) {
        DebDataFile.Type type;
        String link = "";
        if (e.isDirectory()) {
            type = DebDataFile.Type.DIRECTORY;
        } else if (e.isSymbolicLink()) {
            type = DebDataFile.Type.SYMLINK;
            link = e.getLinkName();
        } else if (e.isLink()) {
            type = DebDataFile.Type.HARDLINK;
            link = WantedFiles.normalize(e.getLinkName());
        } else if (e.isCharacterDevice()) {
            type = DebDataFile.Type.CHARACTER_DEVICE;
        } else if (e.isBlockDevice()) {
            type = DebDataFile.Type.BLOCK_DEVICE;
        } else if (e.isFIFO()) {
            type = DebDataFile.Type.FIFO;
        } else {
            type = DebDataFile.Type.FILE;
        }
        long size = type == DebDataFile.Type.FILE ? e.getSize() : 0;
        return new DebDataFile(path, type, e.getMode() & 07777, size, link, e.getUserName(), e.getGroupName(),
                e.getLastModifiedTime().toInstant().getEpochSecond());
    }

    private List<String> conffiles() {
        byte[] bytes = controlMembers.get("conffiles");
        List<String> result = new ArrayList<>();
        if (bytes != null) {
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    result.add(line.strip());
                }
            }
        }
        return result;
    }

    private Map<String, String> md5sums() {
        byte[] bytes = controlMembers.get("md5sums");
        Map<String, String> result = new LinkedHashMap<>();
        if (bytes == null) {
            return result;
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            var m = MD5SUMS_LINE.matcher(lines[i]);
            if (!m.matches()) {
                problems.add(Problem.at(source + "(md5sums)", i + 1, "expected '<md5>  <path>', found '"
                        + lines[i] + "'"));
                continue;
            }
            result.put(WantedFiles.normalize(m.group(2)), m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return result;
    }

    private static String field(byte[] header, int offset, int length) {
        return new String(header, offset, length, StandardCharsets.ISO_8859_1).strip();
    }

    private long decimal(String text, long offset, String name) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw PackageProblems.invalid(source, "ar member '" + name + "' at offset " + offset
                    + " has an invalid size field '" + text + "'; the file is corrupt");
        }
        return Long.parseLong(text);
    }
}
