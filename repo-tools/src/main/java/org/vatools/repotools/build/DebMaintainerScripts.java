package org.vatools.repotools.build;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The maintainer scripts of a .deb; {@code postinst} and {@code prerm} are null when the appliance
 * has no configure or remove step. {@code postrm} always exists: purge removes
 * {@code /etc/virtual-appliance/NAME}.
 */
public record DebMaintainerScripts(String postinst, String prerm, String postrm) {
    /** Control member name to content, in the order dpkg documents them. */
    public Map<String, String> byName() {
        Map<String, String> out = new LinkedHashMap<>();
        if (postinst != null) {
            out.put("postinst", postinst);
        }
        if (prerm != null) {
            out.put("prerm", prerm);
        }
        if (postrm != null) {
            out.put("postrm", postrm);
        }
        return out;
    }
}
