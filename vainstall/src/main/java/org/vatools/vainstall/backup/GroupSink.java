package org.vatools.vainstall.backup;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives the entries of a backup, one group (a set, or the hook data) at a time, in archive
 * order, during {@link AbfReader#extract}.
 */
@FunctionalInterface
public interface GroupSink {
    /**
     * @param group the set's number ({@code "0"}, {@code "1"}...) or {@value AbfFormat#HOOK_GROUP}
     */
    void group(BackupCategory category, String group, Entries entries) throws IOException;

    /** The entries of one group; each already passed the checks of {@link EntryRules}. */
    interface Entries {
        /** The next entry of the group, or null at its end. */
        BackupEntry next() throws IOException;

        /** The content of the last FILE entry {@link #next()} returned. */
        InputStream data();
    }
}
