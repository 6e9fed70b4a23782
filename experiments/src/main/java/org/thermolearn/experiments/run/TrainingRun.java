package org.thermolearn.experiments.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.loss.BoundaryLoss;
import org.thermolearn.core.loss.BoundaryLossResult;
import org.thermolearn.core.loss.BulkLoss;
import org.thermolearn.core.loss.BulkLossOptions;
import org.thermolearn.core.loss.BulkLossResult;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.DataFPrime;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Evaluation;
import org.thermolearn.core.train.Initialization;
import org.thermolearn.core.train.Loss;
import org.thermolearn.core.train.Samples;
import org.thermolearn.core.train.Trainer;
import org.thermolearn.core.train.TrainerState;
import org.thermolearn.experiments.cli.BadInputException;
import org.thermolearn.experiments.config.CheckpointSchedule;
import org.thermolearn.experiments.config.ConfigException;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.config.RunConfig;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ThermoAnalysis;
import org.thermolearn.thermo.ThermoAnalysisResult;
import org.thermolearn.thermo.layers.LayerSpectra;
import org.thermolearn.thermo.metric.Measurements;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.Checkpoint;
import org.thermolearn.thermo.record.CheckpointStore;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.MetricsWriter;
import org.thermolearn.thermo.record.ResumePlan;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.LayersWriter;
import org.thermolearn.thermo.record.SpectraWriter;
import org.thermolearn.thermo.record.SpectrumRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The main job (docs/DESIGN.md, "Data flow of one run"): train a network and, at every checkpoint of the
 * schedule, measure the losses (S3, S4), accuracies and the thermodynamics of the snapshot (thermo), then
 * append one row to metrics.arrow, one batch to spectra.arrow and layers.arrow (per-layer weight spectra) and one checkpoint file, each flushed
 * before training continues. A killed run is continued by {@link #resume}, bit-identically.
 */
public final class TrainingRun {

    public static final String RUN_JSON = "run.json";

    private final Path dir;
    private final RunConfig config;
    private final RunListener out;
    private final Linalg la;
    /** Training wall time of this session so far (for the live-figure budget). */
    private double sessionTrainSeconds;
    private RunData data;
    /** The probe set of the per-epoch accuracy, sliced once from {@link #probeSource} (see {@link #probeAccuracy}). */
    private Samples probe;
    private RunData probeSource;
    /** The heartbeat of the session that writes the run (renewed by a timer and at every checkpoint). */
    private Heartbeat.Beating heartbeat;
    /** The runaway-loss rule of this session (its count of epochs above the threshold goes into each checkpoint). */
    private Divergence.Runaway runaway;
    /** Java threads of the trainer and the bulk loss (the records do not depend on it, only the speed does). */
    private int threads = Trainer.defaultThreads();

    private TrainingRun(Path dir, RunConfig config, RunListener out) {
        this.dir = dir;
        this.config = config;
        this.out = out;
        this.la = Linalg.select(config.linalg());
    }

    /**
     * Prepares a new run directory (it must not exist, or be empty) and writes run.json and the status;
     * throws {@link BadInputException} before anything is written when the directory is unusable.
     */
    public static TrainingRun create(RunConfig config, ObjectNode givenConfig, Path dir, RunListener out) throws IOException {
        checkFreshDirectory(dir);
        TrainingRun run = new TrainingRun(dir, config, out);
        run.data = run.loadData(); // validates the architecture against the data before anything is written
        if (Files.exists(dir)) {
            checkFreshDirectory(dir); // again: another run may have taken it while the data loaded
        } else {
            try {
                if (dir.toAbsolutePath().getParent() != null) Files.createDirectories(dir.toAbsolutePath().getParent());
                Files.createDirectory(dir); // atomic: fails if another run created it meanwhile
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new BadInputException("output directory " + dir + " was just created by another process; runs are never overwritten: choose a new --output");
            } catch (IOException e) {
                throw new BadInputException("cannot create output directory " + dir + " (" + e.getMessage() + "); choose another --output");
            }
        }
        ObjectNode json = ConfigLoader.json().createObjectNode();
        json.set("given", givenConfig);
        json.set("config", ConfigLoader.json().valueToTree(config));
        json.set("provenance", ConfigLoader.json().valueToTree(Provenance.collect(run.la).asMap()));
        json.set("data", run.data.location().toJson());
        json.set("threads", BlasThreads.current(run.la).toJson());
        // atomically: a kill leaves no run.json or a whole one, never a torn one
        Path tmp = dir.resolve(RUN_JSON + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, ConfigLoader.json().writerWithDefaultPrettyPrinter().writeValueAsString(json),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        Files.move(tmp, dir.resolve(RUN_JSON), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Heartbeat.now(java.time.Instant.now()).write(dir); // before "running": a run killed from here on is seen as stale
        RunStatus.write(dir, "running");
        return run;
    }

    /** Opens an existing run directory for {@link #resume}. */
    public static TrainingRun open(Path dir, RunListener out) throws IOException {
        return new TrainingRun(dir, readConfig(dir), out);
    }

    /** The resolved configuration stored in a run directory's run.json. */
    public static RunConfig readConfig(Path dir) throws IOException {
        return ConfigLoader.fromTree(RunJson.read(dir).get("config"));
    }

    static void checkFreshDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new BadInputException("output " + dir + " exists and is a file; choose a new directory with --output");
            try (var s = Files.list(dir)) {
                // temporary files of a run killed before it wrote run.json do not make a directory a run
                if (s.anyMatch(p -> !p.getFileName().toString().endsWith(".tmp"))) {
                    throw new BadInputException("output directory " + dir + " already exists and is not empty; runs are never overwritten: "
                            + "choose a new --output, or continue it with `thermolearn resume " + dir + "`");
                }
            }
            if (!Files.isWritable(dir)) throw new BadInputException("output directory " + dir + " is not writable; choose another --output");
        } else {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) parent = parent.getParent();
            if (parent == null || !Files.isWritable(parent) || !Files.isDirectory(parent)) {
                throw new BadInputException("cannot create output directory " + dir + ": " + parent + " is not a writable directory; choose another --output");
            }
        }
    }

    public Path directory() { return dir; }

    /**
     * Runs the trainer's shards and the bulk loss's chunks on {@code n} Java threads (default min(2, cores)). The
     * records are the same bits for any n (ShardedSgdStep and BulkLoss split work independently of the thread count),
     * so a caller that runs several runs side by side (reproduce) gives each one thread.
     */
    public TrainingRun threads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        threads = n;
        return this;
    }

    public RunConfig config() { return config; }

    /** How a run ended: completed (status done) or stopped by divergence (status failed: diverged …). */
    public enum Outcome { DONE, DIVERGED }

    /** Runs from the start (checkpoint 0 = the initial network). */
    public Outcome execute() throws IOException {
        try (RunLock lock = RunLock.acquire(dir); Heartbeat.Beating beat = Heartbeat.Beating.start(dir)) {
            heartbeat = beat;
            return executeLocked();
        }
    }

    private Outcome executeLocked() throws IOException {
        return guarded(() -> {
            if (data == null) data = loadData();
            Trainer trainer = new Trainer(new TrainerState(initialNetwork(), null, null, 0), config.optimizer(), Loss.parse(config.loss()), config.batchSize(), config.seed(), la, threads);
            return loop(data, trainer, 0, 0, null);
        });
    }

    /** The initial network: a function of the configuration alone (init, scale, seed). */
    private Network initialNetwork() {
        return new Initialization(Initialization.parseKind(config.init()), config.initScale()).create(config.network(), config.seed());
    }

    private interface Work {
        Outcome run() throws IOException;
    }

    /** Runs the work; any failure is written to the status file (never hiding the original error) and rethrown. */
    private Outcome guarded(Work w) throws IOException {
        try {
            return w.run();
        } catch (RuntimeException | IOException | Error e) {
            try {
                RunStatus.write(dir, "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (IOException | RuntimeException s) {
                e.addSuppressed(s);
            }
            throw e;
        }
    }

    /** Continues from the last complete checkpoint; records after it are recomputed bit-identically. */
    public Outcome resume() throws IOException {
        try (RunLock lock = RunLock.acquire(dir)) {
            TempFiles.clean(dir, out); // left by a killed writer; nobody else writes here now (the lock)
            try (Heartbeat.Beating beat = Heartbeat.Beating.start(dir)) {
                heartbeat = beat;
                return resumeLocked();
            }
        }
    }

    private Outcome resumeLocked() throws IOException {
        String status = RunStatus.read(dir);
        long atMost = Long.MAX_VALUE; // a killed run: ResumePlan verifies what resuming needs
        if (status.equals("done") || status.startsWith("damaged")) {
            // a finished run is repaired: every record verified, resumed after the last sound checkpoint
            RunIntegrity integrity = RunIntegrity.check(dir);
            if (integrity.sound() && status.equals("done")) {
                out.info(dir + " is already done (records verified); nothing to resume");
                return Outcome.DONE;
            }
            if (!integrity.sound()) {
                out.info(integrity.describe());
                atMost = integrity.lastSound();
                RunStatus.write(dir, "damaged: resuming after checkpoint " + atMost);
            }
        }
        Optional<ResumePlan> plan = ResumePlan.find(dir, atMost);
        if (plan.isEmpty()) {
            out.info("no complete checkpoint in " + dir + "; starting it again from the beginning");
            for (String f : List.of(RunFiles.METRICS, RunFiles.SPECTRA, RunFiles.LAYERS)) Files.deleteIfExists(dir.resolve(f));
            RunStatus.write(dir, "running");
            return executeLocked();
        }
        return guarded(() -> resumeFrom(plan.get()));
    }

    private Outcome resumeFrom(ResumePlan p) throws IOException {
        Checkpoint c = p.checkpoint();
        int epoch = Integer.parseInt(c.attributes().get("epoch"));
        long step = Long.parseLong(c.attributes().get("step"));
        List<Block> blocks = c.network().weights().blocks();
        double[][] vw = new double[blocks.size()][];
        for (int k = 0; k < vw.length; k++) vw[k] = c.arrays().get("velocity." + k);
        boolean hasVelocity = vw.length > 0 && vw[0] != null;
        TrainerState state = new TrainerState(c.network(), hasVelocity ? vw : null, c.arrays().get("velocity.bias"), step);
        Trainer trainer = new Trainer(state, config.optimizer(), Loss.parse(config.loss()), config.batchSize(), config.seed(), la, threads);
        out.info(String.format(Locale.ROOT, "resuming %s from checkpoint %d (epoch %d, step %d)", dir, c.index(), epoch, step));
        data = loadData();
        data.location().checkUnchanged(RunJson.read(dir).get("data"), dir);
        BlasThreads.current(la).checkSame(RunJson.read(dir).get("threads"), dir);
        RunStatus.write(dir, "running");
        return loop(data, trainer, epoch, (int) p.nextCheckpoint(), p);
    }

    private RunData loadData() {
        if (!Loss.parse(config.loss()).withinTheory()) {
            out.info("warning: loss " + config.loss() + " is outside the theory (A14): softmax is not component-wise; "
                    + "G is computed with identity outputs and the run is marked outside_theory");
        }
        out.info("loading data…");
        RunData d = RunData.load(config);
        var l = config.network().layout();
        if (d.train().nIn() == l.nIn() && d.train().nOut() > l.nOut()) {
            throw new org.thermolearn.core.data.DataFormatException(java.nio.file.Path.of(d.location().dir().toString()), "the labels of "
                    + d.location().dir() + " run up to " + (d.train().nOut() - 1) + " but the architecture has " + l.nOut()
                    + " outputs: a label file holds a label outside 0.." + (l.nOut() - 1) + " (damaged?), or the data have "
                    + d.train().nOut() + " classes and the last width must be " + d.train().nOut());
        }
        if (d.train().nIn() != l.nIn() || d.train().nOut() != l.nOut()) {
            throw new ConfigException("architecture", config.architecture(), "the data (" + d.source() + ") has " + d.train().nIn()
                    + " inputs and " + d.train().nOut() + " classes; the first and last widths must be " + d.train().nIn() + " and " + d.train().nOut());
        }
        return d;
    }

    private Outcome loop(RunData data, Trainer trainer, int startEpoch, int nextIndex, ResumePlan resumed) throws IOException {
        CheckpointSchedule schedule = CheckpointSchedule.parse(config.checkpoints(), config.epochs());
        long stepsPerEpoch = config.stepsPerEpoch() > 0 ? config.stepsPerEpoch() : trainer.stepsPerEpoch(data.train().count());
        CheckpointStore store = new CheckpointStore(dir);
        long started = System.nanoTime();
        int index = nextIndex;
        double lossSum = 0;
        long lossEpochs = 0;
        double trainSeconds = 0;
        MetricsWriter metrics = null;
        SpectraWriter spectra = null;
        LayersWriter layers = null;
        try {
            Map<String, Double> previous = null;
            // L₀ of the runaway rule: the initial network's training loss, recomputed from the configuration on resume
            double initialLoss = Evaluation.of(initialNetwork(), data.train(), Loss.parse(config.loss()), la).meanLoss();
            runaway = new Divergence.Runaway(initialLoss, resumed == null ? 0
                    : Integer.parseInt(resumed.checkpoint().attributes().getOrDefault(Divergence.Runaway.ATTRIBUTE, "0")));
            if (resumed != null) {
                var kept = org.thermolearn.thermo.record.RunReader.readMetrics(RunFiles.metrics(dir));
                previous = rowAt(kept, resumed.keepBatches() - 1);
                metrics = resumed.reopenMetrics();
                spectra = resumed.reopenSpectra();
                layers = LayersWriter.reopenIfComplete(dir, resumed.keepBatches());
            }
            if (startEpoch == 0 && index == 0) {
                Row r = measure(0, trainer, data, Double.NaN, 0);
                metrics = MetricsWriter.create(RunFiles.metrics(dir), r.columns(), metadata());
                spectra = SpectraWriter.create(RunFiles.spectra(dir), metadata());
                layers = LayersWriter.create(RunFiles.layers(dir), metadata());
                record(r, trainer, store, metrics, spectra, layers, index++, started);
                previous = new LinkedHashMap<>(r.values());
            }
            for (int epoch = startEpoch + 1; epoch <= config.epochs(); epoch++) {
                out.epochStarted(epoch, config.epochs(), stepsPerEpoch);
                long t0 = System.nanoTime();
                double l = trainEpoch(trainer, data.train(), stepsPerEpoch);
                double epochSeconds = (System.nanoTime() - t0) * 1e-9;
                trainSeconds += epochSeconds;
                sessionTrainSeconds += epochSeconds;
                out.epochFinished(epoch);
                lossSum += l;
                lossEpochs++;
                Network now = trainer.snapshot();
                out.epochSummary(epoch, config.epochs(), l, now.hasNonFinite() ? Double.NaN : probeAccuracy(now, data), epochSeconds);
                String why = Divergence.afterEpoch(now, l);
                if (why == null) why = runaway.afterEpoch(epoch, l, epoch == config.epochs());
                if (why != null) return diverged(epoch, why);
                if (schedule.contains(epoch)) {
                    Row r = measure(epoch, trainer, data, lossSum / lossEpochs, trainSeconds);
                    why = Divergence.inRow(r.values(), previous);
                    if (why != null) return diverged(epoch, why);
                    record(r, trainer, store, metrics, spectra, layers, index++, started);
                    previous = new LinkedHashMap<>(r.values());
                    lossSum = 0;
                    lossEpochs = 0;
                    trainSeconds = 0;
                }
            }
            RunStatus.write(dir, "done");
            return Outcome.DONE;
        } finally {
            try {
                if (metrics != null) metrics.close();
            } finally {
                try {
                    if (spectra != null) spectra.close();
                } finally {
                    if (layers != null) layers.close();
                }
            }
        }
    }

    /** Marks the run failed: diverged (exit 3); every record up to the previous checkpoint stays. */
    private Outcome diverged(int epoch, String why) throws IOException {
        RunStatus.write(dir, "failed: diverged at epoch " + epoch + " (" + why + "; try a smaller learningRate)");
        out.info("diverged at epoch " + epoch + ": " + why + "; everything up to the previous checkpoint is kept in " + dir);
        return Outcome.DIVERGED;
    }

    private static Map<String, Double> rowAt(org.thermolearn.thermo.record.MetricsTable m, int k) {
        if (k < 0 || k >= m.rowCount()) return null;
        Map<String, Double> r = new LinkedHashMap<>();
        m.rows().get(k).forEach((name, v) -> { if (v instanceof Double d) r.put(name, d); });
        return r;
    }

    /**
     * Size of the fixed probe set of the per-epoch accuracy: one batched forward pass (a 1000-row gemm per block, about
     * 2 ms for 784-100-10, well under 1 % of an epoch).
     */
    public static final int PROBE_SAMPLES = 1000;

    /** Accuracy on the first {@value #PROBE_SAMPLES} validation samples (training samples when there is no validation set). */
    private double probeAccuracy(Network net, RunData data) {
        if (probeSource != data) {
            probeSource = data;
            Samples from = data.validation().count() > 0 ? data.validation() : data.train();
            probe = from.count() > PROBE_SAMPLES ? from.slice(0, PROBE_SAMPLES) : from;
        }
        if (probe.count() == 0) return Double.NaN;
        return Evaluation.of(net, probe, Loss.parse(config.loss()), la).accuracy();
    }

    private double trainEpoch(Trainer trainer, Samples train, long steps) {
        long chunk = Math.max(1, steps / 20);
        double sum = 0;
        long done = 0;
        while (done < steps) {
            long n = Math.min(chunk, steps - done);
            sum += trainer.trainSteps(train, n) * n;
            done += n;
            out.stepsDone(done);
        }
        return sum / steps;
    }

    /** One checkpoint's metrics row (values and column specs, in record order, from the {@link Metric} registry). */
    record Row(Metric.Row metrics, int epoch, long step, ThermoAnalysisResult analysis) {
        LinkedHashMap<String, Double> values() { return metrics.values(); }

        List<ColumnSpec> columns() { return metrics.specs(); }
    }

    private Row measure(int epoch, Trainer trainer, RunData data, double trainLoss, double trainSeconds) {
        Network net = trainer.snapshot();
        long t0 = System.nanoTime();
        Loss loss = Loss.parse(config.loss());
        double learningRate = trainer.learningRate(data.train().count());
        Samples sub = data.lossSubset();
        BoundaryLossResult boundary = null;
        BulkLossResult bulk = null;
        if (sub.count() > 0) {
            out.info("checkpoint at epoch " + epoch + ": boundary and bulk loss over " + sub.count() + " samples…");
            boundary = BoundaryLoss.evaluate(net, sub.inputs(), sub.targets(), la);
            bulk = new BulkLoss(la, BulkLossOptions.DEFAULT, threads).evaluate(net, sub.inputs(), sub.targets());
        }
        double trainAccuracy = Evaluation.of(net, data.train(), loss, la).accuracy();
        double validationAccuracy = data.validation().count() == 0 ? Double.NaN : Evaluation.of(net, data.validation(), loss, la).accuracy();
        double testAccuracy = Evaluation.of(net, data.test(), loss, la).accuracy();
        double measureSeconds = (System.nanoTime() - t0) * 1e-9;

        out.info("checkpoint at epoch " + epoch + ": operator G, spectra and ensemble…");
        ThermoAnalysisResult a = ThermoAnalysis.analyse(net, analysisOptions(net, sub), la);
        Measurements m = new Measurements(learningRate, trainLoss, boundary, bulk, trainAccuracy, validationAccuracy, testAccuracy,
                trainSeconds, measureSeconds, a);
        return new Row(Metric.row(m), epoch, trainer.step(), a);
    }

    private AnalysisOptions analysisOptions(Network net, Samples sub) {
        List<IntegrationSpace> spaces = new ArrayList<>();
        for (String s : config.spaceList()) spaces.add(s.equals("all") ? IntegrationSpace.ALL : IntegrationSpace.CLAMPED);
        AnalysisOptions o = AnalysisOptions.defaults().withSpaces(spaces.toArray(IntegrationSpace[]::new))
                .withMass(config.mass()).withBeta(config.beta())
                .withComplexity(config.lambdaC(), config.rankEpsilon(), config.mass() > 0 ? config.mass() : AnalysisOptions.defaults().complexityMass());
        o = config.routeChoice().apply(o);
        if ("data".equals(config.fprimeAt()) && sub.count() > 0) o = o.withDataFPrime(meanFPrimeAtData(net, sub, la));
        return o;
    }

    /** f′ averaged over the data fixed points of the loss subset (A2 option b); see {@link DataFPrime}. */
    static double[] meanFPrimeAtData(Network net, Samples sub, Linalg la) {
        return DataFPrime.mean(net, sub.inputs(), sub.count(), la);
    }

    private void record(Row r, Trainer trainer, CheckpointStore store, MetricsWriter metrics, SpectraWriter spectra, LayersWriter layers,
                        int index, long started)
            throws IOException {
        long t0 = System.nanoTime();
        TrainerState st = trainer.state();
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("epoch", String.valueOf(r.epoch()));
        attrs.put("step", String.valueOf(r.step()));
        attrs.put("seed", String.valueOf(config.seed()));
        if (runaway != null && runaway.above() > 0) attrs.put(Divergence.Runaway.ATTRIBUTE, String.valueOf(runaway.above()));
        Map<String, double[]> arrays = new LinkedHashMap<>();
        if (st.velocityW() != null && config.momentum() > 0) {
            for (int k = 0; k < st.velocityW().length; k++) arrays.put("velocity." + k, st.velocityW()[k]);
            arrays.put("velocity.bias", st.velocityB());
        }
        store.write(new Checkpoint(index, st.network(), attrs, arrays, Map.of()));
        List<SpectrumRow> rows = new ArrayList<>();
        for (SpaceAnalysis s : r.analysis().spaces()) rows.add(SpectrumRow.of(index, r.epoch(), r.step(), s));
        spectra.append(rows);
        if (layers != null) layers.append(index, r.epoch(), r.step(), LayerSpectra.of(st.network(), la)); // before the metrics row: resume relies on it
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("checkpoint", (long) index);
        row.put("epoch", (long) r.epoch());
        row.put("step", r.step());
        r.values().put(Metric.RECORD_SECONDS.column(), (System.nanoTime() - t0) * 1e-9);
        r.values().put(Metric.ELAPSED_SECONDS.column(), (System.nanoTime() - started) * 1e-9);
        row.putAll(r.values());
        metrics.append(row);
        if (heartbeat != null) heartbeat.beat();
        out.checkpoint(summary(index, r, config.spaceList()));
        out.recorded(dir, index, sessionTrainSeconds);
    }

    private Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            m.put("run_json", Files.readString(dir.resolve(RUN_JSON)));
        } catch (IOException e) {
            m.put("run_json", "unavailable");
        }
        m.put("architecture", config.architecture());
        if (!Loss.parse(config.loss()).withinTheory()) {
            m.put("outside_theory", "loss " + config.loss() + " applies softmax to the outputs: not component-wise, F' is not diagonal (A14); "
                    + "the spectra treat the outputs as identity neurons");
        }
        m.put("units", "losses in units of the loss (½Σ squared error); entropies in nats; times in seconds; T̂ in loss units");
        return m;
    }

    /**
     * The console line of a checkpoint: losses and test accuracy, then T̂, C_>(1) and γ of each
     * recorded space (labelled when there are several), then the times as recorded:
     * {@code train_seconds}, {@code measure_seconds} (losses and accuracies) and
     * {@code analysis_seconds} (operator G, spectra and ensemble).
     */
    static String summary(int index, Row r, List<String> spaces) {
        Map<String, Double> v = r.values();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "ckpt %2d  epoch %4d  U_∂ %.4e  U %.4e  test %.4f",
                index, r.epoch(), v.getOrDefault(Metric.U_BOUNDARY.column(), Double.NaN), v.getOrDefault(Metric.U_BULK.column(), Double.NaN),
                v.getOrDefault(Metric.TEST_ACCURACY.column(), Double.NaN)));
        for (String sp : spaces) {
            String tag = spaces.size() > 1 ? "[" + sp + "]" : "";
            b.append(String.format(Locale.ROOT, "  T̂%s %.3e  C>(1)%s %.3f  γ%s %+.3f", tag, v.getOrDefault(Metric.TEMPERATURE.base() + "_" + sp, Double.NaN),
                    tag, v.getOrDefault(Metric.C_GT.base() + "_" + sp, Double.NaN), tag, v.getOrDefault(Metric.SKEWNESS_NT.base() + "_" + sp, Double.NaN)));
        }
        if (spaces.size() == 1) b.append("  (").append(spaces.get(0)).append(')');
        b.append(String.format(Locale.ROOT, "  train %.1fs  losses %.1fs  analysis %.1fs", v.getOrDefault(Metric.TRAIN_SECONDS.column(), Double.NaN),
                v.getOrDefault(Metric.MEASURE_SECONDS.column(), Double.NaN), v.getOrDefault(Metric.ANALYSIS_SECONDS.column(), Double.NaN)));
        return b.toString();
    }
}
