package org.vatools.repotools.publish.yum;

/**
 * One data file that repomd.xml lists.
 *
 * @param type         {@code primary}, {@code filelists}, {@code other} or {@code appliance-seeds}
 * @param fileName     {@code <checksum>-<type>.xml.gz}, in {@code yum/repodata/}
 * @param checksum     SHA-256 of the gzip file
 * @param openChecksum SHA-256 of the XML inside
 * @param size         size of the gzip file
 * @param openSize     size of the XML inside
 * @param timestamp    when this content was first published (seconds since the epoch)
 */
record RepodataFile(String type, String fileName, String checksum, String openChecksum, long size, long openSize,
                    long timestamp) {

    /** The location in repomd.xml, relative to {@code yum/}. */
    String href() {
        return "repodata/" + fileName;
    }

    RepodataFile withTimestamp(long t) {
        return new RepodataFile(type, fileName, checksum, openChecksum, size, openSize, t);
    }
}
