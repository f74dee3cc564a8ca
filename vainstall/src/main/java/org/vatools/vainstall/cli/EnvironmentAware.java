package org.vatools.vainstall.cli;

/** A command that is handed the {@link Environment} when it is created. */
interface EnvironmentAware {
    void environment(Environment env);
}
