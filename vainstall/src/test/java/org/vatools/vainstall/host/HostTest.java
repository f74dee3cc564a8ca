package org.vatools.vainstall.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.DistributionRequirement;
import org.vatools.core.descriptor.Family;
import org.vatools.core.descriptor.HostRequirements;
import org.vatools.vainstall.testing.FakeTarget;
import org.vatools.vainstall.testing.Fixtures;

/** os-release, /proc/meminfo, df and uname as the requirement check sees them. */
class HostTest {
    private static final HostRequirements DOKUWIKI = new HostRequirements(List.of("amd64", "arm64"),
            List.of(new DistributionRequirement("debian", "12"), new DistributionRequirement("ubuntu", "22.04"),
                    new DistributionRequirement("rhel", "9")), 256L << 20, 300L << 20);

    @Test
    void osReleaseIsReadWithQuotesAndEscapes() {
        OsRelease os = OsRelease.parse(Fixtures.ROCKY_9 + "# comment\nBUG=\"a \\\"quoted\\\" \\\\ word\"\nX='single'\n");
        assertEquals("rocky", os.id());
        assertEquals(List.of("rhel", "centos", "fedora"), os.idLike());
        assertEquals("9.3", os.versionId());
        assertEquals("Rocky Linux 9.3 (Blue Onyx)", os.prettyName());
        assertEquals("a \"quoted\" \\ word", OsRelease.unquote("\"a \\\"quoted\\\" \\\\ word\""));
        assertEquals("single", OsRelease.unquote("'single'"));
        OsRelease bare = OsRelease.parse("NAME=Foo\n");
        assertEquals("linux", bare.id());
        assertEquals("", bare.versionId());
    }

    @Test
    void meminfoDfAndUnameAreRead() {
        assertEquals(24684084L * 1024, HostFactsReader.memTotal("MemTotal:       24684084 kB\nMemFree: 1 kB\n").orElseThrow());
        assertTrue(HostFactsReader.memTotal("nothing\n").isEmpty());
        assertEquals(84_000_000L * 1024, HostFactsReader.dfAvailableBytes(
                "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/mapper/vg0-root 263174212 1 84000000 22% /\n")
                .orElseThrow());
        assertEquals(5L * 1024, HostFactsReader.dfAvailableBytes(
                "Filesystem 1024-blocks Used Available Capacity Mounted on\nmy disk name 10 5 5 50% /\n").orElseThrow(),
                "a file system name with blanks");
        assertTrue(HostFactsReader.dfAvailableBytes("garbage").isEmpty());
        assertEquals("amd64", HostFactsReader.debianArchitecture("x86_64"));
        assertEquals("arm64", HostFactsReader.debianArchitecture("aarch64"));
        assertEquals("ppc64el", HostFactsReader.debianArchitecture("ppc64le"));
        assertEquals("sparc64", HostFactsReader.debianArchitecture("sparc64"));
    }

    @Test
    void factsAreReadOnARpmHostWithUname() {
        FakeTarget t = new FakeTarget().file("/usr/lib/os-release", Fixtures.ROCKY_9)
                .file("/proc/meminfo", Fixtures.meminfo(2_000_000))
                .on(List.of("uname", "-m"), 0, "aarch64\n", "").on(List.of("df", "-Pk", "/"), 0, Fixtures.df(1_000_000), "");
        HostFacts f = HostFactsReader.read(t, Family.RPM);
        assertEquals("rocky", f.os().id());
        assertEquals("arm64", f.architecture());
        assertEquals(2_000_000L * 1024, f.memoryBytes());
        assertEquals(1_000_000L * 1024, f.diskFreeBytes());
        assertTrue(t.commandsOf("dpkg").isEmpty(), "no dpkg on an rpm host");
    }

    private static HostFacts host(String osRelease, String arch, long memory, long disk) {
        return new HostFacts(OsRelease.parse(osRelease), arch, memory, disk);
    }

    @Test
    void aQualifyingHostPasses() {
        assertEquals(List.of(), RequirementCheck.failures(DOKUWIKI, host(Fixtures.DEBIAN_12, "amd64", 1L << 30, 1L << 32)));
        assertEquals(List.of(), RequirementCheck.failures(HostRequirements.none(), host("ID=gentoo\n", "riscv64", 1, 1)));
    }

    @Test
    void everyFailureIsListed() {
        List<String> f = RequirementCheck.failures(DOKUWIKI, host("ID=debian\nVERSION_ID=11\nPRETTY_NAME=\"Debian 11\"\n",
                "i386", 100L << 20, 10L << 20));
        assertEquals(4, f.size(), f.toString());
        assertEquals("architecture: the host is i386; the appliance supports amd64, arm64", f.get(0));
        assertEquals("distribution: the host runs Debian 11 (debian 11); the appliance supports debian>=12,"
                + " ubuntu>=22.04, rhel>=9", f.get(1));
        assertEquals("memory: the host has 100 MiB; the appliance needs 256 MiB", f.get(2));
        assertEquals("disk: 10 MiB free on /; the appliance needs 300 MiB", f.get(3));
        ApplianceException e = assertThrows(ApplianceException.class, () -> RequirementCheck.require("x", DOKUWIKI,
                host("ID=debian\nVERSION_ID=11\n", "i386", 1, 1), "web1"));
        assertEquals(ExitCode.HOST_REQUIREMENTS, e.exitCode());
        assertTrue(e.getMessage().startsWith("x cannot be installed on web1:\n  - architecture"));
    }

    @Test
    void idLikeCountsOnlyWhereReleasesCompare() {
        // Rocky 9.3 is like rhel and shares its release numbers: rhel>=9 accepts it
        assertTrue(RequirementCheck.accepts(new DistributionRequirement("rhel", "9"), OsRelease.parse(Fixtures.ROCKY_9)));
        assertTrue(!RequirementCheck.accepts(new DistributionRequirement("rhel", "10"), OsRelease.parse(Fixtures.ROCKY_9)));
        // Ubuntu 24.04 is like debian, but is not Debian 24: debian>=12 does not accept it; plain debian does
        OsRelease ubuntu = OsRelease.parse("ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n");
        assertTrue(!RequirementCheck.accepts(new DistributionRequirement("debian", "12"), ubuntu));
        assertTrue(RequirementCheck.accepts(new DistributionRequirement("debian", null), ubuntu));
        assertTrue(RequirementCheck.accepts(new DistributionRequirement("ubuntu", "22.04"), ubuntu));
        assertTrue(!RequirementCheck.accepts(new DistributionRequirement("ubuntu", "24.10"), ubuntu));
    }

    @Test
    void sizesReadLikeAPersonWouldWriteThem() {
        assertEquals("256 MiB", RequirementCheck.size(256L << 20));
        assertEquals("1.5 GiB", RequirementCheck.size(3L << 29));
        assertEquals("512 B", RequirementCheck.size(512));
    }
}
