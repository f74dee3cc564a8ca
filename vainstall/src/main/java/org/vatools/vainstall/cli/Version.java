package org.vatools.vainstall.cli;

import picocli.CommandLine;

/** Prints the version from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"vainstall " + (v == null ? "0.1.0" : v)};
    }
}
