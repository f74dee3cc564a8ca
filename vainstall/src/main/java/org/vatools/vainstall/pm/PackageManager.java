package org.vatools.vainstall.pm;

import java.util.List;
import java.util.Optional;
import org.vatools.core.descriptor.Family;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;

/**
 * The package manager of a target (apt-get with dpkg and debconf, or dnf with rpm): builds the
 * argument lists, runs them through the target and reads their output. Read-only methods never
 * change the target; the ones that change it say so.
 */
public interface PackageManager {
    Family family();

    /** The command {@link #update()} runs, for plans and messages. */
    String updateCommand();

    /** Refreshes the package indexes with signature checks on; a failed signature fails (VERIFICATION_FAILED). */
    void update();

    /** The candidate the repositories offer for {@code name}, or empty when there is none. */
    Optional<AvailablePackage> candidate(String name);

    /** Appliances (providers of virtual-appliance) the repositories offer. */
    List<AvailablePackage> availableAppliances();

    /** Appliances the package database knows on the target. */
    List<InstalledAppliance> installedAppliances();

    /** Downloads the candidate into {@code dir} on the target, authenticated by the package manager; returns its path. */
    String download(AvailablePackage pkg, String dir);

    /** Reads files from a package downloaded by {@link #download}. */
    PackageFiles packageFiles();

    /** Seeds the repositories publish beside packages that carry none. */
    PublishedSeeds publishedSeeds();

    /** Says how {@link #deliverAnswers} hands answers to the appliance (for the plan). */
    String answerDelivery(String appliance);

    /** Checks answers without storing them (changes nothing). */
    void checkAnswers(List<Selection> answers);

    /** Changes the target: hands the answers to the appliance's package scripts. */
    void deliverAnswers(String appliance, List<Selection> answers);

    /** Changes the target: withdraws answers {@link #deliverAnswers} stored, when that is possible. */
    void withdrawAnswers(String appliance);

    /** The command that installs the candidate (streaming progress). */
    Command installCommand(AvailablePackage pkg, boolean replace);

    /** What installing would do, changing nothing ({@code apt-get -s}, {@code dnf --assumeno}). */
    Result simulateInstall(AvailablePackage pkg, boolean replace);

    Command removeCommand(String name, boolean purge);

    Result simulateRemove(String name, boolean purge);

    /** Changes the target: what remains to do after a successful remove (rpm: the answers file on purge). */
    void afterRemove(String name, boolean purge);

    /**
     * The commands that upgrade the appliance and then every other package of the target (an
     * appliance host runs one appliance, so its dependencies are the host's packages), in order,
     * streaming progress, keeping locally changed configuration files.
     */
    List<Command> upgradeCommands(String name);

    /** The command that installs {@code version} of {@code name} although a newer one is installed (a rollback). */
    Command downgradeCommand(String name, String version);
}
