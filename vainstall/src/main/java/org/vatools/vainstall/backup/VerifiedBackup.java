package org.vatools.vainstall.backup;

import java.util.Map;
import java.util.Set;

/**
 * A backup file that passed every check of {@link AbfReader#verify}: its checksums, its
 * structure, every entry, its declared sizes.
 *
 * @param format       the format version ({@value AbfFormat#VERSION}, or {@value AbfFormat#LEGACY_VERSION} for the original design's)
 * @param info         what info.yaml says (for format 1, what could be learned: name, version, and the sets as mapped)
 * @param memberSha256 SHA-256 of each member's content, which the second pass must see again
 * @param fileSha256   SHA-256 of the file as it lies on disk
 * @param users        owner names the entries use
 * @param groups       group names the entries use
 */
public record VerifiedBackup(int format, BackupInfo info, Map<String, String> memberSha256, String fileSha256,
                             long fileSize, boolean encrypted, Set<String> users, Set<String> groups) {
    public VerifiedBackup {
        memberSha256 = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(memberSha256));
        users = Set.copyOf(users);
        groups = Set.copyOf(groups);
    }
}
