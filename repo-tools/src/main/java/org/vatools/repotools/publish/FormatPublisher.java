package org.vatools.repotools.publish;

import java.io.IOException;

/**
 * One repository format (APT under {@code apt/}, YUM under {@code yum/}) as {@code repo-tools
 * publish} drives it. Publishing is two-phase so that bad input in either format leaves both
 * unchanged: every format first {@link #stage stages} (reads and checks its inputs, writes new
 * pool files and indexes where no client looks), and only when all formats staged does the
 * command {@link StagedPublish#commit commit} each one. The command holds the repository lock
 * for the whole run.
 */
public interface FormatPublisher {

    /** "apt" or "yum": the folder under the repository root and the name in messages. */
    String name();

    /**
     * Reads and validates this format's inputs and stages the new state. Nothing a client can
     * see changes. Bad input throws {@link org.vatools.core.InvalidInputException}; a same
     * name+version with other content throws an ApplianceException with CONFLICT unless
     * {@code request.options().replace()}.
     */
    StagedPublish stage(PublishRequest request) throws IOException;

    /** A staged, not yet visible publish. */
    interface StagedPublish extends AutoCloseable {
        /** Makes the staged state visible atomically; what clients see is old or new, never a mix. */
        PublishSummary commit() throws IOException;

        /** Discards everything staged (called when any format failed, or after commit to clean up). */
        @Override
        void close() throws IOException;
    }
}
