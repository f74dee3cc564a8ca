package org.vatools.vainstall.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vatools.core.ExitCode;
import org.vatools.vainstall.install.Catalog;
import org.vatools.vainstall.pm.AvailablePackage;
import org.vatools.vainstall.pm.InstalledAppliance;
import org.vatools.vainstall.pm.PackageManagers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vainstall list [--available] [--json]} (also the {@code valist} launcher). */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the appliances installed on the target with version and state; with --available, the"
                + " appliances the configured repositories offer (as of the last package list update).")
final class ListCommand implements Callable<Integer>, EnvironmentAware {
    @Mixin
    GlobalOptions global;

    @Mixin
    TargetOptions targets;

    @Spec
    CommandSpec spec;

    @Option(names = "--available", description = "List what the repositories offer instead.")
    boolean available;

    @Option(names = "--json", description = "Print JSON: [{\"name\", \"version\", \"state\"}] (with --available:"
            + " \"name\", \"version\", \"summary\", \"installed\").")
    boolean json;

    private Environment env;

    @Override
    public void environment(Environment e) {
        this.env = e;
    }

    @Override
    public Integer call() {
        return TargetRunner.run(env, global, targets, spec.commandLine().getOut(), spec.commandLine().getErr(), json,
                (target, io) -> {
                    Catalog catalog = new Catalog(target, PackageManagers.detect(target));
                    List<InstalledAppliance> installed = catalog.installed();
                    if (available) {
                        printAvailable(catalog.available(), installed, target.describe(), io);
                    } else {
                        printInstalled(installed, target.describe(), io);
                    }
                    return ExitCode.OK.code();
                });
    }

    private void printInstalled(List<InstalledAppliance> installed, String where, Io io) {
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (InstalledAppliance a : installed) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", a.name());
                m.put("version", a.version());
                m.put("state", a.state());
                rows.add(m);
            }
            io.out().println(Json.write(rows));
            io.out().flush();
            return;
        }
        if (installed.isEmpty()) {
            io.result("No appliance is installed on " + where + ".");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "VERSION", "STATE"});
        for (InstalledAppliance a : installed) {
            rows.add(new String[] {a.name(), a.version(), a.state()});
        }
        io.result(Table.format(rows));
    }

    private void printAvailable(List<AvailablePackage> offered, List<InstalledAppliance> installed, String where,
                                Io io) {
        Set<String> here = installed.stream().filter(InstalledAppliance::occupiesHost).map(InstalledAppliance::name)
                .collect(Collectors.toSet());
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (AvailablePackage p : offered) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("version", p.version());
                m.put("summary", p.summary());
                m.put("installed", here.contains(p.name()));
                rows.add(m);
            }
            io.out().println(Json.write(rows));
            io.out().flush();
            return;
        }
        if (offered.isEmpty()) {
            io.result("The repositories configured on " + where + " offer no appliance (add one with"
                    + " 'vainstall add-repo').");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "VERSION", "INSTALLED", "SUMMARY"});
        for (AvailablePackage p : offered) {
            rows.add(new String[] {p.name(), p.version(), here.contains(p.name()) ? "yes" : "", p.summary()});
        }
        io.result(Table.format(rows));
    }
}
