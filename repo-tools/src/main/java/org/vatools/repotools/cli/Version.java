package org.vatools.repotools.cli;

import picocli.CommandLine;

/** Prints the version from the jar manifest (or "development" in a plain checkout). */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"repo-tools " + (v == null ? "0.1.0" : v)};
    }
}
