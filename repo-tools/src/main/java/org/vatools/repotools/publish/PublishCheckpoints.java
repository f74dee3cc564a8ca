package org.vatools.repotools.publish;

/**
 * Named points of a publish where a crash test can stop the process ({@code kill -9}) to prove
 * that a publish killed there leaves a repository that verifies. The command wires
 * {@link #NONE} unless the test hook is set (see docs/reference/repository.md).
 */
@FunctionalInterface
public interface PublishCheckpoints {
    PublishCheckpoints NONE = step -> { };

    /** Called when the publish reaches {@code step} (such as "apt:switched"). */
    void reached(String step);
}
