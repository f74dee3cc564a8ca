package org.vatools.vainstall.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.Failures;
import org.vatools.vainstall.target.Target;

/**
 * Runs one command's job on its target, or on every host of --hosts with at most --parallel at a
 * time: each host's lines are prefixed with its name, a host that fails does not stop the others,
 * and a result line per host closes the run. The exit code is 0 when all succeeded, the failure's
 * code when all failed with the same one, and PARTIAL otherwise.
 */
final class TargetRunner {
    /** What a command does on one target; returns its exit code. */
    @FunctionalInterface
    interface Job {
        int run(Target target, Io io);
    }

    private TargetRunner() {
    }

    static int run(Environment env, GlobalOptions global, TargetOptions options, PrintWriter out, PrintWriter err,
                   boolean json, Job job) {
        List<TargetSpec> specs = options.specs(env);
        if (!options.many()) {
            Io io = new Io(out, err, global.quiet || json, global.verbose);
            try (Target target = env.targets().open(specs.get(0), io)) {
                return job.run(target, io);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallel, specs.size()), r -> {
            Thread t = new Thread(r, "vainstall-host");
            t.setDaemon(true);
            return t;
        });
        Map<TargetSpec, Future<HostResult>> futures = new LinkedHashMap<>();
        for (TargetSpec spec : specs) {
            futures.put(spec, pool.submit(() -> runOne(env, global, spec, out, err, json, job)));
        }
        List<HostResult> results = new ArrayList<>();
        for (Map.Entry<TargetSpec, Future<HostResult>> f : futures.entrySet()) {
            try {
                results.add(f.getValue().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new ApplianceException(ExitCode.ENVIRONMENT, "interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                results.add(new HostResult(f.getKey().label(), ExitCode.INTERNAL.code(), String.valueOf(e.getCause()),
                        null));
            }
        }
        pool.shutdown();
        if (json) {
            List<Object> list = new ArrayList<>();
            for (HostResult r : results) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", r.label());
                m.put("exit", r.exit());
                m.put("error", r.exit() == 0 ? null : r.message());
                m.put("result", r.json() == null || r.json().isBlank() ? null : new Json.RawJson(r.json().strip()));
                list.add(m);
            }
            out.println(Json.write(list));
        } else {
            for (HostResult r : results) {
                out.println(r.exit() == 0 ? r.label() + ": ok"
                        : r.label() + ": FAILED (exit " + r.exit() + "): " + r.message());
            }
            long ok = results.stream().filter(r -> r.exit() == 0).count();
            out.println(ok + " of " + results.size() + " hosts succeeded");
        }
        out.flush();
        return combined(results.stream().map(HostResult::exit).toList());
    }

    /** 0 if all succeeded; the common code if all failed alike; PARTIAL otherwise. */
    static int combined(List<Integer> exits) {
        if (exits.stream().allMatch(e -> e == 0)) {
            return 0;
        }
        if (exits.stream().noneMatch(e -> e == 0) && exits.stream().distinct().count() == 1) {
            return exits.get(0);
        }
        return ExitCode.PARTIAL.code();
    }

    private record HostResult(String label, int exit, String message, String json) {
    }

    private static HostResult runOne(Environment env, GlobalOptions global, TargetSpec spec, PrintWriter out,
                                     PrintWriter err, boolean json, Job job) {
        String prefix = spec.label() + ": ";
        StringWriter captured = new StringWriter();
        PrintWriter hostOut = json ? new PrintWriter(captured) : new PrintWriter(new PrefixWriter(out, prefix));
        StringWriter errors = new StringWriter();
        PrintWriter hostErr = new PrintWriter(new PrefixWriter(err, prefix));
        Io io = new Io(hostOut, hostErr, global.quiet || json, global.verbose);
        try (Target target = env.targets().open(spec, io)) {
            int code = job.run(target, io);
            return new HostResult(spec.label(), code, "", captured.toString());
        } catch (RuntimeException e) {
            PrintWriter msg = new PrintWriter(errors);
            int code = Failures.report("vainstall", e, msg, global.verbose);
            String text = errors.toString().strip();
            if (!json) {
                hostErr.println(text);
            }
            String first = text.lines().findFirst().orElse("").replaceFirst("^vainstall: error: ", "");
            return new HostResult(spec.label(), code, first, captured.toString());
        } finally {
            hostOut.close();
            hostErr.close();
        }
    }
}
