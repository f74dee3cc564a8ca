package org.vatools.repotools.publish.yum;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code appliance-seeds} data file (docs/reference/repository-yum.md): one {@code seed}
 * element per appliance in the repository, naming the seed file published beside the package and
 * its SHA-256. repomd.xml lists this file with its checksum and is signed, so a client that
 * checked repomd.xml.asc can trust the seed by its hash.
 */
final class ApplianceSeedsXml {
    static final String TYPE = "appliance-seeds";
    static final String NAMESPACE = "urn:vatools:metadata:appliance-seeds:1";

    private ApplianceSeedsXml() {
    }

    static String start(int count) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<appliance-seeds xmlns=\"" + NAMESPACE + "\" seeds=\""
                + count + "\">\n";
    }

    static String end() {
        return "</appliance-seeds>\n";
    }

    /** The seed elements of the appliances among {@code packages}, in the packages' order. */
    static List<String> entries(List<YumPackage> packages) {
        List<String> entries = new ArrayList<>();
        for (YumPackage p : packages) {
            if (p.seed() == null) {
                continue;
            }
            StringBuilder x = new StringBuilder(320);
            x.append("  <seed name=\"");
            Xml.attribute(x, p.name()).append("\" evr=\"");
            Xml.attribute(x, p.evrString()).append("\" arch=\"");
            Xml.attribute(x, p.arch()).append("\" pkgid=\"").append(p.pkgid()).append("\" href=\"");
            Xml.attribute(x, p.seed().href()).append("\" sha256=\"").append(p.seed().sha256()).append("\" size=\"")
                    .append(p.seed().size()).append("\"/>\n");
            entries.add(x.toString());
        }
        return entries;
    }
}
