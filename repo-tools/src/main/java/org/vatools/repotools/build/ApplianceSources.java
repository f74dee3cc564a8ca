package org.vatools.repotools.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.BackupSets;
import org.vatools.core.descriptor.ExtraFile;
import org.vatools.core.descriptor.Scripts;

/**
 * The bytes of every file an appliance's packages are made from, read once: descriptor, seed,
 * backup hooks, extra files and maintainer steps. Nothing else is read from disk while building,
 * so file modes, times and owners in the appliance folder never reach the packages.
 *
 * @param descriptor  appliance.yaml as written
 * @param seed        the debconf seed, or null when the appliance has none
 * @param hooks       backup hook name (pre-backup, post-restore, migrate) to content
 * @param extraFiles  contents of {@link Appliance#files()}, in the same order
 * @param steps       the maintainer steps as text, line endings normalised to LF
 */
public record ApplianceSources(byte[] descriptor, byte[] seed, Map<String, byte[]> hooks, List<byte[]> extraFiles,
                               ScriptFragments steps) {
    public ApplianceSources {
        descriptor = descriptor.clone();
        seed = seed == null ? null : seed.clone();
        Map<String, byte[]> h = new LinkedHashMap<>();
        hooks.forEach((k, v) -> h.put(k, v.clone()));
        hooks = java.util.Collections.unmodifiableMap(h);
        extraFiles = extraFiles.stream().map(byte[]::clone).toList();
    }

    /** Reads everything the appliance refers to; a file that vanished since validation is invalid input. */
    public static ApplianceSources read(Appliance appliance) {
        String source = appliance.descriptorFile().toString();
        byte[] descriptor = bytes(appliance.descriptorFile(), source);
        byte[] seed = appliance.seedFile().map(p -> bytes(p, source)).orElse(null);
        Map<String, byte[]> hooks = new LinkedHashMap<>();
        BackupSets backup = appliance.backup();
        backup.preBackupHook().ifPresent(p -> hooks.put("pre-backup", bytes(p, source)));
        backup.postRestoreHook().ifPresent(p -> hooks.put("post-restore", bytes(p, source)));
        backup.migrateHook().ifPresent(p -> hooks.put("migrate", bytes(p, source)));
        List<byte[]> extra = new ArrayList<>();
        for (ExtraFile f : appliance.files()) {
            extra.add(bytes(f.source(), source));
        }
        Scripts scripts = appliance.scripts();
        ScriptFragments steps = new ScriptFragments(text(scripts.configureScript(), source),
                text(scripts.removeScript(), source), text(scripts.purgeScript(), source));
        return new ApplianceSources(descriptor, seed, hooks, extra, steps);
    }

    @Override
    public byte[] descriptor() {
        return descriptor.clone();
    }

    @Override
    public byte[] seed() {
        return seed == null ? null : seed.clone();
    }

    @Override
    public Map<String, byte[]> hooks() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        hooks.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    @Override
    public List<byte[]> extraFiles() {
        return extraFiles.stream().map(byte[]::clone).toList();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ApplianceSources s) || !Arrays.equals(s.descriptor, descriptor)
                || !Arrays.equals(s.seed, seed) || !s.steps.equals(steps)
                || !s.hooks.keySet().equals(hooks.keySet()) || s.extraFiles.size() != extraFiles.size()) {
            return false;
        }
        for (String k : hooks.keySet()) {
            if (!Arrays.equals(hooks.get(k), s.hooks.get(k))) {
                return false;
            }
        }
        for (int i = 0; i < extraFiles.size(); i++) {
            if (!Arrays.equals(extraFiles.get(i), s.extraFiles.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(descriptor) * 31 + steps.hashCode();
    }

    private static String text(Optional<Path> path, String source) {
        return path.map(p -> new String(bytes(p, source), StandardCharsets.UTF_8).replace("\r\n", "\n"))
                .orElse(null);
    }

    private static byte[] bytes(Path path, String source) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(Problem.inFile(source, "file " + path
                    + " disappeared after validation; restore it and build again"));
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, path + ": cannot read: " + e.getMessage()
                    + " (referenced by " + source + ")", e);
        }
    }
}
