package org.thermolearn.experiments.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Trainer;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.config.RunConfig;
import org.thermolearn.experiments.run.BlasThreads;
import org.thermolearn.experiments.run.RunData;
import org.thermolearn.experiments.run.RunListener;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.experiments.run.TrainingRun;
import org.thermolearn.thermo.record.Checkpoint;
import org.thermolearn.thermo.record.RunReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ReproductionPlan} with resume: a run whose status is {@code done} is skipped, a started one is
 * resumed from its last complete checkpoint, a missing one is created. Then the Gaussian check
 * ({@link GaussianCheck}) on the trained deep2 seed-1 network, whose result goes to {@code mcmc/gaussian-check.json}
 * (skipped when that file exists). A failed run (e.g. diverged) is reported and the others go on.
 *
 * <p><b>Cores.</b> The runs are independent, so {@code parallel} of them (default min(2, cores)) run side by side in
 * this JVM, each on cores / parallel Java threads: two single-threaded runs keep both cores busy all the time,
 * while one run on two threads leaves a core idle in every serial part (the per-epoch bookkeeping, the analysis of a
 * checkpoint, the Cholesky-free parts of a step) and its batch-32 step gains only ~1.25× from the second thread.
 * Runs are taken longest first (deep3, deep2, shallow) so that the two workers finish close together; the Gaussian
 * check goes to the front of the queue when deep2-s1 is done. Every record is the same bits as in a sequential run (the trainer and the
 * bulk loss do not depend on their thread count).
 */
public final class ReproduceRunner {

    public static final String MCMC_DIR = "mcmc";
    public static final String MCMC_JSON = "gaussian-check.json";
    /** The run whose trained network the Gaussian check samples. */
    public static final String MCMC_RUN = "deep2-s1";

    private final Path root;
    private final ReproductionPlan plan;
    private final RunListener out;
    private final int parallel;

    /** Runs side by side on min(2, cores) workers. */
    public ReproduceRunner(Path root, ReproductionPlan plan, RunListener out) {
        this(root, plan, out, defaultParallel());
    }

    /** Runs {@code parallel} runs side by side (1 = in sequence, each run on the default threads). */
    public ReproduceRunner(Path root, ReproductionPlan plan, RunListener out, int parallel) {
        if (parallel < 1) throw new IllegalArgumentException("parallel runs must be >= 1, got " + parallel);
        this.root = root;
        this.plan = plan;
        this.out = out;
        this.parallel = parallel;
    }

    /** min(2, cores): the default number of runs side by side. */
    public static int defaultParallel() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** Runs every planned run (or only {@code only}, a run name or "mcmc"; null = all, then the check). */
    public void runAll(String only) throws IOException {
        plan.validate();
        plan.write(root);
        List<ReproductionPlan.PlannedRun> runs = plan.runs();
        if (only != null) {
            for (int i = 0; i < runs.size(); i++) if (only.equals(runs.get(i).name())) runOne(runs.get(i), i + 1, runs.size(), Trainer.defaultThreads());
            if (only.equals("mcmc")) gaussianCheck();
            return;
        }
        int workers = Math.min(parallel, runs.size());
        if (workers <= 1) {
            for (int i = 0; i < runs.size(); i++) runOne(runs.get(i), i + 1, runs.size(), Trainer.defaultThreads());
            gaussianCheck();
            return;
        }
        runSideBySide(runs, workers);
    }

