package org.vatools.repotools.cli;

import java.util.Map;

/** A command that reads the process environment (SOURCE_DATE_EPOCH, passphrase variables). */
public interface EnvironmentAware {
    void environment(Map<String, String> env);
}
