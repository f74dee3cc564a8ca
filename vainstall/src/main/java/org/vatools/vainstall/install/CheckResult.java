package org.vatools.vainstall.install;

import java.time.Duration;
import org.vatools.core.descriptor.Check;

/** How one post-install check ended: after how many attempts, with what the last one saw. */
public record CheckResult(Check check, boolean passed, int attempts, Duration took, String detail) {
}
