package org.vatools.core.descriptor;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated appliance descriptor ({@code appliance.yaml}). Built only by
 * {@link DescriptorReader}, which checks every field; all paths are resolved and exist.
 *
 * @param format        descriptor format version (currently {@value DescriptorReader#FORMAT})
 * @param depends       run-time dependencies per family; the keys are the families supported
 * @param recommends    recommended packages per family (may lack a supported family)
 * @param seed          the debconf seed file, or null when the appliance has none
 * @param descriptorFile the descriptor itself
 */
public record Appliance(
        int format,
        String name,
        ApplianceVersion version,
        String summary,
        String description,
        String maintainer,
        String license,
        String homepage,
        Map<Family, List<String>> depends,
        Map<Family, List<String>> recommends,
        Path seed,
        List<Question> questions,
        HostRequirements requires,
        List<ExtraFile> files,
        Scripts scripts,
        List<Check> checks,
        BackupSets backup,
        List<ChangelogEntry> changelog,
        Path descriptorFile) {

    public Appliance {
        depends = immutableEnumMap(depends);
        recommends = immutableEnumMap(recommends);
        questions = List.copyOf(questions);
        files = List.copyOf(files);
        checks = List.copyOf(checks);
        changelog = List.copyOf(changelog);
    }

    /** The package families this appliance supports (those it declares dependencies for). */
    public Set<Family> families() {
        return depends.keySet();
    }

    public boolean supports(Family family) {
        return depends.containsKey(family);
    }

    public List<String> dependsFor(Family family) {
        return depends.getOrDefault(family, List.of());
    }

    public List<String> recommendsFor(Family family) {
        return recommends.getOrDefault(family, List.of());
    }

    public Optional<Path> seedFile() {
        return Optional.ofNullable(seed);
    }

    /** The folder holding the descriptor; relative paths in it are resolved against this. */
    public Path directory() {
        return descriptorFile.toAbsolutePath().getParent();
    }

    /** Where the package installs its descriptor, seed and hooks' data on the host. */
    public String sharePath() {
        return PackageLayout.SHARE_ROOT + "/" + name;
    }

    private static Map<Family, List<String>> immutableEnumMap(Map<Family, List<String>> map) {
        EnumMap<Family, List<String>> copy = new EnumMap<>(Family.class);
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
