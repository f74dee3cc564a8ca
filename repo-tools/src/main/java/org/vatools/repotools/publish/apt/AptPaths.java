package org.vatools.repotools.publish.apt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * Where one suite's files are. Clients see {@code apt/dists/<suite>}, a symbolic link to the
 * current generation folder {@code apt/dists/.gen/<suite>/<N>}; a publish writes generation N+1
 * and switches the link with one rename. The state of generation N is
 * {@code .vatools/state/apt/<suite>/<N>.state}.
 */
public final class AptPaths {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.+_-]*");
    private final Path root;
    private final String suite;

    public AptPaths(Path root, String suite) {
        this.root = root;
        this.suite = suite;
    }

    /** Checks a suite, codename, component or architecture name: lower case, no slash. */
    public static String checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new ApplianceException(ExitCode.USAGE, what + " '" + value + "' is not valid: use lower-case"
                    + " letters, digits and . + _ - (starting with a letter or digit)");
        }
        return value;
    }

    public Path root() {
        return root;
    }

    public Path apt() {
        return root.resolve("apt");
    }

    public Path dists() {
        return apt().resolve("dists");
    }

    public Path suiteLink() {
        return dists().resolve(suite);
    }

    public Path generations() {
        return dists().resolve(".gen").resolve(suite);
    }

    public Path generation(long n) {
        return generations().resolve(Long.toString(n));
    }

    /** The link target of generation n, relative to apt/dists/. */
    public String linkTarget(long n) {
        return ".gen/" + suite + "/" + n;
    }

    public Path stateDir() {
        return root.resolve(".vatools/state/apt").resolve(suite);
    }

    public Path stateFile(long n) {
        return stateDir().resolve(n + ".state");
    }

    public Path cacheDir() {
        return root.resolve(".vatools/cache/apt").resolve(suite);
    }

    /** Where the new link is made before it is renamed over {@link #suiteLink()}. */
    public Path tempLink() {
        return dists().resolve(".tmp-link-" + suite);
    }

    public Path staging() {
        return root.resolve(".vatools/staging/apt-" + suite);
    }

    /**
     * The generation clients see now, or 0 when the suite was never published.
     *
     * @throws ApplianceException ENVIRONMENT when apt/dists/SUITE exists but is not our link
     */
    public long currentGeneration() throws IOException {
        Path link = suiteLink();
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        if (!Files.isSymbolicLink(link)) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, link + " is not a link to a generation folder;"
                    + " this suite was not written by repo-tools publish. Publish into a new folder, or move it away");
        }
        String target = Files.readSymbolicLink(link).toString();
        String prefix = ".gen/" + suite + "/";
        if (!target.startsWith(prefix) || !target.substring(prefix.length()).matches("[0-9]{1,18}")) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, link + " points to '" + target
                    + "', not to a generation folder (" + prefix + "N)");
        }
        return Long.parseLong(target.substring(prefix.length()));
    }
}
