package org.vatools.vainstall.cli;

import java.time.Duration;
import java.util.Map;
import org.vatools.vainstall.target.ChrootTarget;
import org.vatools.vainstall.target.LocalTarget;
import org.vatools.vainstall.target.ProgressSink;
import org.vatools.vainstall.target.SshSettings;
import org.vatools.vainstall.target.SshTarget;
import org.vatools.vainstall.target.Target;

/**
 * The real targets: {@link LocalTarget} with the process environment, {@link SshTarget}, and a
 * {@link ChrootTarget} over either. A chroot is also closed by a shutdown hook, so Ctrl-C or a
 * SIGTERM still unmounts what it mounted and restores policy-rc.d.
 */
final class DefaultTargetFactory implements TargetFactory {
    private final Map<String, String> environment;

    DefaultTargetFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Target open(TargetSpec spec, ProgressSink progress) {
        Target base;
        if (spec.host() == null) {
            base = new LocalTarget(environment, progress);
        } else {
            TargetSpec.SshOptions o = spec.ssh();
            base = SshTarget.connect(new SshSettings(spec.host(), o.defaultUser(), o.identity(), o.agentSocket(),
                    o.defaultIdentities(), o.knownHosts(), o.acceptNewHostKey(), o.sudoPassword(),
                    Duration.ofSeconds(20)), progress);
        }
        if (spec.root() == null) {
            return base;
        }
        ChrootTarget chroot;
        try {
            chroot = ChrootTarget.open(base, spec.root());
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
        return new ClosingOnExit(chroot, base);
    }
}
