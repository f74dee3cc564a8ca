package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CopyrightFileTest {

    @Test
    void aCommonLicenseIsReferredToInCommonLicenses() {
        assertEquals("""
                Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
                Upstream-Name: dokuwiki-appliance
                Upstream-Contact: Virtual Appliance Tools <appliances@vatools.example.org>

                Files: *
                Copyright: 2026 Virtual Appliance Tools <appliances@vatools.example.org>
                License: GPL-2.0-or-later
                 On Debian systems, the complete text of GPL-2.0-or-later can be found in
                 /usr/share/common-licenses/GPL-2.
                """, CopyrightFile.text("dokuwiki-appliance", "Virtual Appliance Tools <appliances@vatools.example.org>",
                "GPL-2.0-or-later", "2026"));
    }

    @Test
    void otherLicensesPointToSpdxAndExpressionsNameEachLicense() {
        assertEquals(List.of(
                        "The complete text of MIT can be found at https://spdx.org/licenses/MIT.html.",
                        "On Debian systems, the complete text of Apache-2.0 can be found in"
                                + " /usr/share/common-licenses/Apache-2.0."),
                CopyrightFile.licensePointers("MIT OR Apache-2.0"));
        String text = CopyrightFile.text("x-appliance", "A <a@example.org>", "MIT OR Apache-2.0", "2024-2026");
        assertTrue(text.contains("License: MIT OR Apache-2.0\n The complete text of MIT"), text);
        assertTrue(text.contains("\n .\n On Debian systems, the complete text of Apache-2.0"), text);
        assertTrue(text.lines().allMatch(l -> l.length() <= 80), text);
    }

    @Test
    void gplVersionsMapToTheirFiles() {
        assertEquals(List.of("On Debian systems, the complete text of GPL-3.0-only can be found in"
                + " /usr/share/common-licenses/GPL-3."), CopyrightFile.licensePointers("GPL-3.0-only"));
        assertEquals(List.of("On Debian systems, the complete text of LGPL-2.1+ can be found in"
                + " /usr/share/common-licenses/LGPL-2.1."), CopyrightFile.licensePointers("LGPL-2.1+"));
    }
}
