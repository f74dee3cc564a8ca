package org.vatools.vainstall.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Check;
import org.vatools.vainstall.host.HostFacts;
import org.vatools.vainstall.host.HostFactsReader;
import org.vatools.vainstall.host.RequirementCheck;
import org.vatools.vainstall.pm.AvailablePackage;
import org.vatools.vainstall.pm.InstalledAppliance;
import org.vatools.vainstall.pm.PackageManager;
import org.vatools.vainstall.pm.PackageManagers;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.CommandFailedException;
import org.vatools.vainstall.target.Redaction;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;

/**
 * Installs an appliance on a target, the same way on the local host, in a chroot and over SSH.
 * {@link #prepare} takes every step that changes nothing (the order: detect the family,
 * update the package lists, resolve the name, fetch seed and descriptor through the package
 * manager, check the host, merge the answers, check for another appliance) and returns the plan;
 * only then {@link #execute} preseeds, installs and checks. A refusal before that point leaves the
 * target as it was, apart from refreshed package lists. Questions are asked last, once every
 * check that needs no answer has passed, so nobody types a password for an install that is refused.
 */
public final class Installer {
    private final Target target;
    private final Reporter reporter;
    private final Prompter prompter;
    private final CheckRunner checkRunner;
    private final Function<Target, PackageManager> detect;

    /**
     * @param prompter asks on a terminal; null when there is none
     */
    public Installer(Target target, Reporter reporter, Prompter prompter, CheckRunner checkRunner) {
        this(target, reporter, prompter, checkRunner, PackageManagers::detect);
    }

    Installer(Target target, Reporter reporter, Prompter prompter, CheckRunner checkRunner,
              Function<Target, PackageManager> detect) {
        this.target = target;
        this.reporter = reporter;
        this.prompter = prompter;
        this.checkRunner = checkRunner;
        this.detect = detect;
    }

    public InstallOutcome install(InstallRequest request) {
        Prepared p = prepare(request);
        return request.dryRun() ? dryRun(p) : execute(p, request.replace());
    }

    /** The plan and the package manager that carries it out. */
    public record Prepared(InstallPlan plan, PackageManager pm) {
    }

    public Prepared prepare(InstallRequest request) {
        String name = ApplianceNames.requireValidName(request.name());
        List<PlanStep> steps = new ArrayList<>();
        reporter.step("Inspecting " + target.describe());
        PackageManager pm = detect.apply(target);
        steps.add(new PlanStep(PlanStep.Kind.DETECT, "detect the package family: " + pm.family().id(), false, "done"));

        String update = pm.updateCommand();
        if (request.noUpdate()) {
            steps.add(new PlanStep(PlanStep.Kind.UPDATE, update, true, "skipped: --no-update"));
        } else if (request.dryRun()) {
            steps.add(new PlanStep(PlanStep.Kind.UPDATE, update, true,
                    "skipped: --dry-run uses the package lists as they are"));
        } else {
            reporter.step("Updating the package lists (" + update + ")");
            pm.update();
            steps.add(new PlanStep(PlanStep.Kind.UPDATE, update, true, "done"));
        }

        AvailablePackage pkg = ApplianceNames.resolve(pm, name, target.describe());
        steps.add(new PlanStep(PlanStep.Kind.RESOLVE, name + " " + pkg.version() + " is an appliance", false, "done"));

        reporter.step("Reading the descriptor and seed of " + name + " " + pkg.version());
        FetchedAppliance fetched = new ApplianceFetcher(target, pm).fetch(pkg);
        steps.add(new PlanStep(PlanStep.Kind.FETCH, "read descriptor and seed (from " + shortSource(fetched) + ")",
                false, "done"));

        HostFacts host = HostFactsReader.read(target, pm.family());
        if (!fetched.descriptor().supports(pm.family())) {
            throw new ApplianceException(ExitCode.HOST_REQUIREMENTS, name + " declares no " + pm.family().id()
                    + " dependencies, so it does not support " + target.describe());
        }
        RequirementCheck.require(name, fetched.descriptor().requires(), host, target.describe());
        steps.add(new PlanStep(PlanStep.Kind.HOST, "check the host requirements", false, "done"));

        List<GivenAnswer> fromFile = List.of();
        if (request.answersFile() != null) {
            fromFile = AnswersFile.read(request.answersFile());
            if (AnswersFile.readableByOthers(request.answersFile())) {
                reporter.warn(request.answersFile() + " is readable by other users; if it holds secrets,"
                        + " chmod 600 it");
            }
        }
        AnswerMerger.Draft draft = AnswerMerger.merge(name, fetched.seed(), fetched.descriptor().questions(), fromFile,
                request.answers());
        for (String q : draft.secretsOnCommandLine()) {
            reporter.warn("the secret answer to " + q + " was given with --answer, so it was visible in the"
                    + " process list; prefer an --answers file readable only by you");
        }

        List<InstalledAppliance> installed = pm.installedAppliances().stream()
                .filter(InstalledAppliance::occupiesHost).toList();
        List<InstalledAppliance> others = installed.stream().filter(a -> !a.name().equals(name)).toList();
        Optional<InstalledAppliance> same = installed.stream().filter(a -> a.name().equals(name)).findFirst();
        if (!others.isEmpty() && !request.replace()) {
            throw new ApplianceException(ExitCode.CONFLICT, PlanPrinter.installed(others) + " is installed on "
                    + target.describe() + ", and a host runs one appliance at a time. Rerun with --replace to remove "
                    + (others.size() == 1 ? "it" : "them") + " and install " + name + "; nothing was changed");
        }

        MergedAnswers answers = draft.complete(request.interactive() ? prompter : null);
        steps.add(new PlanStep(PlanStep.Kind.ANSWERS, "merge " + answers.shown().size() + " answers", false, "done"));
        steps.add(new PlanStep(PlanStep.Kind.REPLACE, others.isEmpty() ? "no other appliance installed"
                : "replace " + PlanPrinter.installed(others), false, "done"));
        String todo = request.dryRun() ? "skipped: --dry-run" : "to do";
        steps.add(new PlanStep(PlanStep.Kind.PRESEED, pm.answerDelivery(name), true, todo));
        steps.add(new PlanStep(PlanStep.Kind.INSTALL, pm.installCommand(pkg, request.replace()).display(), true, todo));
        List<Check> checks = fetched.descriptor().checks();
        String checkStatus = checks.isEmpty() ? "skipped: the appliance declares none"
                : !target.runsServices() ? "skipped: services do not run in a chroot" : todo;
        steps.add(new PlanStep(PlanStep.Kind.CHECKS, checks.isEmpty() ? "run checks"
                : "check " + String.join(", ", checks.stream().map(Check::toString).toList()), false, checkStatus));
        InstallPlan plan = new InstallPlan(target.describe(), pm.family(), fetched, host, answers, others, same, steps);
        return new Prepared(plan, pm);
    }

