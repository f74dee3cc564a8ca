package org.vatools.vainstall.cli;

import org.vatools.vainstall.target.ProgressSink;
import org.vatools.vainstall.target.Target;

/** Opens the target a {@link TargetSpec} names; the caller closes it. */
@FunctionalInterface
public interface TargetFactory {
    Target open(TargetSpec spec, ProgressSink progress);
}
