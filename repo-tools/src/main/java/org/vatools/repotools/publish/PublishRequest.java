package org.vatools.repotools.publish;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.vatools.core.pgp.Signer;
import org.vatools.core.pgp.SigningKeys;

/**
 * What one format publisher is asked to do.
 *
 * @param repoRoot the repository root (holding apt/ and yum/)
 * @param packages this format's input files (.deb for APT, .rpm for YUM), already sorted
 * @param removals packages to take out
 * @param keys     the signing keys (several during a key rotation)
 * @param signer   signs indexes with every key, at the injected clock's time
 * @param clock    the publish time (SOURCE_DATE_EPOCH when given): Release Date, repomd revision
 * @param options  the command's options
 * @param progress where to print progress lines (quiet mode passes a sink)
 */
public record PublishRequest(Path repoRoot, List<Path> packages, List<Removal> removals, SigningKeys keys,
                             Signer signer, Clock clock, PublishOptions options, PrintWriter progress) {
    public PublishRequest {
        packages = List.copyOf(packages);
        removals = List.copyOf(removals);
    }

    /** {@code --remove NAME[=VERSION]}: version null removes every version of NAME. */
    public record Removal(String name, String version) {
        @Override
        public String toString() {
            return version == null ? name : name + "=" + version;
        }
    }
}
