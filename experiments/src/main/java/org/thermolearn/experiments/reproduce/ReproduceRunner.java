package org.thermolearn.experiments.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thermolearn.core.network.Network;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.config.RunConfig;
import org.thermolearn.experiments.run.RunData;
import org.thermolearn.experiments.run.RunListener;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.experiments.run.TrainingRun;
import org.thermolearn.thermo.record.Checkpoint;
import org.thermolearn.thermo.record.RunReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link ReproductionPlan} in sequence with resume: a run whose status is {@code done} is skipped, a
 * started one is resumed from its last complete checkpoint, a missing one is created. Then the Gaussian check
 * ({@link GaussianCheck}) on the trained deep2 seed-1 network, whose result goes to {@code mcmc/gaussian-check.json}
 * (skipped when that file exists). A failed run (e.g. diverged) is reported and the sequence goes on.
 */
public final class ReproduceRunner {

    public static final String MCMC_DIR = "mcmc";
    public static final String MCMC_JSON = "gaussian-check.json";
    /** The run whose trained network the Gaussian check samples. */
    public static final String MCMC_RUN = "deep2-s1";

    private final Path root;
    private final ReproductionPlan plan;
    private final RunListener out;

    public ReproduceRunner(Path root, ReproductionPlan plan, RunListener out) {
        this.root = root;
        this.plan = plan;
        this.out = out;
    }

    /** Runs every planned run (or only {@code only}, a run name or "mcmc"; null = all, then the check). */
    public void runAll(String only) throws IOException {
        plan.validate();
        plan.write(root);
        int i = 0;
        for (ReproductionPlan.PlannedRun r : plan.runs()) {
            i++;
            if (only != null && !only.equals(r.name())) continue;
            runOne(r, i, plan.runs().size());
        }
        if (only == null || only.equals("mcmc")) gaussianCheck();
    }

    private void runOne(ReproductionPlan.PlannedRun r, int i, int n) throws IOException {
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
                TrainingRun.open(dir, tagged).resume();
            } else {
                out.info(head + ": starting");
                ObjectNode given = ConfigLoader.json().createObjectNode();
                given.put("reproduce", plan.scale().label());
                given.set("overrides", ConfigLoader.json().valueToTree(r.keys()));
                RunConfig c = r.config();
                TrainingRun.create(c, given, dir, tagged).execute();
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
