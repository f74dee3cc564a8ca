package org.vatools.repotools.publish.yum;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.vatools.core.ApplianceException;
import org.vatools.core.pgp.SignatureVerifier;
import org.vatools.core.pkg.DigestAlgorithm;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.pkg.rpm.RpmPackage;
import org.vatools.core.pkg.rpm.RpmReader;
import org.vatools.repotools.publish.FormatVerifier;

/**
 * Checks the YUM part of a repository as a client would trust it, from the signature down:
 * repomd.xml.asc over repomd.xml against the keyring; every data file repomd.xml lists against its
 * checksum and size, and its content against open-checksum and open-size; every package
 * primary.xml lists against its checksum and size, and its OpenPGP header signature over its main
 * header against the keyring (plus the header's SHA-256 digest); every seed appliance-seeds lists
 * against its SHA-256 and size. Each mismatch is reported with the file and what differs.
 */
public final class YumVerifier implements FormatVerifier {
    private static final XMLInputFactory XML = secureFactory();

    @Override
    public String name() {
        return "yum";
    }

    @Override
    public List<String> verify(Path repoRoot, SignatureVerifier verifier) throws IOException {
        YumLayout layout = new YumLayout(repoRoot);
        List<String> problems = new ArrayList<>();
        if (!Files.exists(layout.yum)) {
            return problems;
        }
        Path repomdFile = layout.repodata.resolve(YumLayout.REPOMD);
        Path ascFile = layout.repodata.resolve(YumLayout.REPOMD_ASC);
        if (!Files.exists(repomdFile)) {
            problems.add(where(layout, repomdFile) + ": missing; the YUM repository has no index");
            return problems;
        }
        byte[] repomd = Files.readAllBytes(repomdFile);
        try {
            verifier.verifyDetached(repomd, Files.readAllBytes(ascFile), where(layout, ascFile));
        } catch (ApplianceException e) {
            problems.add(e.getMessage());
        } catch (NoSuchFileException e) {
            problems.add(where(layout, ascFile) + ": missing; dnf with repo_gpgcheck=1 refuses the repository");
        }
        List<DataEntry> data;
        try {
            data = dataEntries(repomd);
        } catch (XMLStreamException e) {
            problems.add(where(layout, repomdFile) + ": not readable XML: " + e.getMessage());
            return problems;
        }
        DataEntry primary = null;
        DataEntry seeds = null;
        for (DataEntry d : data) {
            byte[] open = checkDataFile(layout, d, problems);
            if (open != null && d.type.equals("primary")) {
                primary = d;
                primary.content = open;
            } else if (open != null && d.type.equals(ApplianceSeedsXml.TYPE)) {
                seeds = d;
                seeds.content = open;
            }
        }
        if (data.stream().noneMatch(d -> d.type.equals("primary"))) {
            problems.add(where(layout, repomdFile) + ": lists no primary data");
        }
        Set<String> pkgids = new HashSet<>();
        if (primary != null) {
            checkPackages(layout, primary, verifier, pkgids, problems);
        }
        if (seeds != null) {
            checkSeeds(layout, seeds, pkgids, problems);
        }
        return problems;
    }

    private static String where(YumLayout layout, Path file) {
        return layout.root.relativize(file).toString();
    }

    // ------------------------------------------------------------ repomd.xml and data files

    private static final class DataEntry {
        String type;
        String href;
        String checksum;
        String checksumType;
        String openChecksum;
        long size = -1;
        long openSize = -1;
        byte[] content;
    }

