package org.vatools.core.pkg.rpm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.vatools.core.pkg.Compression;

/**
 * Everything {@link RpmPackage} reports from the main header, decoded and cross-checked once
 * while the package is read (parallel arrays of equal length, directory indexes in range, types
 * as rpm defines them), so the accessors never fail later.
 */
final class RpmContents {
    final String name;
    final OptionalLong epoch;
    final String version;
    final String release;
    final String arch;
    final boolean sourcePackage;
    final Optional<String> summary;
    final Optional<String> description;
    final Optional<String> packager;
    final Optional<String> url;
    final OptionalLong buildTime;
    final Optional<String> buildHost;
    final Optional<String> sourceRpm;
    final Optional<String> license;
    final Optional<String> vendor;
    final Optional<String> group;
    final long installedSize;
    final OptionalLong headerArchiveSize;
    final List<RpmDependency> provides;
    final List<RpmDependency> requires;
    final List<RpmDependency> conflicts;
    final List<RpmDependency> obsoletes;
    final List<RpmDependency> recommends;
    final List<RpmDependency> suggests;
    final List<RpmDependency> supplements;
    final List<RpmDependency> enhances;
    final List<RpmFile> files;
    final RpmHashAlgorithm fileDigestAlgorithm;
    final List<RpmChangelog> changelogs;
    final String payloadFormat;
    final String payloadCompressor;
    final Optional<String> payloadFlags;
    final Optional<String> payloadDigest;
    final Optional<String> payloadDigestAlt;
    final Optional<RpmHashAlgorithm> payloadDigestAlgorithm;

    RpmContents(RpmHeader h) {
        name = required(h, RpmTag.NAME);
        version = required(h, RpmTag.VERSION);
        release = required(h, RpmTag.RELEASE);
        epoch = h.number(RpmTag.EPOCH, RpmType.INT32);
        sourcePackage = h.has(RpmTag.SOURCEPACKAGE);
        arch = sourcePackage ? h.text(RpmTag.ARCH).orElse("src") : required(h, RpmTag.ARCH);
        summary = h.text(RpmTag.SUMMARY);
        description = h.text(RpmTag.DESCRIPTION);
        packager = h.text(RpmTag.PACKAGER);
        url = h.text(RpmTag.URL);
        buildTime = h.number(RpmTag.BUILDTIME, RpmType.INT32);
        buildHost = h.text(RpmTag.BUILDHOST);
        sourceRpm = h.text(RpmTag.SOURCERPM);
        license = h.text(RpmTag.LICENSE);
        vendor = h.text(RpmTag.VENDOR);
        group = h.text(RpmTag.GROUP);
        OptionalLong longSize = h.number(RpmTag.LONGSIZE, RpmType.INT64);
        installedSize = longSize.isPresent() ? longSize.getAsLong()
                : h.number(RpmTag.SIZE, RpmType.INT32).orElse(0);
        OptionalLong longArchive = h.number(RpmTag.LONGARCHIVESIZE, RpmType.INT64);
        headerArchiveSize = longArchive.isPresent() ? longArchive
                : h.number(RpmTag.ARCHIVESIZE, RpmType.INT32);
        provides = dependencies(h, RpmTag.PROVIDENAME, RpmTag.PROVIDEFLAGS, RpmTag.PROVIDEVERSION);
        requires = dependencies(h, RpmTag.REQUIRENAME, RpmTag.REQUIREFLAGS, RpmTag.REQUIREVERSION);
        conflicts = dependencies(h, RpmTag.CONFLICTNAME, RpmTag.CONFLICTFLAGS, RpmTag.CONFLICTVERSION);
        obsoletes = dependencies(h, RpmTag.OBSOLETENAME, RpmTag.OBSOLETEFLAGS, RpmTag.OBSOLETEVERSION);
        recommends = dependencies(h, RpmTag.RECOMMENDNAME, RpmTag.RECOMMENDFLAGS, RpmTag.RECOMMENDVERSION);
        suggests = dependencies(h, RpmTag.SUGGESTNAME, RpmTag.SUGGESTFLAGS, RpmTag.SUGGESTVERSION);
        supplements = dependencies(h, RpmTag.SUPPLEMENTNAME, RpmTag.SUPPLEMENTFLAGS, RpmTag.SUPPLEMENTVERSION);
        enhances = dependencies(h, RpmTag.ENHANCENAME, RpmTag.ENHANCEFLAGS, RpmTag.ENHANCEVERSION);
        long algo = h.number(RpmTag.FILEDIGESTALGO, RpmType.INT32).orElse(RpmHashAlgorithm.MD5.id());
        fileDigestAlgorithm = RpmHashAlgorithm.of(algo).orElseThrow(() -> h.problem(
                "FILEDIGESTALGO " + algo + " is not a digest algorithm rpm knows"));
        files = files(h);
        changelogs = changelogs(h);
        payloadFormat = h.text(RpmTag.PAYLOADFORMAT).orElse("cpio");
        payloadCompressor = h.text(RpmTag.PAYLOADCOMPRESSOR).orElse("gzip");
        payloadFlags = h.text(RpmTag.PAYLOADFLAGS);
        payloadDigest = h.firstText(RpmTag.PAYLOADDIGEST);
        payloadDigestAlt = h.firstText(RpmTag.PAYLOADDIGESTALT);
        OptionalLong payloadAlgo = h.number(RpmTag.PAYLOADDIGESTALGO, RpmType.INT32);
        payloadDigestAlgorithm = payloadAlgo.isPresent() ? RpmHashAlgorithm.of(payloadAlgo.getAsLong())
                : Optional.empty();
    }

