package org.vatools.vainstall.backup;

import java.time.Duration;
import java.util.Map;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.PackageLayout;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.CommandFailedException;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * Runs an appliance's backup hooks, the programs its package installed under
 * {@code /usr/libexec/virtual-appliance/NAME/}, with their output shown live.
 */
public final class HookRunner {
    public static final String PRE_BACKUP = "pre-backup";
    public static final String POST_RESTORE = "post-restore";
    public static final String MIGRATE = "migrate";
    static final Duration TIMEOUT = Duration.ofHours(6);

    private final Target target;
    private final String appliance;

    public HookRunner(Target target, String appliance) {
        this.target = target;
        this.appliance = appliance;
    }

    public String path(String hook) {
        return PackageLayout.hookPath(appliance, hook);
    }

    /** NOT_FOUND when the declared hook is not an executable file on the target. */
    public void requirePresent(String hook) {
        String path = path(hook);
        if (!target.run(Command.of("test", "-f", path, "-a", "-x", path)).succeeded()) {
            throw new ApplianceException(ExitCode.NOT_FOUND, appliance + " declares a " + hook + " hook, but " + path
                    + " is not an executable file on " + target.describe() + "; reinstall the appliance"
                    + " (apt-get install --reinstall " + appliance + ", or dnf reinstall " + appliance + ");"
                    + " nothing was changed");
        }
    }

    /** Runs the hook with {@code env}; its non-zero exit is an ENVIRONMENT failure quoting its stderr. */
    public Result run(String hook, Map<String, String> env) {
        Command c = Command.of(path(hook)).streaming().withTimeout(TIMEOUT);
        for (Map.Entry<String, String> e : env.entrySet()) {
            c = c.withEnv(e.getKey(), e.getValue());
        }
        Result r = target.run(c);
        if (!r.succeeded()) {
            throw new CommandFailedException(ExitCode.ENVIRONMENT, "the " + hook + " hook of " + appliance + " failed on "
                    + target.describe(), r);
        }
        return r;
    }
}
