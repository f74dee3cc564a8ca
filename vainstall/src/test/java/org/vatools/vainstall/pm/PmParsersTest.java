package org.vatools.vainstall.pm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vatools.vainstall.testing.FakeTarget;
import org.vatools.vainstall.testing.Fixtures;

/** Reading what dpkg-query, apt-cache, rpm and dnf print. */
class PmParsersTest {
    @Test
    void dpkgQueryListsAppliancesWithTheirState() {
        String out = """
                ii |bash|5.2.15-2+b7|
                ii |dokuwiki-appliance|1.0-1|virtual-appliance
                rc |tiki-appliance|2:3.1-4|virtual-appliance (= 1)
                iF |kronolith-appliance|1.2-1|something-else, virtual-appliance
                un |never-appliance|<none>|virtual-appliance
                ii |exim4-daemon-light|4.96-15|default-mta, mail-transport-agent
                broken line
                """;
        assertEquals(List.of(
                new InstalledAppliance("dokuwiki-appliance", "1.0-1", "installed"),
                new InstalledAppliance("tiki-appliance", "2:3.1-4", "config-files"),
                new InstalledAppliance("kronolith-appliance", "1.2-1", "half-configured")), DpkgQuery.appliances(out));
        assertFalse(new InstalledAppliance("t", "1", "config-files").occupiesHost());
        assertTrue(new InstalledAppliance("t", "1", "half-configured").occupiesHost());
        assertEquals(List.of("dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Package}|${Version}|${Provides}\\n"),
                DpkgQuery.argv());
    }

    @Test
    void aptCacheShowpkgGivesTheReverseProviders() {
        String out = """
                Package: virtual-appliance
                Versions:\s

                Reverse Depends:\s
                  dokuwiki-appliance,virtual-appliance
                Dependencies:\s
                Provides:\s
                Reverse Provides:\s
                dokuwiki-appliance 1.0-1 (= )
                tiki-appliance 3.1-4 (= )
                dokuwiki-appliance 0.9-1 (= )
                """;
        assertEquals(List.of("dokuwiki-appliance", "tiki-appliance"), AptCache.reverseProvides(out));
        assertEquals(List.of(), AptCache.reverseProvides(""));
    }

    @Test
    void aptCacheShowStanzasKeepEveryFieldIncludingTheSeedFields() {
        String out = """
                Package: dokuwiki-appliance
                Version: 1:1.0-1
                Architecture: all
                Provides: virtual-appliance
                Appliance-Seed: pool/main/d/dokuwiki-appliance/dokuwiki-appliance_1.0-1.seed
                Appliance-Seed-SHA256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                Filename: pool/main/d/dokuwiki-appliance/dokuwiki-appliance_1.0-1_all.deb
                Description: DokuWiki wiki served by Apache
                 Turns a fresh Debian server into a wiki.
                 .
                 More.

                Package: dokuwiki
                Version: 0.0.20230404a-1
                Architecture: all
                Description: standards compliant simple to use wiki

                """;
        List<AvailablePackage> pkgs = AptCache.packages(out);
        assertEquals(2, pkgs.size());
        AvailablePackage a = pkgs.get(0);
        assertEquals("1:1.0-1", a.version());
        assertTrue(a.isAppliance());
        assertFalse(pkgs.get(1).isAppliance());
        assertEquals("DokuWiki wiki served by Apache", a.summary());
        assertEquals("pool/main/d/dokuwiki-appliance/dokuwiki-appliance_1.0-1.seed",
                a.field("appliance-seed").orElseThrow(), "field names are case-insensitive");
        assertEquals(64, a.field(AvailablePackage.SEED_SHA256_FIELD).orElseThrow().length());
        assertTrue(a.fields().get("Description").contains("\n Turns a fresh Debian server into a wiki."));
    }

    @Test
    void relationNamesDropVersionsAndArchitectures() {
        assertEquals(List.of("a", "b", "c", "d"), Relations.names("a (= 1.0), b:any, c | d"));
        assertEquals(List.of(), Relations.names(""));
    }

