package org.vatools.vainstall.install;

/**
 * One step of an install, in the order the installer takes them.
 *
 * @param changes whether the step changes the target
 * @param status  {@code done}, {@code to do}, or {@code skipped: why}
 */
public record PlanStep(Kind kind, String description, boolean changes, String status) {
    /** The steps of an install (issue order). */
    public enum Kind {
        DETECT, UPDATE, RESOLVE, FETCH, HOST, ANSWERS, REPLACE, PRESEED, INSTALL, CHECKS
    }

    public PlanStep withStatus(String s) {
        return new PlanStep(kind, description, changes, s);
    }
}
