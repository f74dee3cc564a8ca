package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vatools.core.descriptor.ApplianceVersion;
import org.vatools.core.descriptor.Family;

class PackageNamingTest {

    @Test
    void fileNamesLeaveTheEpochOut() {
        ApplianceVersion v = new ApplianceVersion(3, "1.2~rc1", "4");
        assertEquals("wiki-appliance_1.2~rc1-4_all.deb", PackageFileNames.of(Family.DEB, "wiki-appliance", v));
        assertEquals("wiki-appliance-1.2~rc1-4.noarch.rpm", PackageFileNames.of(Family.RPM, "wiki-appliance", v));
    }

    @Test
    void rpmRelationsKeepOperatorVersionAndRichDependencies() {
        assertEquals(new RpmRelation("httpd", null, null), RpmRelation.parse("httpd"));
        assertEquals(new RpmRelation("php", ">=", "8.0"), RpmRelation.parse(" php >= 8.0 "));
        assertEquals(new RpmRelation("python3dist(flask)", "<", "3"), RpmRelation.parse("python3dist(flask) < 3"));
        RpmRelation rich = RpmRelation.parse("(nginx or httpd)");
        assertTrue(rich.rich());
        assertEquals("(nginx or httpd)", rich.name());
        assertFalse(RpmRelation.parse("/usr/bin/python3").rich());
    }

    @Test
    void debControlListsTheFieldsDebianPolicyAsksFor() {
        DebControl control = new DebControl("wiki-appliance", "1:2.0-1", "A <a@example.org>", DebControl.SECTION,
                DebControl.PRIORITY, "https://example.org/", List.of("apache2 | httpd", "php (>= 2:8.2)"), List.of(),
                List.of("virtual-appliance"), List.of("virtual-appliance"), List.of("virtual-appliance"),
                "Wiki appliance\n Extended text.\n .\n More.");
        assertEquals("""
                Package: wiki-appliance
                Version: 1:2.0-1
                Architecture: all
                Maintainer: A <a@example.org>
                Depends: apache2 | httpd, php (>= 2:8.2)
                Provides: virtual-appliance
                Conflicts: virtual-appliance
                Replaces: virtual-appliance
                Section: metapackages
                Priority: optional
                Homepage: https://example.org/
                Description: Wiki appliance
                 Extended text.
                 .
                 More.
                """, control.text());
    }
}
