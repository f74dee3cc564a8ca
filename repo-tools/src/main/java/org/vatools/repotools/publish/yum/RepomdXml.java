package org.vatools.repotools.publish.yum;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** repomd.xml as createrepo_c writes it: revision, then one {@code data} element per file. */
final class RepomdXml {
    private RepomdXml() {
    }

    static byte[] write(long revision, List<RepodataFile> files) {
        StringBuilder x = new StringBuilder(512 + 512 * files.size());
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<repomd xmlns=\"http://linux.duke.edu/metadata/repo\"")
                .append(" xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\">\n")
                .append("  <revision>").append(revision).append("</revision>\n");
        for (RepodataFile f : files) {
            x.append("  <data type=\"").append(f.type()).append("\">\n")
                    .append("    <checksum type=\"sha256\">").append(f.checksum()).append("</checksum>\n")
                    .append("    <open-checksum type=\"sha256\">").append(f.openChecksum()).append("</open-checksum>\n")
                    .append("    <location href=\"").append(f.href()).append("\"/>\n")
                    .append("    <timestamp>").append(f.timestamp()).append("</timestamp>\n")
                    .append("    <size>").append(f.size()).append("</size>\n")
                    .append("    <open-size>").append(f.openSize()).append("</open-size>\n")
                    .append("  </data>\n");
        }
        x.append("</repomd>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }
}
