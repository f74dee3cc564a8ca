package org.vatools.core.pkg.deb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vatools.core.deb822.Deb822Paragraph;
import org.vatools.core.pkg.BinaryPackage;
import org.vatools.core.pkg.Compression;
import org.vatools.core.pkg.FileDigests;
import org.vatools.core.pkg.WantedFiles;

/**
 * What {@link DebReader} read from a .deb: the control paragraph (fields in file order), the other
 * control members, the file's size and digests, and, when asked for, the data files and the bytes
 * of chosen data files. Immutable.
 */
public final class DebPackage implements BinaryPackage {
    private final String source;
    private final String formatVersion;
    private final Deb822Paragraph control;
    private final DebianVersion version;
    private final Compression controlCompression;
    private final Compression dataCompression;
    private final Map<String, byte[]> controlMembers;
    private final List<String> conffiles;
    private final Map<String, String> md5sums;
    private final List<DebDataFile> dataFiles;
    private final Map<String, byte[]> extracted;
    private final FileDigests digests;

    DebPackage(String source, String formatVersion, Deb822Paragraph control, DebianVersion version,
               Compression controlCompression, Compression dataCompression, Map<String, byte[]> controlMembers,
               List<String> conffiles, Map<String, String> md5sums, List<DebDataFile> dataFiles,
               Map<String, byte[]> extracted, FileDigests digests) {
        this.source = source;
        this.formatVersion = formatVersion;
        this.control = control;
        this.version = version;
        this.controlCompression = controlCompression;
        this.dataCompression = dataCompression;
        this.controlMembers = controlMembers;
        this.conffiles = List.copyOf(conffiles);
        this.md5sums = md5sums;
        this.dataFiles = dataFiles == null ? null : List.copyOf(dataFiles);
        this.extracted = extracted;
        this.digests = digests;
    }

    /** The file name the package was read from, as given to the reader. */
    @Override
    public String source() {
        return source;
    }

    /** The {@code Package} field. */
    @Override
    public String name() {
        return control.get("Package").orElseThrow();
    }

    /** The {@code Version} field as written. */
    public String version() {
        return control.get("Version").orElseThrow();
    }

    /** The {@code Version} field as written (for a .deb the same as {@link #version()}). */
    @Override
    public String fullVersion() {
        return control.get("Version").orElseThrow();
    }

    /** The {@code Version} field, parsed for comparison. */
    public DebianVersion debianVersion() {
        return version;
    }

    /** The {@code Architecture} field ({@code all}, {@code amd64}, ...). */
    @Override
    public String architecture() {
        return control.get("Architecture").orElseThrow();
    }

    /** The control file's paragraph: every field in file order, spelled as written. */
    public Deb822Paragraph control() {
        return control;
    }

    /** The content of the {@code debian-binary} member without its newline: {@code 2.0}. */
    public String formatVersion() {
        return formatVersion;
    }

    /** How control.tar is compressed (from its member name). */
    public Compression controlCompression() {
        return controlCompression;
    }

    /** How data.tar is compressed (from its member name). */
    public Compression dataCompression() {
        return dataCompression;
    }

    /** Names of the control.tar's files ({@code control}, {@code md5sums}, {@code postinst}, ...) in archive order. */
    public List<String> controlMemberNames() {
        return List.copyOf(controlMembers.keySet());
    }

    /** A copy of the bytes of a control.tar file ({@code postinst}, {@code templates}, ...). */
    public Optional<byte[]> controlMember(String name) {
        byte[] bytes = controlMembers.get(name);
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    /** The paths listed in the {@code conffiles} member; empty when it is absent. */
    public List<String> conffiles() {
        return conffiles;
    }

    /**
     * The {@code md5sums} member: MD5 by absolute path, in file order; empty when it is absent.
     */
    public Map<String, String> md5sums() {
        return md5sums;
    }

    /** True when the package was read with {@code ReadOptions.withDataFiles()}. */
    public boolean hasDataFileList() {
        return dataFiles != null;
    }

    /**
     * The data.tar's entries in archive order.
     *
     * @throws IllegalStateException if the package was read without {@code withDataFiles()}
     */
    public List<DebDataFile> dataFiles() {
        if (dataFiles == null) {
            throw new IllegalStateException(source + ": data files were not listed; read the package with"
                    + " ReadOptions.defaults().withDataFiles()");
        }
        return dataFiles;
    }

    @Override
    public Optional<byte[]> extractedFile(String path) {
        byte[] bytes = extracted.get(WantedFiles.normalize(path));
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    @Override
    public Map<String, byte[]> extractedFiles() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        extracted.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override
    public FileDigests digests() {
        return digests;
    }

    @Override
    public String toString() {
        return name() + "_" + version() + "_" + architecture() + " (" + source + ")";
    }
}
