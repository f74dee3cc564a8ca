package org.vatools.vainstall.pm;

/**
 * An appliance the package database knows on the target.
 *
 * @param state installed, config-files (removed, configuration kept), half-installed, unpacked,
 *              half-configured, triggers-awaited, triggers-pending
 */
public record InstalledAppliance(String name, String version, String state) {
    /** True unless only configuration files are left: the appliance occupies the host. */
    public boolean occupiesHost() {
        return !state.equals("config-files") && !state.equals("not-installed");
    }
}
