package org.vatools.core.pkg.rpm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.vatools.core.pkg.BinaryPackage;
import org.vatools.core.pkg.Compression;
import org.vatools.core.pkg.FileDigests;
import org.vatools.core.pkg.WantedFiles;

/**
 * What {@link RpmReader} read from an rpm: the lead, both headers with their exact bytes and
 * offsets, the main header's content decoded (everything createrepo_c puts into primary.xml,
 * filelists.xml and other.xml), the file's size and digests, and extracted payload files.
 * Immutable; every accessor was validated while reading and does not fail.
 */
public final class RpmPackage implements BinaryPackage {
    private final String source;
    private final RpmLead lead;
    private final byte[] leadBytes;
    private final RpmHeader signatureHeader;
    private final RpmHeader header;
    private final RpmContents contents;
    private final RpmLayout layout;
    private final Map<String, byte[]> extracted;
    private final FileDigests digests;

    RpmPackage(String source, RpmLead lead, byte[] leadBytes, RpmHeader signatureHeader, RpmHeader header,
               RpmContents contents, RpmLayout layout, Map<String, byte[]> extracted, FileDigests digests) {
        this.source = source;
        this.lead = lead;
        this.leadBytes = leadBytes;
        this.signatureHeader = signatureHeader;
        this.header = header;
        this.contents = contents;
        this.layout = layout;
        this.extracted = extracted;
        this.digests = digests;
    }

    // ------------------------------------------------------------ identity

    @Override
    public String source() {
        return source;
    }

    @Override
    public String name() {
        return contents.name;
    }

    /** EPOCH; empty when the package has none (repodata writes {@code epoch="0"} then). */
    public OptionalLong epoch() {
        return contents.epoch;
    }

    /** VERSION. */
    public String version() {
        return contents.version;
    }

    /** RELEASE. */
    public String release() {
        return contents.release;
    }

    /** ARCH ({@code noarch}, {@code x86_64}; for a source package the stored ARCH or {@code src}). */
    public String arch() {
        return contents.arch;
    }

    @Override
    public String architecture() {
        return contents.arch;
    }

    /** Epoch, version and release. */
    public RpmEvr evr() {
        return new RpmEvr(contents.epoch.isPresent() ? Long.toString(contents.epoch.getAsLong()) : "",
                contents.version, contents.release);
    }

    /** {@code [epoch:]version-release}, as {@code rpm -q --qf '%{EVR}'} prints it. */
    @Override
    public String fullVersion() {
        return evr().toString();
    }

    /** {@code name-version-release.arch}. */
    public String nvra() {
        return contents.name + "-" + contents.version + "-" + contents.release + "." + contents.arch;
    }

    /** True for a source rpm (SOURCEPACKAGE present); repodata lists its arch as {@code src}. */
    public boolean isSourcePackage() {
        return contents.sourcePackage;
    }

    // ------------------------------------------------------------ descriptive tags

    /** SUMMARY (the C-locale value): primary.xml's {@code summary}. */
    public Optional<String> summary() {
        return contents.summary;
    }

    /** DESCRIPTION (the C-locale value). */
    public Optional<String> description() {
        return contents.description;
    }

    /** PACKAGER. */
    public Optional<String> packager() {
        return contents.packager;
    }

    /** URL. */
    public Optional<String> url() {
        return contents.url;
    }

    /** BUILDTIME, seconds since the epoch. */
    public OptionalLong buildTime() {
        return contents.buildTime;
    }

    /** BUILDHOST. */
    public Optional<String> buildHost() {
        return contents.buildHost;
    }

    /** SOURCERPM: the source package this was built from ({@code foo-1.0-1.src.rpm}). */
    public Optional<String> sourceRpm() {
        return contents.sourceRpm;
    }

    /** LICENSE: primary.xml's {@code rpm:license}. */
    public Optional<String> license() {
        return contents.license;
    }

    /** VENDOR. */
    public Optional<String> vendor() {
        return contents.vendor;
    }

    /** GROUP (the C-locale value). */
    public Optional<String> group() {
        return contents.group;
    }

    // ------------------------------------------------------------ sizes and ranges

    /** Size of the rpm file: primary.xml's {@code size package}. */
    public long packageSize() {
        return digests.size();
    }

    /** Installed size (LONGSIZE, else SIZE): primary.xml's {@code size installed}. */
    public long installedSize() {
        return contents.installedSize;
    }

