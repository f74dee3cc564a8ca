package org.vatools.vainstall.pm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.pkg.BinaryPackage;
import org.vatools.core.pkg.PackageFormat;
import org.vatools.core.pkg.ReadOptions;
import org.vatools.core.pkg.deb.DebReader;
import org.vatools.core.pkg.rpm.RpmReader;
import org.vatools.vainstall.target.Target;

/**
 * Reads files out of a package that lies on the target with core's .deb and rpm readers: the
 * package's bytes come over the target's port ({@code cat}), so nothing is unpacked on the target
 * and no unpacking tool is needed there. Appliance metapackages are small (kilobytes); the readers
 * refuse malformed packages and cap what they extract.
 */
public final class CorePackageFiles implements PackageFiles {
    private final Target target;

    public CorePackageFiles(Target target) {
        this.target = target;
    }

    @Override
    public Map<String, byte[]> extract(String packagePath, Set<String> paths) {
        byte[] bytes = target.files().readRequired(packagePath);
        String source = packagePath.substring(packagePath.lastIndexOf('/') + 1);
        ReadOptions options = ReadOptions.defaults().extracting(paths.toArray(new String[0]));
        BinaryPackage pkg;
        try {
            PackageFormat format = PackageFormat.detect(Arrays.copyOf(bytes, Math.min(bytes.length, 512)), source);
            pkg = switch (format) {
                case DEB -> DebReader.read(new ByteArrayInputStream(bytes), source, bytes.length, options);
                case RPM -> RpmReader.read(new ByteArrayInputStream(bytes), source, bytes.length, options);
            };
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, source + ": cannot read the package: " + e.getMessage(), e);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String p : paths) {
            pkg.extractedFile(p).ifPresent(b -> out.put(p, b));
        }
        return out;
    }
}