    @Test
    void rpmAndDnfOutputsAreRead() {
        String rpm = "dokuwiki-appliance|0|1.0|1|noarch|DokuWiki wiki\ntiki-appliance|2|3.1|4|noarch|Tiki|with bar\n";
        assertEquals(List.of(new InstalledAppliance("dokuwiki-appliance", "1.0-1", "installed"),
                new InstalledAppliance("tiki-appliance", "2:3.1-4", "installed")), RpmQueries.installed(rpm));
        // dnf 4 adds its own line end after the format's, so blank lines appear; dnf 5 does not
        String dnf4 = "dokuwiki-appliance|0|1.0|1|noarch|DokuWiki wiki\n\ntiki-appliance|(none)|3.1|4|noarch|Tiki\n\n";
        List<AvailablePackage> a = RpmQueries.available(dnf4, true);
        assertEquals(2, a.size());
        assertEquals("1.0-1", a.get(0).version());
        assertEquals("3.1-4", a.get(1).version());
        assertTrue(a.get(0).isAppliance());
        assertFalse(RpmQueries.available(dnf4, false).get(0).isAppliance());
        assertEquals(List.of("rpm", "-q", "--whatprovides", "virtual-appliance", "--qf",
                "%{NAME}|%{EPOCHNUM}|%{VERSION}|%{RELEASE}|%{ARCH}|%{SUMMARY}\\n"), RpmQueries.installedAppliancesArgv());
        assertTrue(RpmQueries.availableAppliancesArgv().containsAll(List.of("repoquery", "--whatprovides",
                "virtual-appliance")));
    }

    @Test
    void packagesOnTheTargetAreReadWithCoresReaders() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("/usr/share/virtual-appliance/xa/appliance.yaml", "name: xa\n");
        files.put("/usr/share/virtual-appliance/xa/xa.seed", "a a/b string c\n");
        files.put("/usr/share/doc/xa/copyright", "c\n");
        FakeTarget t = new FakeTarget();
        t.files.put("/tmp/d/xa_1.0-1_all.deb", Fixtures.deb("xa", "1.0-1", files));
        Map<String, byte[]> got = new CorePackageFiles(t).extract("/tmp/d/xa_1.0-1_all.deb", Set.of(
                "/usr/share/virtual-appliance/xa/appliance.yaml", "/usr/share/virtual-appliance/xa/xa.seed",
                "/usr/share/virtual-appliance/xa/missing"));
        assertEquals(2, got.size());
        assertArrayEquals("name: xa\n".getBytes(StandardCharsets.UTF_8), got.get("/usr/share/virtual-appliance/xa/appliance.yaml"));
        assertEquals(List.of("cat"), t.commands.stream().map(c -> c.program()).toList(), "only the bytes are fetched");
        t.files.put("/tmp/d/broken.deb", "!<arch>\nnot really".getBytes(StandardCharsets.UTF_8));
        org.vatools.core.ApplianceException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.vatools.core.ApplianceException.class, () -> new CorePackageFiles(t).extract("/tmp/d/broken.deb",
                        Set.of("/a")));
        assertEquals(org.vatools.core.ExitCode.INVALID_INPUT, e.exitCode());
    }

    @Test
    void theRepositoryRootComesFromWhereAptDownloads() {
        String out = "'http://127.0.0.1:8080/r/apt/pool/main/d/d-a/d-a_1.0-1_all.deb' d-a_1.0-1_all.deb 1234 SHA256:ab\n";
        assertEquals("http://127.0.0.1:8080/r/apt/", AptPublishedSeeds.rootFromPrintUris(out,
                "pool/main/d/d-a/d-a_1.0-1_all.deb").orElseThrow());
        assertTrue(AptPublishedSeeds.rootFromPrintUris(out, "pool/other.deb").isEmpty());
    }
}
