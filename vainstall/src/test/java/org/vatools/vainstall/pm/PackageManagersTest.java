package org.vatools.vainstall.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Family;
import org.vatools.core.seed.DebconfType;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.testing.FakeTarget;

/** The argument lists apt and dnf get, and how their results are read. */
class PackageManagersTest {
    private static final AvailablePackage PKG = new AvailablePackage("dokuwiki-appliance", "1.0-1", "noarch", "wiki",
            List.of("virtual-appliance"), Map.of());
    private static final List<Selection> ANSWERS = List.of(
            new Selection("dokuwiki", "dokuwiki/wiki/title", DebconfType.STRING, "Wiki", false),
            new Selection("dokuwiki", "dokuwiki/wiki/password", DebconfType.PASSWORD, "pw-secret", true));

    @Test
    void theFamilyIsDetectedDpkgFirst() {
        FakeTarget both = new FakeTarget().on(List.of("dpkg", "--version"), 0, "", "").on(List.of("rpm", "--version"), 0, "", "");
        assertEquals(Family.DEB, PackageManagers.detect(both).family());
        FakeTarget rpm = new FakeTarget().on(List.of("rpm", "--version"), 0, "RPM version 4.16.1\n", "");
        assertEquals(Family.RPM, PackageManagers.detect(rpm).family());
        ApplianceException e = assertThrows(ApplianceException.class, () -> PackageManagers.detect(new FakeTarget()));
        assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    }

    @Test
    void aptUpdatesWithErrorOnAnyAndClassifiesSignatureFailures() {
        FakeTarget t = new FakeTarget().on(List.of("apt-get", "update"), 100, "",
                "E: The repository 'http://h/apt stable InRelease' is not signed.");
        AptPackageManager apt = new AptPackageManager(t);
        ApplianceException e = assertThrows(ApplianceException.class, apt::update);
        assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
        assertEquals(List.of("apt-get", "update", "--error-on=any"), t.commands.get(0).argv());
        FakeTarget t2 = new FakeTarget().on(List.of("apt-get", "update"), 100, "", "E: Could not get lock /var/lib/apt/lists/lock");
        assertEquals(ExitCode.PACKAGE_MANAGER, assertThrows(ApplianceException.class,
                () -> new AptPackageManager(t2).update()).exitCode());
    }

    @Test
    void debconfGetsTheAnswersOnStdinWithSecretsRedacted() {
        FakeTarget t = new FakeTarget().on(List.of("debconf-set-selections"), 0, "", "");
        AptPackageManager apt = new AptPackageManager(t);
        apt.checkAnswers(ANSWERS);
        apt.deliverAnswers("dokuwiki-appliance", ANSWERS);
        assertEquals(List.of("debconf-set-selections", "-c"), t.commands.get(0).argv());
        Command store = t.commands.get(1);
        assertEquals(List.of("debconf-set-selections"), store.argv());
        assertEquals("dokuwiki dokuwiki/wiki/title string Wiki\ndokuwiki dokuwiki/wiki/password password pw-secret\n",
                new String(store.stdin(), StandardCharsets.UTF_8));
        assertTrue(store.redactions().contains("pw-secret"));
        assertEquals("dokuwiki dokuwiki/wiki/password password ********", ANSWERS.get(1).toString());
    }

    @Test
    void aptSimulatesAndRemoves() {
        AptPackageManager apt = new AptPackageManager(new FakeTarget());
        assertEquals(List.of("apt-get", "purge", "-y", "x"), apt.removeCommand("x", true).argv());
        assertEquals(List.of("apt-get", "remove", "-y", "x"), apt.removeCommand("x", false).argv());
        assertEquals("noninteractive", apt.removeCommand("x", false).env().get("DEBIAN_FRONTEND"));
    }

    @Test
    void dnfUsesAllowErasingOnlyToReplace() {
        DnfPackageManager dnf = new DnfPackageManager(new FakeTarget());
        assertEquals(List.of("dnf", "-y", "install", "dokuwiki-appliance-1.0-1"), dnf.installCommand(PKG, false).argv());
        assertEquals(List.of("dnf", "-y", "install", "--allowerasing", "dokuwiki-appliance-1.0-1"),
                dnf.installCommand(PKG, true).argv());
        assertTrue(dnf.updateCommand().startsWith("dnf -y makecache --refresh"));
        assertFalse(dnf.updateCommand().contains("nogpgcheck"));
    }

    @Test
    void dnfAnswersGoToARootOnlyFile() {
        FakeTarget t = new FakeTarget();
        DnfPackageManager dnf = new DnfPackageManager(t);
        dnf.deliverAnswers("dokuwiki-appliance", ANSWERS);
        String path = "/etc/virtual-appliance/dokuwiki-appliance/answers";
        assertTrue(t.text(path).endsWith("dokuwiki dokuwiki/wiki/title string Wiki\n"
                + "dokuwiki dokuwiki/wiki/password password pw-secret\n"));
        assertEquals("0600", t.modes.get(path));
        assertEquals("root:root", t.owners.get(path));
        for (Command c : t.commands) {
            assertFalse(c.display().contains("pw-secret"), c.display());
        }
        dnf.withdrawAnswers("dokuwiki-appliance");
        assertFalse(t.files.containsKey(path));
    }

    @Test
    void dnfAssumeNoExitOneIsASimulationNotAFailure() {
        FakeTarget t = new FakeTarget().on(List.of("dnf", "install", "--assumeno"), 1,
                "Installing:\n dokuwiki-appliance noarch 1.0-1\nOperation aborted.\n", "");
        assertEquals(1, new DnfPackageManager(t).simulateInstall(PKG, false).exitCode());
        FakeTarget t2 = new FakeTarget().on(List.of("dnf", "install", "--assumeno"), 1, "",
                "Error: Unable to find a match: dokuwiki-appliance-1.0-1");
        assertEquals(ExitCode.PACKAGE_MANAGER, assertThrows(ApplianceException.class,
                () -> new DnfPackageManager(t2).simulateInstall(PKG, false)).exitCode());
    }

    @Test
    void rpmWithNoApplianceInstalledIsAnEmptyList() {
        FakeTarget t = new FakeTarget().on(List.of("rpm", "-q"), 1, "no package provides virtual-appliance\n", "");
        assertEquals(List.of(), new DnfPackageManager(t).installedAppliances());
    }
}
