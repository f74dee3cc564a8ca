package org.vatools.repotools.build;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.vatools.core.descriptor.Family;
import org.vatools.core.io.AtomicFiles;

/**
 * Writes planned packages into an output folder. Each file is written to a temporary file in
 * that folder and renamed when complete ({@link AtomicFiles}), so a failed or killed build never
 * leaves a partial package under a package's name; its size and SHA-256 are measured while writing.
 */
public final class PackageBuilder {
    private final DebWriter debWriter;
    private final RpmWriter rpmWriter;

    /** @param scratch folder for the writers' temporary files */
    public PackageBuilder(Path scratch) {
        this.debWriter = new DebWriter(scratch);
        this.rpmWriter = new RpmWriter(scratch);
    }

    /** Writes {@code pkg} to {@code target} (see {@link PackageFileNames}). */
    public BuiltPackage write(DebPackage pkg, Path target) throws IOException {
        return write(pkg.control().packageName(), Family.DEB, target, out -> debWriter.write(pkg, out));
    }

    /** Writes {@code pkg} to {@code target} (see {@link PackageFileNames}). */
    public BuiltPackage write(RpmPackage pkg, Path target) throws IOException {
        return write(pkg.name(), Family.RPM, target, out -> rpmWriter.write(pkg, out));
    }

    private static BuiltPackage write(String appliance, Family family, Path target, AtomicFiles.StreamWriter writer)
            throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        long[] size = new long[1];
        AtomicFiles.write(target, out -> {
            OutputStream measured = new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    sha256.update((byte) b);
                    size[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    sha256.update(b, off, len);
                    size[0] += len;
                }
            };
            writer.write(measured);
            measured.flush();
        });
        return new BuiltPackage(appliance, family, target, size[0], HexFormat.of().formatHex(sha256.digest()));
    }
}