    private static List<DataEntry> dataEntries(byte[] repomd) throws XMLStreamException {
        List<DataEntry> entries = new ArrayList<>();
        XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(repomd));
        DataEntry current = null;
        while (r.hasNext()) {
            if (r.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (r.getLocalName()) {
                case "data" -> {
                    current = new DataEntry();
                    current.type = r.getAttributeValue(null, "type");
                    entries.add(current);
                }
                case "checksum" -> {
                    if (current != null) {
                        current.checksumType = r.getAttributeValue(null, "type");
                        current.checksum = r.getElementText().strip();
                    }
                }
                case "open-checksum" -> {
                    if (current != null) {
                        current.openChecksum = r.getElementText().strip();
                    }
                }
                case "location" -> {
                    if (current != null) {
                        current.href = r.getAttributeValue(null, "href");
                    }
                }
                case "size" -> {
                    if (current != null) {
                        current.size = number(r.getElementText());
                    }
                }
                case "open-size" -> {
                    if (current != null) {
                        current.openSize = number(r.getElementText());
                    }
                }
                default -> {
                }
            }
        }
        return entries;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    /** Checks one data file; returns its uncompressed content when it matches, else null. */
    private static byte[] checkDataFile(YumLayout layout, DataEntry d, List<String> problems) throws IOException {
        String name = "yum/" + d.href;
        if (d.href == null || !safe(d.href)) {
            problems.add("yum/repodata/repomd.xml: data '" + d.type + "' has no usable location (" + d.href + ")");
            return null;
        }
        if (!"sha256".equals(d.checksumType)) {
            problems.add(name + ": checksum type '" + d.checksumType + "' in repomd.xml, expected sha256");
            return null;
        }
        Path file = layout.underYum(d.href);
        if (!Files.isRegularFile(file)) {
            problems.add(name + ": missing (listed in repomd.xml as " + d.type + ")");
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        boolean ok = true;
        String sha = sha256(bytes);
        if (!sha.equals(d.checksum)) {
            problems.add(name + ": SHA-256 is " + sha + ", repomd.xml says " + d.checksum);
            ok = false;
        }
        if (d.size != bytes.length) {
            problems.add(name + ": size is " + bytes.length + ", repomd.xml says " + d.size);
            ok = false;
        }
        byte[] open;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            open = in.readAllBytes();
        } catch (IOException e) {
            problems.add(name + ": cannot be decompressed (" + e.getMessage() + ")");
            return null;
        }
        String openSha = sha256(open);
        if (!openSha.equals(d.openChecksum)) {
            problems.add(name + ": SHA-256 of the content is " + openSha + ", repomd.xml's open-checksum says "
                    + d.openChecksum);
            ok = false;
        }
        if (d.openSize != open.length) {
            problems.add(name + ": content size is " + open.length + ", repomd.xml's open-size says " + d.openSize);
            ok = false;
        }
        return ok ? open : null;
    }

    // ------------------------------------------------------------ packages

    private record PackageEntry(String name, String pkgid, String href, long size) {
    }

    private static void checkPackages(YumLayout layout, DataEntry primary, SignatureVerifier verifier,
                                      Set<String> pkgids, List<String> problems) throws IOException {
        List<PackageEntry> entries;
        try {
            entries = packageEntries(primary.content);
        } catch (XMLStreamException e) {
            problems.add("yum/" + primary.href + ": not readable XML: " + e.getMessage());
            return;
        }
        for (PackageEntry p : entries) {
            pkgids.add(p.pkgid);
            String name = "yum/" + p.href;
            if (p.href == null || !safe(p.href)) {
                problems.add("yum/" + primary.href + ": package " + p.name + " has no usable location (" + p.href + ")");
                continue;
            }
            Path file = layout.underYum(p.href);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(name + ": missing (listed in primary.xml)");
                continue;
            }
            RpmPackage rpm;
            try {
                rpm = RpmReader.read(file, ReadOptions.defaults().withDigests(DigestAlgorithm.SHA256));
            } catch (ApplianceException e) {
                problems.add(name + ": not a readable rpm: " + e.getMessage());
                continue;
            }
            if (!rpm.digests().sha256().equals(p.pkgid)) {
                problems.add(name + ": SHA-256 is " + rpm.digests().sha256() + ", primary.xml says " + p.pkgid);
            }
            if (rpm.digests().size() != p.size) {
                problems.add(name + ": size is " + rpm.digests().size() + ", primary.xml says " + p.size);
            }
            if (!rpm.signatures().headerSha256Matches()) {
                problems.add(name + ": the main header does not match its SHA-256 digest (or has none)");
            }
            List<byte[]> signatures = new ArrayList<>();
            rpm.signatures().rsaHeader().ifPresent(signatures::add);
            rpm.signatures().dsaHeader().ifPresent(signatures::add);
            if (signatures.isEmpty()) {
                problems.add(name + ": has no OpenPGP header signature; dnf with gpgcheck=1 refuses it");
            }
            byte[] header = rpm.header().bytes();
            for (byte[] signature : signatures) {
                try {
                    verifier.verifyDetached(header, signature, name + " (header signature)");
                } catch (ApplianceException e) {
                    problems.add(e.getMessage());
                }
            }
        }
    }