    /**
     * Uncompressed payload size, primary.xml's {@code size archive}: the signature header's
     * LONGARCHIVESIZE or PAYLOADSIZE, else the main header's LONGARCHIVESIZE or ARCHIVESIZE, else 0.
     */
    public long archiveSize() {
        OptionalLong s = signatures().payloadSize();
        if (s.isPresent()) {
            return s.getAsLong();
        }
        return contents.headerArchiveSize.orElse(0);
    }

    /** Offsets of the parts of the file; {@code headerStart}/{@code headerEnd} are rpm:header-range. */
    public RpmLayout layout() {
        return layout;
    }

    // ------------------------------------------------------------ dependencies

    /** PROVIDENAME/FLAGS/VERSION, in stored order. */
    public List<RpmDependency> provides() {
        return contents.provides;
    }

    /** Every requirement as stored, {@code rpmlib(...)} ones and pre flags included. */
    public List<RpmDependency> requires() {
        return contents.requires;
    }

    /** CONFLICTNAME/FLAGS/VERSION, in stored order. */
    public List<RpmDependency> conflicts() {
        return contents.conflicts;
    }

    /** OBSOLETENAME/FLAGS/VERSION, in stored order. */
    public List<RpmDependency> obsoletes() {
        return contents.obsoletes;
    }

    /** RECOMMENDNAME/FLAGS/VERSION, in stored order. */
    public List<RpmDependency> recommends() {
        return contents.recommends;
    }

    /** SUGGESTNAME/FLAGS/VERSION, in stored order. */
    public List<RpmDependency> suggests() {
        return contents.suggests;
    }

    /** SUPPLEMENTNAME/FLAGS/VERSION, in stored order. */
    public List<RpmDependency> supplements() {
        return contents.supplements;
    }

    /** ENHANCENAME/FLAGS/VERSION, in stored order. */
    public List<RpmDependency> enhances() {
        return contents.enhances;
    }

    // ------------------------------------------------------------ files and changelog

    /** The file list in header order, directories and ghosts included. */
    public List<RpmFile> files() {
        return contents.files;
    }

    /** FILEDIGESTALGO (MD5 when absent, as rpm reads it). */
    public RpmHashAlgorithm fileDigestAlgorithm() {
        return contents.fileDigestAlgorithm;
    }

    /** The changelog, newest entry first. */
    public List<RpmChangelog> changelogs() {
        return contents.changelogs;
    }

    // ------------------------------------------------------------ payload

    /** PAYLOADFORMAT ({@code cpio} when absent). */
    public String payloadFormat() {
        return contents.payloadFormat;
    }

    /** PAYLOADCOMPRESSOR as stored ({@code gzip} when absent, as rpm reads it). */
    public String payloadCompressor() {
        return contents.payloadCompressor;
    }

    /** The compression the payload compressor names, if it is one this reader can decompress. */
    public Optional<Compression> payloadCompression() {
        return contents.payloadCompression();
    }

    /** PAYLOADFLAGS (compression level, {@code 9}, {@code 6}...). */
    public Optional<String> payloadFlags() {
        return contents.payloadFlags;
    }

    /** PAYLOADDIGEST: hex digest of the compressed payload; empty for packages without one. */
    public Optional<String> payloadDigest() {
        return contents.payloadDigest;
    }

    /** PAYLOADDIGESTALT: hex digest of the uncompressed payload (rpm 4.16+). */
    public Optional<String> payloadDigestAlt() {
        return contents.payloadDigestAlt;
    }

    /** PAYLOADDIGESTALGO. */
    public Optional<RpmHashAlgorithm> payloadDigestAlgorithm() {
        return contents.payloadDigestAlgorithm;
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

    // ------------------------------------------------------------ raw structure and signatures

    /** The lead, decoded (its name and architecture fields are legacy; the headers are authoritative). */
    public RpmLead lead() {
        return lead;
    }

    /** A copy of the 96 bytes of the lead. */
    public byte[] leadBytes() {
        return leadBytes.clone();
    }

    /** The signature header (its {@link RpmHeader#bytes()} exclude the padding after it). */
    public RpmHeader signatureHeader() {
        return signatureHeader;
    }

    /** The main header, the immutable region that header signatures cover. */
    public RpmHeader header() {
        return header;
    }

    /** The signature header's digests, signatures and sizes. */
    public RpmSignatures signatures() {
        return new RpmSignatures(signatureHeader, header);
    }

    @Override
    public FileDigests digests() {
        return digests;
    }

    @Override
    public String toString() {
        return nvra() + " (" + source + ")";
    }
}
