package org.vatools.vainstall.pm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * Reads files from a package with the family's own unpacking tool on the target, which writes the
 * package's file archive to stdout: {@code dpkg-deb --fsys-tarfile} (a tar) or {@code rpm2cpio}
 * (a cpio). The archive is read here, so nothing is unpacked on the target and no shell pipe is
 * needed; it works the same locally, in a chroot and over SSH.
 */
public final class ArchiveStreamFiles implements PackageFiles {
    private final Target target;
    private final boolean rpm;

    private ArchiveStreamFiles(Target target, boolean rpm) {
        this.target = target;
        this.rpm = rpm;
    }

    public static ArchiveStreamFiles deb(Target target) {
        return new ArchiveStreamFiles(target, false);
    }

    public static ArchiveStreamFiles rpm(Target target) {
        return new ArchiveStreamFiles(target, true);
    }

    @Override
    public Map<String, byte[]> extract(String packagePath, Set<String> paths) {
        List<String> argv = rpm ? List.of("rpm2cpio", packagePath) : List.of("dpkg-deb", "--fsys-tarfile", packagePath);
        Result r = target.run(Command.of(argv)).requireSuccess(ExitCode.INVALID_INPUT,
                "cannot read the package " + packagePath + " on " + target.describe());
        try {
            return read(new ByteArrayInputStream(r.stdout()), rpm, paths);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, packagePath + ": its file archive is damaged: "
                    + e.getMessage(), e);
        }
    }

    /** Picks {@code paths} out of a tar (deb) or cpio (rpm) stream; entry names may start with "./". */
    static Map<String, byte[]> read(InputStream in, boolean cpio, Set<String> paths) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ArchiveInputStream<? extends ArchiveEntry> archive = cpio ? new CpioArchiveInputStream(in)
                : new TarArchiveInputStream(in)) {
            ArchiveEntry e;
            while ((e = archive.getNextEntry()) != null) {
                String name = e.getName();
                if (name.startsWith("./")) {
                    name = name.substring(1);
                } else if (!name.startsWith("/")) {
                    name = "/" + name;
                }
                if (!e.isDirectory() && paths.contains(name) && !out.containsKey(name)) {
                    out.put(name, archive.readAllBytes());
                }
            }
        }
        return out;
    }
}
