package org.vatools.vainstall.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Appliance;
import org.vatools.core.descriptor.Check;
import org.vatools.core.descriptor.HostRequirements;
import org.vatools.core.descriptor.Question;
import org.vatools.core.seed.DebconfType;
import org.vatools.core.seed.SeedEntry;
import org.vatools.vainstall.host.RequirementCheck;
import org.vatools.vainstall.install.Catalog;
import org.vatools.vainstall.pm.PackageManagers;
import org.vatools.vainstall.target.Redaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vainstall show NAME}: summary, requirements, questions and seeded answers (secrets masked). */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Shows an appliance: summary, host requirements, the questions it asks and the answers its seed"
                + " gives (secrets masked). Reads the installed appliance, or else the repositories' package.")
final class ShowCommand implements Callable<Integer>, EnvironmentAware {
    @Mixin
    GlobalOptions global;

    @Mixin
    TargetOptions targets;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--json", description = "Print JSON.")
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
                    Catalog.Shown s = new Catalog(target, PackageManagers.detect(target)).show(name);
                    if (json) {
                        io.out().println(Json.write(asMap(s)));
                        io.out().flush();
                    } else {
                        io.result(text(s));
                    }
                    return ExitCode.OK.code();
                });
    }

    static String text(Catalog.Shown s) {
        Appliance a = s.descriptor();
        StringBuilder sb = new StringBuilder();
        sb.append(s.name()).append(' ').append(s.version()).append(" (").append(s.state()).append(", from ")
                .append(s.source()).append(")\n");
        sb.append("  ").append(a.summary()).append('\n');
        a.description().lines().forEach(l -> sb.append("  ").append(l).append('\n'));
        sb.append("  homepage: ").append(a.homepage()).append('\n');
        HostRequirements r = a.requires();
        sb.append("Requirements:\n");
        sb.append("  architectures: ").append(r.architectures().isEmpty() ? "any" : String.join(", ", r.architectures()))
                .append('\n');
        sb.append("  distributions: ").append(r.distributions().isEmpty() ? "any"
                : String.join(", ", r.distributions().stream().map(Object::toString).toList())).append('\n');
        sb.append("  memory: ").append(r.memoryBytes() == 0 ? "any" : RequirementCheck.size(r.memoryBytes()))
                .append(", disk: ").append(r.diskBytes() == 0 ? "any" : RequirementCheck.size(r.diskBytes())).append('\n');
        sb.append("Questions (asked at install time):\n");
        if (a.questions().isEmpty()) {
            sb.append("  none\n");
        }
        for (Question q : a.questions()) {
            sb.append("  ").append(q.name()).append(" (").append(q.type().id()).append(q.required() ? ", required" : "")
                    .append(q.secret() ? ", secret" : "").append("): ").append(q.prompt());
            q.defaultAnswer().ifPresent(d -> sb.append(" [default: ").append(d).append(']'));
            sb.append('\n');
        }
        sb.append("Seeded answers (").append(s.seed().entries().size()).append("):\n");
        for (SeedEntry e : s.seed().entries()) {
            sb.append("  ").append(e.question()).append(" = ").append(masked(e)).append('\n');
        }
        if (!a.checks().isEmpty()) {
            sb.append("Checks after install:\n");
            for (Check c : a.checks()) {
                sb.append("  ").append(c).append(" (within ").append(c.timeout().toSeconds()).append(" s)\n");
            }
        }
        return sb.toString();
    }

    private static String masked(SeedEntry e) {
        return e.type() == DebconfType.PASSWORD ? Redaction.MASK : e.value();
    }

    static Map<String, Object> asMap(Catalog.Shown s) {
        Appliance a = s.descriptor();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("version", s.version());
        m.put("state", s.state());
        m.put("summary", a.summary());
        m.put("description", a.description());
        m.put("homepage", a.homepage());
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("architectures", a.requires().architectures());
        req.put("distributions", a.requires().distributions().stream().map(Object::toString).toList());
        req.put("memoryBytes", a.requires().memoryBytes());
        req.put("diskBytes", a.requires().diskBytes());
        m.put("requires", req);
        List<Object> qs = new ArrayList<>();
        for (Question q : a.questions()) {
            Map<String, Object> qm = new LinkedHashMap<>();
            qm.put("name", q.name());
            qm.put("owner", q.owner());
            qm.put("type", q.type().id());
            qm.put("prompt", q.prompt());
            qm.put("required", q.required());
            qm.put("secret", q.secret());
            qm.put("default", q.defaultValue());
            qm.put("choices", q.choices());
            qs.add(qm);
        }
        m.put("questions", qs);
        Map<String, Object> seed = new LinkedHashMap<>();
        for (SeedEntry e : s.seed().entries()) {
            seed.put(e.question(), masked(e));
        }
        m.put("seed", seed);
        m.put("checks", a.checks().stream().map(Object::toString).toList());
        return m;
    }
}
