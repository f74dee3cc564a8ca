package org.vatools.repotools.publish;

import java.time.Clock;
import java.util.List;
import org.vatools.repotools.publish.apt.AptPublisher;
import org.vatools.repotools.publish.apt.AptVerifier;

/**
 * The repository formats this build publishes and verifies. The YUM publisher and verifier
 * (org.vatools.repotools.publish.yum) are added here when they are part of the build; until then
 * .rpm inputs are refused with a message saying so.
 */
public final class PublishFormats {
    private PublishFormats() {
    }

    /** Publishers in commit order. */
    public static List<FormatPublisher> publishers(PublishCheckpoints checkpoints, AptPublisher.Settings apt) {
        return List.of(new AptPublisher(checkpoints, apt));
    }

    /** Verifiers; {@code clock} says when Valid-Until has passed. */
    public static List<FormatVerifier> verifiers(Clock clock) {
        return List.of(new AptVerifier(clock));
    }
}
