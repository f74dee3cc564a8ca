package org.vatools.vainstall.install;

import java.util.List;
import org.vatools.vainstall.host.RequirementCheck;
import org.vatools.vainstall.pm.InstalledAppliance;

/** The plan as a person reads it; secrets are already masked in the answers. */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String format(InstallPlan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan: install ").append(plan.name()).append(' ').append(plan.version()).append(" on ")
                .append(plan.target()).append(" (").append(plan.family().id()).append(")\n");
        sb.append("  summary:   ").append(plan.appliance().descriptor().summary()).append('\n');
        sb.append("  seed:      from ").append(plan.appliance().seedSource()).append('\n');
        sb.append("  host:      ").append(plan.host().os().prettyName()).append(", ").append(plan.host().architecture())
                .append(", ").append(RequirementCheck.size(plan.host().memoryBytes())).append(" memory, ")
                .append(RequirementCheck.size(plan.host().diskFreeBytes())).append(" free on /: requirements met\n");
        if (!plan.replaces().isEmpty()) {
            sb.append("  replaces:  ").append(String.join(", ", plan.replaces().stream()
                    .map(a -> a.name() + " " + a.version()).toList())).append('\n');
        }
        plan.reinstalled().ifPresent(a -> sb.append("  installed: ").append(a.name()).append(' ').append(a.version())
                .append(" (").append(a.state()).append("); it is upgraded or reconfigured\n"));
        sb.append(answers(plan.answers()));
        sb.append("  steps:\n");
        List<PlanStep> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            PlanStep s = steps.get(i);
            sb.append(String.format("    %2d. %-44s %s%n", i + 1, s.description(), "[" + s.status() + "]"));
        }
        return sb.toString();
    }

    public static String answers(MergedAnswers answers) {
        StringBuilder sb = new StringBuilder();
        sb.append("  answers:   ").append(answers.shown().size()).append(" (secrets masked)\n");
        int width = answers.shown().stream().mapToInt(a -> a.question().length()).max().orElse(0);
        for (MergedAnswers.Shown a : answers.shown()) {
            sb.append(String.format("    %-" + Math.max(1, width) + "s : %s  [%s]%n", a.question(), a.value(), a.origin()));
        }
        return sb.toString();
    }

    public static String installed(List<InstalledAppliance> list) {
        return String.join(", ", list.stream().map(a -> a.name() + " " + a.version()).toList());
    }
}
