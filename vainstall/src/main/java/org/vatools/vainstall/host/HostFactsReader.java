package org.vatools.vainstall.host;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Family;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * Reads {@link HostFacts} on a target: {@code /etc/os-release} (or {@code /usr/lib/os-release}),
 * {@code dpkg --print-architecture} or {@code uname -m} mapped to Debian's names,
 * {@code MemTotal} from {@code /proc/meminfo}, and {@code df -Pk /}.
 */
public final class HostFactsReader {
    /** uname -m names and Debian's names for the same architecture. */
    static final Map<String, String> UNAME_TO_DEBIAN = Map.ofEntries(
            Map.entry("x86_64", "amd64"), Map.entry("aarch64", "arm64"), Map.entry("armv7l", "armhf"),
            Map.entry("armv6l", "armel"), Map.entry("i686", "i386"), Map.entry("i586", "i386"),
            Map.entry("i386", "i386"), Map.entry("ppc64le", "ppc64el"), Map.entry("s390x", "s390x"),
            Map.entry("riscv64", "riscv64"), Map.entry("loongarch64", "loong64"), Map.entry("mips64", "mips64el"));

    private HostFactsReader() {
    }

    public static HostFacts read(Target target, Family family) {
        byte[] osRelease = target.files().read("/etc/os-release")
                .or(() -> target.files().read("/usr/lib/os-release"))
                .orElseThrow(() -> new ApplianceException(ExitCode.ENVIRONMENT, target.describe()
                        + " has neither /etc/os-release nor /usr/lib/os-release; cannot tell its distribution"));
        OsRelease os = OsRelease.parse(new String(osRelease, StandardCharsets.UTF_8));
        String arch = architecture(target, family);
        long memory = memTotal(new String(target.files().readRequired("/proc/meminfo"), StandardCharsets.UTF_8))
                .orElseThrow(() -> new ApplianceException(ExitCode.ENVIRONMENT, "no MemTotal in /proc/meminfo on "
                        + target.describe()));
        Result df = target.run(Command.of("df", "-Pk", "/"))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot tell the free disk space on " + target.describe());
        long disk = dfAvailableBytes(df.stdoutText()).orElseThrow(() -> new ApplianceException(ExitCode.ENVIRONMENT,
                "cannot read 'df -Pk /' output on " + target.describe() + ": " + df.stdoutText()));
        return new HostFacts(os, arch, memory, disk);
    }

    static String architecture(Target target, Family family) {
        if (family == Family.DEB) {
            Result r = target.run(Command.of("dpkg", "--print-architecture"));
            if (r.succeeded() && !r.stdoutText().isBlank()) {
                return r.stdoutText().strip();
            }
        }
        String machine = target.run(Command.of("uname", "-m"))
                .requireSuccess(ExitCode.ENVIRONMENT, "cannot tell the architecture of " + target.describe())
                .stdoutText().strip();
        return debianArchitecture(machine);
    }

    public static String debianArchitecture(String unameMachine) {
        return UNAME_TO_DEBIAN.getOrDefault(unameMachine, unameMachine);
    }

    /** MemTotal in bytes from /proc/meminfo ("MemTotal:       24684084 kB"). */
    static Optional<Long> memTotal(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.substring(9).strip().split("\\s+");
                try {
                    long v = Long.parseLong(f[0]);
                    return Optional.of(f.length > 1 && f[1].equalsIgnoreCase("kB") ? v * 1024 : v);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The Available column (1024-byte blocks) of {@code df -Pk} for the one file system listed, in bytes. */
    static Optional<Long> dfAvailableBytes(String df) {
        String[] lines = df.strip().split("\n");
        if (lines.length < 2) {
            return Optional.empty();
        }
        // POSIX format: Filesystem 1024-blocks Used Available Capacity Mounted-on; the name may hold blanks,
        // so count the columns from the right
        String[] f = lines[lines.length - 1].strip().split("\\s+");
        if (f.length < 6) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(f[f.length - 3]) * 1024);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