    /** The runs on {@code workers} threads, longest first, each on cores / workers threads; then the Gaussian check. */
    private void runSideBySide(List<ReproductionPlan.PlannedRun> runs, int workers) throws IOException {
        int perRun = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt((Integer i) -> -runs.get(i).hiddenLayers())); // stable: seeds stay in order
        out.info(String.format(Locale.ROOT, "%d runs side by side, %d thread(s) each (the records do not depend on it)", workers, perRun));
        BlasThreads blas = BlasThreads.current(org.thermolearn.core.linalg.Linalg.auto());
        if (blas.threads() > perRun) {
            // measured: a deep3 epoch took 7-10 s instead of 1.0-1.2 s with two runs on two OpenBLAS threads each
            out.info(String.format(Locale.ROOT, "warning: native BLAS uses %d threads per run (%s), so %d runs side by side oversubscribe the"
                    + " %d cores and run several times slower; start with OPENBLAS_NUM_THREADS=%d (the thermolearn launcher sets 1) or use --parallel 1",
                    blas.threads(), blas.source(), workers, Runtime.getRuntime().availableProcessors(), perRun));
        }
        // a deque, so that the Gaussian check (about as long as a deep run) can go to the front once deep2-s1 is done
        // instead of running alone at the end
        LinkedBlockingDeque<Runnable> queue = new LinkedBlockingDeque<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "reproduce-run");
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads(); // every task then goes through the queue
        List<Future<?>> pending = new ArrayList<>();
        Object lock = new Object();
        try {
            for (int i : order) {
                ReproductionPlan.PlannedRun r = runs.get(i);
                Future<?> f = pool.submit(() -> {
                    runOne(r, i + 1, runs.size(), perRun);
                    if (r.name().equals(MCMC_RUN)) {
                        // the check needs only this run: it goes next, ahead of the runs still waiting
                        FutureTask<Void> check = new FutureTask<>(() -> {
                            gaussianCheck();
                            return null;
                        });
                        synchronized (lock) {
                            pending.add(check);
                        }
                        queue.offerFirst(check);
                    }
                    return null;
                });
                synchronized (lock) {
                    pending.add(f);
                }
            }
            boolean checkQueued = false;
            for (int k = 0; ; k++) {
                Future<?> f;
                synchronized (lock) {
                    if (k >= pending.size()) break;
                    f = pending.get(k);
                }
                await(f);
                synchronized (lock) {
                    checkQueued = pending.size() > runs.size();
                }
            }
            if (!checkQueued) gaussianCheck(); // e.g. no deep2-s1 in the plan: the check says why it is skipped
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a run", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }

    private void runOne(ReproductionPlan.PlannedRun r, int i, int n, int threads) throws IOException {
        Path dir = ReproductionPlan.runDir(root, r.name());
        String status = Files.isDirectory(dir) ? RunStatus.read(dir) : "missing";
        String head = String.format(Locale.ROOT, "[%d/%d] %s (%s)", i, n, r.name(), r.architecture());
        if (status.equals("done")) {
            out.info(head + ": done, skipped");
            return;
        }
        long t0 = System.nanoTime();
        RunListener tagged = tagged(r.name());
        try {
            if (Files.isRegularFile(dir.resolve(TrainingRun.RUN_JSON))) {
                out.info(head + ": resuming (status " + status + ")");
                TrainingRun.open(dir, tagged).threads(threads).resume();
            } else {
                out.info(head + ": starting");
                ObjectNode given = ConfigLoader.json().createObjectNode();
                given.put("reproduce", plan.scale().label());
                given.set("overrides", ConfigLoader.json().valueToTree(r.keys()));
                RunConfig c = r.config();
                TrainingRun.create(c, given, dir, tagged).threads(threads).execute();
            }
        } catch (RuntimeException | java.io.IOException e) {
            out.info(head + ": FAILED: " + e.getMessage() + " (the reproduction goes on; rerun to resume)");
            return;
        }
        out.info(String.format(Locale.ROOT, "%s: %s in %.0f s", head, RunStatus.read(dir), (System.nanoTime() - t0) * 1e-9));
    }

    private RunListener tagged(String name) {
        return new RunListener() {
            @Override
            public void info(String message) { out.info(name + ": " + message); }

            @Override
            public void checkpoint(String summaryLine) { out.checkpoint(name + ": " + summaryLine); }

            @Override
            public void epochSummary(int epoch, int epochs, double trainLoss, double accuracy, double seconds) {
                out.info(name + ": " + RunListener.epochLine(epoch, epochs, trainLoss, accuracy, seconds));
            }
        };
    }

    /** The Gaussian check on the last checkpoint of {@link #MCMC_RUN}, inputs clamped at its first training image. */
    public void gaussianCheck() throws IOException {
        Path file = root.resolve(MCMC_DIR).resolve(MCMC_JSON);
        if (Files.isRegularFile(file)) {
            out.info("gaussian check: " + file + " exists, skipped");
            return;
        }
        Path dir = ReproductionPlan.runDir(root, MCMC_RUN);
        if (!Files.isDirectory(dir)) {
            out.info("gaussian check: no run " + dir + "; skipped");
            return;
        }
        RunReader reader = RunReader.open(dir);
        List<Long> idx = reader.checkpoints();
        if (idx.isEmpty()) {
            out.info("gaussian check: " + dir + " has no checkpoint; skipped");
            return;
        }
        Checkpoint c = reader.checkpoint(idx.get(idx.size() - 1));
        Network net = c.network();
        RunConfig cfg = TrainingRun.open(dir, RunListener.plain()).config();
        RunData data = RunData.load(cfg);
        double[] u = Arrays.copyOfRange(data.train().inputs(), 0, net.layout().nIn());
        String source = MCMC_RUN + " checkpoint " + c.index() + " (epoch " + c.attributes().get("epoch") + ")";
        out.info("gaussian check: sampling e^{-βH} of " + net.layout() + " (" + source + "), inputs clamped at training image 0 (label "
                + data.train().labels()[0] + ")");
        GaussianCheck.Result res = new GaussianCheck(net, u).run(plan.scale().mcmc, 1, source,
                "clamped at training image 0 (label " + data.train().labels()[0] + ")", out::info);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(MCMC_JSON + ".tmp");
        Files.writeString(tmp, ConfigLoader.json().writerWithDefaultPrettyPrinter().writeValueAsString(res));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        out.info(String.format(Locale.ROOT, "gaussian check: done in %.0f s -> %s", res.seconds(), file));
    }
}
