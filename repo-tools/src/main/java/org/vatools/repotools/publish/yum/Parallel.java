package org.vatools.repotools.publish.yum;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a publish's independent tasks (reading, signing, compressing) on every core. */
final class Parallel {
    private Parallel() {
    }

    /** A pool of daemon threads, one per core. */
    static ExecutorService pool() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "yum-publish");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every task and returns their results in order; the first failure is rethrown as it was. */
    static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks, String what) throws IOException {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(t));
        }
        List<T> results = new ArrayList<>(tasks.size());
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + what, e);
            }
        }
        return results;
    }
}