    private static List<PackageEntry> packageEntries(byte[] primary) throws XMLStreamException {
        List<PackageEntry> entries = new ArrayList<>();
        XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(primary));
        String name = null;
        String pkgid = null;
        String href = null;
        long size = -1;
        int depth = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String element = r.getLocalName();
                if (element.equals("package")) {
                    name = null;
                    pkgid = null;
                    href = null;
                    size = -1;
                } else if (depth == 3 && element.equals("name")) {
                    name = r.getElementText();
                    depth--;
                } else if (depth == 3 && element.equals("checksum")) {
                    pkgid = r.getElementText().strip();
                    depth--;
                } else if (depth == 3 && element.equals("location")) {
                    href = r.getAttributeValue(null, "href");
                } else if (depth == 3 && element.equals("size")) {
                    size = number(Optional.ofNullable(r.getAttributeValue(null, "package")).orElse("-1"));
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (r.getLocalName().equals("package") && depth == 2) {
                    entries.add(new PackageEntry(name, pkgid, href, size));
                }
                depth--;
            }
        }
        return entries;
    }

    // ------------------------------------------------------------ seeds

    private static void checkSeeds(YumLayout layout, DataEntry seeds, Set<String> pkgids, List<String> problems)
            throws IOException {
        XMLStreamReader r;
        try {
            r = XML.createXMLStreamReader(new ByteArrayInputStream(seeds.content));
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT || !r.getLocalName().equals("seed")) {
                    continue;
                }
                String name = r.getAttributeValue(null, "name");
                String href = r.getAttributeValue(null, "href");
                String sha = r.getAttributeValue(null, "sha256");
                String pkgid = r.getAttributeValue(null, "pkgid");
                long size = number(Optional.ofNullable(r.getAttributeValue(null, "size")).orElse("-1"));
                if (href == null || !safe(href)) {
                    problems.add("yum/" + seeds.href + ": the seed of " + name + " has no usable location (" + href
                            + ")");
                    continue;
                }
                String where = "yum/" + href;
                Path file = layout.underYum(href);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(where + ": missing (the seed of " + name + " in appliance-seeds)");
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                String actual = sha256(bytes);
                if (!actual.equals(sha)) {
                    problems.add(where + ": SHA-256 is " + actual + ", appliance-seeds says " + sha);
                }
                if (size >= 0 && size != bytes.length) {
                    problems.add(where + ": size is " + bytes.length + ", appliance-seeds says " + size);
                }
                if (pkgid != null && !pkgids.isEmpty() && !pkgids.contains(pkgid)) {
                    problems.add(where + ": appliance-seeds names package " + pkgid + ", which primary.xml does not list");
                }
            }
        } catch (XMLStreamException e) {
            problems.add("yum/" + seeds.href + ": not readable XML: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------ helpers

    /** A relative location that stays inside {@code yum/}. */
    private static boolean safe(String href) {
        return !href.isEmpty() && !href.startsWith("/") && !href.contains("\\")
                && java.util.Arrays.stream(href.split("/")).noneMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."));
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest().digest(bytes));
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }
}
