package org.vatools.vainstall.install;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.DescriptorReader;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.core.seed.SeedFile;
import org.vatools.core.seed.SeedParser;
import org.vatools.vainstall.pm.AvailablePackage;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.target.Target;
import org.vatools.vainstall.target.TargetFiles;

/**
 * Gets an appliance's descriptor and seed the authenticated way: the package manager downloads the
 * package (so apt's or dnf's signature chain vouches for it) into a temporary folder on the
 * target, the two files are read out of it, and the folder is removed again. A package without a
 * seed falls back to the seed published beside it, checked against the signed index's SHA-256.
 */
public final class ApplianceFetcher {
    private final Target target;
    private final PackageManager pm;

    public ApplianceFetcher(Target target, PackageManager pm) {
        this.target = target;
        this.pm = pm;
    }

    public FetchedAppliance fetch(AvailablePackage pkg) {
        String name = pkg.name();
        String descriptorPath = PackageLayout.descriptorPath(name);
        String seedPath = PackageLayout.seedPath(name);
        TargetFiles files = target.files();
        String dir = files.makeTempDir();
        String file;
        Map<String, byte[]> found;
        try {
            file = pm.download(pkg, dir);
            found = pm.packageFiles().extract(file, Set.of(descriptorPath, seedPath));
        } finally {
            files.remove(dir);
        }
        String packageName = file.substring(file.lastIndexOf('/') + 1);
        byte[] descriptorBytes = found.get(descriptorPath);
        if (descriptorBytes == null) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, packageName + " has no " + descriptorPath
                    + ": it was not built as an appliance by repo-tools");
        }
        String source = packageName + ":" + descriptorPath;
        Appliance descriptor = DescriptorReader.parsePackaged(utf8(descriptorBytes, source), source);
        if (!descriptor.name().equals(name)) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, source + ": describes '" + descriptor.name()
                    + "', not " + name);
        }
        byte[] seedBytes = found.get(seedPath);
        if (seedBytes != null) {
            String seedSource = packageName + ":" + seedPath;
            return new FetchedAppliance(pkg, descriptor, SeedParser.parse(utf8(seedBytes, seedSource), seedSource),
                    "the package");
        }
        Optional<byte[]> published = pm.publishedSeeds().fetch(pkg);
        if (published.isPresent()) {
            String seedSource = pkg.field(AvailablePackage.SEED_FIELD).orElse(name + PackageLayout.SEED_SUFFIX);
            return new FetchedAppliance(pkg, descriptor, SeedParser.parse(utf8(published.get(), seedSource), seedSource),
                    "the repository (SHA-256 checked against the signed index)");
        }
        return new FetchedAppliance(pkg, descriptor, new SeedFile("(no seed)", List.of()), "none");
    }

    private static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Problem.inFile(source, "not valid UTF-8"));
        }
    }
}
