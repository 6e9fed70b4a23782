package org.thermolearn.experiments.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a sweep's tasks on this machine, {@code parallel} worker JVMs at a time, each with
 * {@code OPENBLAS_NUM_THREADS = threadsPerTask} (default: cores / parallel) so workers do not
 * oversubscribe the cores. Writes {@code local.pid} so {@code sweep cancel} can stop it.
 */
public final class LocalExecutor {

    private final SweepDir sweep;
    private final int parallel;
    private final int threads;
    private final PrintStream out;

    public LocalExecutor(SweepDir sweep, int parallel, int threadsPerTask, PrintStream out) {
        this.sweep = sweep;
        this.parallel = Math.max(1, parallel);
        this.threads = threadsPerTask > 0 ? threadsPerTask : Math.max(1, Runtime.getRuntime().availableProcessors() / this.parallel);
        this.out = out;
    }

    public int threads() { return threads; }

    /** Runs every unfinished task; returns the count of each outcome. */
    public Map<TaskRunner.Outcome, Integer> run() {
        TaskRunner runner = TaskRunner.forCurrentJvm(sweep, threads);
        Thread hook = new Thread(runner::cancel, "sweep-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<TaskRunner.Outcome, Integer> counts = new EnumMap<>(TaskRunner.Outcome.class);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            Files.writeString(sweep.path().resolve("local.pid"), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
            List<SweepTask> tasks = sweep.tasks();
            try (Progress progress = new Progress(sweep.spec().name(), tasks.size(), out)) {
                List<Future<?>> fs = new ArrayList<>();
                for (SweepTask t : tasks) {
                    fs.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        TaskRunner.Outcome o = runner.run(t);
                        synchronized (counts) { counts.merge(o, 1, Integer::sum); }
                        String why = o == TaskRunner.Outcome.FAILED || o == TaskRunner.Outcome.GAVE_UP
                                ? " (" + sweep.state(t.id()).lastReason() + "; log " + sweep.logFile(t.id()) + ")" : "";
                        progress.step("task " + t.index() + " " + t.id() + " " + o.name().toLowerCase()
                                + String.format(" in %.1f s", (System.nanoTime() - t0) / 1e9) + why);
                    }));
                }
                for (Future<?> f : fs) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        out.println("sweep worker thread failed: " + e.getCause());
                        synchronized (counts) { counts.merge(TaskRunner.Outcome.FAILED, 1, Integer::sum); }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runner.cancel();
        } catch (IOException e) {
            throw new SweepException("cannot write " + sweep.path().resolve("local.pid") + ": " + e.getMessage(), false);
        } finally {
            pool.shutdownNow();
            try { Runtime.getRuntime().removeShutdownHook(hook); } catch (IllegalStateException ignored) { }
            try { Files.deleteIfExists(sweep.path().resolve("local.pid")); } catch (IOException ignored) { }
        }
        return counts;
    }
}