    private static String shortSource(FetchedAppliance f) {
        return f.seedSource().startsWith("the repository") ? "the package; seed from the repository" : "the package";
    }

    InstallOutcome dryRun(Prepared p) {
        InstallPlan plan = p.plan();
        PackageManager pm = p.pm();
        if (!plan.answers().selections().isEmpty()) {
            pm.checkAnswers(plan.answers().selections());
        }
        reporter.result(PlanPrinter.format(plan));
        Result simulated = pm.simulateInstall(plan.appliance().pkg(), !plan.replaces().isEmpty());
        reporter.result("What the package manager would do (nothing was changed):\n"
                + Redaction.apply(simulated.stdoutText(), plan.answers().secrets()));
        return new InstallOutcome(plan, true, List.of(), reachable(plan));
    }

    public InstallOutcome execute(Prepared p, boolean replace) {
        InstallPlan plan = p.plan();
        PackageManager pm = p.pm();
        String name = plan.name();
        reporter.detail(PlanPrinter.format(plan));
        reporter.step("Preseeding " + plan.answers().selections().size() + " answers (" + pm.answerDelivery(name) + ")");
        pm.deliverAnswers(name, plan.answers().selections());
        reporter.step("Installing " + name + " " + plan.version()
                + (plan.replaces().isEmpty() ? "" : ", replacing " + PlanPrinter.installed(plan.replaces())));
        Command install = pm.installCommand(plan.appliance().pkg(), replace).redacting(plan.answers().secrets());
        Result r = target.run(install);
        if (!r.succeeded()) {
            if (plan.reinstalled().isEmpty()) {
                try {
                    pm.withdrawAnswers(name);
                } catch (RuntimeException e) {
                    reporter.warn("could not withdraw the answers of " + name + ": " + e.getMessage());
                }
            }
            throw new CommandFailedException(ExitCode.PACKAGE_MANAGER, "installing " + name + " on "
                    + target.describe() + " failed", r);
        }
        boolean installed = pm.installedAppliances().stream()
                .anyMatch(a -> a.name().equals(name) && a.state().equals("installed"));
        if (!installed) {
            throw new ApplianceException(ExitCode.PACKAGE_MANAGER, "the package manager reported success, but "
                    + name + " is not listed as installed on " + target.describe());
        }
        List<CheckResult> results = List.of();
        List<Check> checks = plan.appliance().descriptor().checks();
        if (!checks.isEmpty() && target.runsServices()) {
            reporter.step("Checking " + name + " (" + checks.size() + (checks.size() == 1 ? " check)" : " checks)"));
            results = checkRunner.run(checks);
            List<String> failed = new ArrayList<>();
            for (CheckResult c : results) {
                String line = (c.passed() ? "  ok      " : "  FAILED  ") + c.check() + ": " + c.detail() + " (after "
                        + c.attempts() + (c.attempts() == 1 ? " attempt)" : " attempts)");
                reporter.detail(line);
                if (!c.passed()) {
                    failed.add(line.strip());
                }
            }
            if (!failed.isEmpty()) {
                throw new ApplianceException(ExitCode.CHECK_FAILED, name + " " + plan.version() + " was installed on "
                        + target.describe() + ", but " + failed.size() + " of " + results.size()
                        + " checks failed:\n  " + String.join("\n  ", failed)
                        + "\nLook at the services' logs on the host (journalctl -xe, /var/log)");
            }
        } else if (!checks.isEmpty()) {
            reporter.detail("checks skipped: services do not run in a chroot");
        }
        List<String> where = reachable(plan);
        StringBuilder done = new StringBuilder(name + " " + plan.version() + " is installed on " + target.describe());
        if (target.runsServices()) {
            for (String w : where) {
                done.append("\n  reachable at ").append(w);
            }
        }
        reporter.result(done.toString());
        return new InstallOutcome(plan, false, results, where);
    }

    /** Where the HTTP checks say the appliance answers, with a loopback host replaced by the server's name. */
    List<String> reachable(InstallPlan plan) {
        List<String> out = new ArrayList<>();
        for (Check c : plan.appliance().descriptor().checks()) {
            if (c instanceof Check.Http http) {
                String url = http.url().toString();
                String host = http.url().getHost();
                Optional<String> remote = target.reachableHost();
                if (remote.isPresent() && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
                        || host.equals("::1"))) {
                    String h = remote.get().contains(":") ? "[" + remote.get() + "]" : remote.get();
                    url = url.replaceFirst("//" + java.util.regex.Pattern.quote(host), "//" + h);
                }
                out.add(url);
            }
        }
        return out;
    }
}
