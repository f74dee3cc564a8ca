package org.vatools.vainstall.backup;

import java.io.IOException;
import java.util.zip.Deflater;

/** Backups for tests outside this package: the reader test's sample and damaged variants of it. */
public final class SampleBackups {
    public static final String APPLIANCE = "test-appliance";
    public static final String VERSION = "1.0-1";

    private SampleBackups() {
    }

    /** test-appliance 1.0-1: sysconfig /etc/app, appdata /var/lib/app and /srv/media (absent), hook data. */
    public static byte[] sample() throws IOException {
        return AbfReaderTest.sample();
    }

    /** The sample with its sysconfig member replaced by {@code tar} and the checksums made to match. */
    public static byte[] withSysconfig(RawAbf.Tar tar) throws IOException {
        return RawAbf.of(sample()).put(AbfFormat.SYSCONFIG_MEMBER, tar.gz()).resum().bytes();
    }

    /** The sample whose sysconfig member is 40 MiB of zeros, stored in the tar and deflated by the zip. */
    public static byte[] zipBomb() throws IOException {
        byte[] stored = new RawAbf.Tar().dir("0/").file("0/zeros", new byte[40 << 20], 0644)
                .gzipLevel(Deflater.NO_COMPRESSION).gz();
        return RawAbf.of(sample()).put(AbfFormat.SYSCONFIG_MEMBER, stored)
                .level(AbfFormat.SYSCONFIG_MEMBER, Deflater.BEST_COMPRESSION).resum().bytes();
    }

    public static String appdataMember() {
        return AbfFormat.APPDATA_MEMBER;
    }

    public static String infoMember() {
        return AbfFormat.INFO_MEMBER;
    }

    public static String sha256Member() {
        return AbfFormat.SHA256_MEMBER;
    }
}