    Optional<Compression> payloadCompression() {
        return Compression.ofRpmName(payloadCompressor);
    }

    private static String required(RpmHeader h, int tag) {
        return h.text(tag).orElseThrow(() -> h.problem("required tag " + tag + " (" + RpmTag.name(tag)
                + ") is missing"));
    }

    private static List<RpmDependency> dependencies(RpmHeader h, int nameTag, int flagsTag, int versionTag) {
        int n = h.count(nameTag);
        if (n == 0) {
            return List.of();
        }
        sameLength(h, nameTag, n, flagsTag, h.has(flagsTag) ? h.count(flagsTag) : n);
        sameLength(h, nameTag, n, versionTag, h.has(versionTag) ? h.count(versionTag) : n);
        List<String> names = h.texts(nameTag).orElseThrow();
        long[] flags = h.numbers(flagsTag, RpmType.INT32).orElse(new long[names.size()]);
        List<String> versions = h.texts(versionTag).orElse(Collections.nCopies(names.size(), ""));
        sameLength(h, nameTag, names.size(), flagsTag, flags.length);
        sameLength(h, nameTag, names.size(), versionTag, versions.size());
        List<RpmDependency> result = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            result.add(new RpmDependency(names.get(i), (int) flags[i], versions.get(i)));
        }
        return Collections.unmodifiableList(result);
    }

    private List<RpmFile> files(RpmHeader h) {
        int count = h.has(RpmTag.BASENAMES) ? h.count(RpmTag.BASENAMES) : h.count(RpmTag.OLDFILENAMES);
        for (int tag : new int[] {RpmTag.DIRINDEXES, RpmTag.FILEMODES, RpmTag.FILESIZES, RpmTag.LONGFILESIZES,
                RpmTag.FILEFLAGS, RpmTag.FILEMTIMES, RpmTag.FILEDIGESTS, RpmTag.FILELINKTOS, RpmTag.FILEUSERNAME,
                RpmTag.FILEGROUPNAME}) {
            if (h.has(tag)) {
                sameLength(h, RpmTag.BASENAMES, count, tag, h.count(tag));
            }
        }
        List<String> paths;
        Optional<List<String>> basenames = h.texts(RpmTag.BASENAMES);
        if (basenames.isPresent()) {
            List<String> dirnames = h.texts(RpmTag.DIRNAMES).orElseThrow(() -> h.problem(
                    "BASENAMES without DIRNAMES"));
            long[] dirIndexes = h.numbers(RpmTag.DIRINDEXES, RpmType.INT32).orElseThrow(() -> h.problem(
                    "BASENAMES without DIRINDEXES"));
            sameLength(h, RpmTag.BASENAMES, basenames.get().size(), RpmTag.DIRINDEXES, dirIndexes.length);
            paths = new ArrayList<>(dirIndexes.length);
            for (int i = 0; i < dirIndexes.length; i++) {
                if (dirIndexes[i] >= dirnames.size()) {
                    throw h.problem("DIRINDEXES[" + i + "] = " + dirIndexes[i] + " but there are only "
                            + dirnames.size() + " DIRNAMES");
                }
                paths.add(dirnames.get((int) dirIndexes[i]) + basenames.get().get(i));
            }
        } else {
            paths = h.texts(RpmTag.OLDFILENAMES).orElse(List.of());
        }
        int n = paths.size();
        if (n == 0) {
            return List.of();
        }
        long[] modes = optionalNumbers(h, RpmTag.FILEMODES, RpmType.INT16, n);
        long[] sizes = h.has(RpmTag.LONGFILESIZES) ? optionalNumbers(h, RpmTag.LONGFILESIZES, RpmType.INT64, n)
                : optionalNumbers(h, RpmTag.FILESIZES, RpmType.INT32, n);
        long[] flags = optionalNumbers(h, RpmTag.FILEFLAGS, RpmType.INT32, n);
        long[] mtimes = optionalNumbers(h, RpmTag.FILEMTIMES, RpmType.INT32, n);
        List<String> digests = optionalTexts(h, RpmTag.FILEDIGESTS, n);
        List<String> links = optionalTexts(h, RpmTag.FILELINKTOS, n);
        List<String> users = optionalTexts(h, RpmTag.FILEUSERNAME, n);
        List<String> groups = optionalTexts(h, RpmTag.FILEGROUPNAME, n);
        List<RpmFile> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new RpmFile(paths.get(i), (int) modes[i], sizes[i], (int) flags[i], digests.get(i),
                    links.get(i), users.get(i), groups.get(i), mtimes[i]));
        }
        return Collections.unmodifiableList(result);
    }

    private static List<RpmChangelog> changelogs(RpmHeader h) {
        int n = h.count(RpmTag.CHANGELOGTIME);
        sameLength(h, RpmTag.CHANGELOGTIME, n, RpmTag.CHANGELOGNAME, h.count(RpmTag.CHANGELOGNAME));
        sameLength(h, RpmTag.CHANGELOGTIME, n, RpmTag.CHANGELOGTEXT, h.count(RpmTag.CHANGELOGTEXT));
        long[] times = h.numbers(RpmTag.CHANGELOGTIME, RpmType.INT32).orElse(new long[0]);
        List<String> names = h.texts(RpmTag.CHANGELOGNAME).orElse(List.of());
        List<String> texts = h.texts(RpmTag.CHANGELOGTEXT).orElse(List.of());
        sameLength(h, RpmTag.CHANGELOGTIME, times.length, RpmTag.CHANGELOGNAME, names.size());
        sameLength(h, RpmTag.CHANGELOGTIME, times.length, RpmTag.CHANGELOGTEXT, texts.size());
        List<RpmChangelog> result = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            result.add(new RpmChangelog(times[i], names.get(i), texts.get(i)));
        }
        return Collections.unmodifiableList(result);
    }

    private static long[] optionalNumbers(RpmHeader h, int tag, RpmType type, int n) {
        long[] v = h.numbers(tag, type).orElse(new long[n]);
        sameLength(h, RpmTag.BASENAMES, n, tag, v.length);
        return v;
    }

    private static List<String> optionalTexts(RpmHeader h, int tag, int n) {
        List<String> v = h.texts(tag).orElse(Collections.nCopies(n, ""));
        sameLength(h, RpmTag.BASENAMES, n, tag, v.size());
        return v;
    }

    private static void sameLength(RpmHeader h, int tagA, int a, int tagB, int b) {
        if (a != b) {
            throw h.problem(RpmTag.name(tagB) + " has " + b + " entries but " + RpmTag.name(tagA) + " has " + a
                    + "; the arrays must be parallel");
        }
    }
}
