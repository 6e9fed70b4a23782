package org.thermolearn.experiments.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.knowm.xchart.internal.chartpart.Chart;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.config.RunConfig;
import org.thermolearn.experiments.figures.FigureWriter;
import org.thermolearn.experiments.figures.RunFigures;
import org.thermolearn.experiments.run.RunListener;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.experiments.run.TrainingRun;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.metric.RunView;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.RunReader;
import org.thermolearn.thermo.record.SpectraTable;
import org.thermolearn.thermo.record.SpectrumRow;

/**
 * A run directory (what {@code thermolearn run} writes: run.json, metrics.arrow, spectra.arrow,
 * checkpoints/) opened for reading: its metric columns, checkpoints, spectra, networks and standard
 * figures. Open one with {@link ThermoLearn#open(Path)}, or make one with {@link ThermoLearn#run(String)}.
 *
 * <pre>{@code
 * Run run = ThermoLearn.open("runs/mnist-784-100-10-tanh-20260101-120000-s1");
 * System.out.println(run.print("epoch", "test_accuracy", "c_gt_1_all", "skewness_nt_all"));
 * run.plot("complexity", "c_gt_1_all", "c_gt_1_clamped").show();
 * run.heatMap(Space.ALL).show();
 * Net last = run.network(run.checkpoints().size() - 1);
 * }</pre>
 */
public final class Run {

    private final Path dir;
    private RunFigures.RunData data;

    private Run(Path dir) { this.dir = dir; }

    static Run open(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is not a directory; give a run directory made by `thermolearn run`");
        if (!Files.isRegularFile(RunFiles.metrics(dir))) {
            throw new IllegalArgumentException(dir + " has no " + RunFiles.METRICS + "; is it a run directory (made by `thermolearn run`)?");
        }
        return new Run(dir);
    }

    /** The run directory. */
    public Path directory() { return dir; }

    /** The directory name. */
    public String name() { return dir.toAbsolutePath().normalize().getFileName().toString(); }

    /** running, done or "failed: …". */
    public String status() {
        try {
            return RunStatus.read(dir);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The resolved configuration from run.json. */
    public RunConfig config() {
        try {
            return TrainingRun.readConfig(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(TrainingRun.RUN_JSON), e);
        }
    }

    private RunFigures.RunData data() {
        if (data == null) {
            try {
                data = RunFigures.load(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read run " + dir + ": " + e.getMessage(), e);
            }
        }
        return data;
    }

    /** metrics.arrow: one row per checkpoint, columns documented in docs/FORMAT.md. */
    public MetricsTable metrics() { return data().metrics(); }

    /** metrics.arrow as a {@link Table}. */
    public Table table() { return Table.read(RunFiles.metrics(dir)); }

    /** The metric column names. */
    public List<String> columns() { return metrics().names(); }

    /** One metric column (one value per checkpoint); a column the run did not record is an error naming it and the run. */
    public double[] column(String name) { return view().column(name); }

    /** One metric of the registry, e.g. {@code run.column(Metric.U_BULK)}. */
    public double[] column(Metric metric) { return view().column(metric); }

    /** One per-space metric of the registry, e.g. {@code run.column(Metric.C_GT, Space.ALL)}. */
    public double[] column(Metric metric, Space space) { return view().column(metric, space.toIntegrationSpace()); }

    /** The run's records through the one read side (metrics and spectra). */
    public RunView view() { return data().view(); }

    /** The epoch of every recorded checkpoint. */
    public double[] epochs() { return column("epoch"); }

    /** Indices of the checkpoint files (0 = the initial network). */
    public List<Long> checkpoints() {
        try {
            return RunReader.open(dir).checkpoints();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** spectra.arrow. */
    public SpectraTable spectra() { return data().spectra(); }

    /** The recorded non-trivial ln λ of Ĝ at a checkpoint in a space. */
    public double[] spectrum(long checkpoint, Space space) {
        for (SpectrumRow r : spectra().rows(space.label())) if (r.checkpoint() == checkpoint) return r.lnLambdaOrQuantiles().clone();
        throw new IllegalArgumentException("run " + name() + " has no " + space.label() + " spectrum at checkpoint " + checkpoint);
    }

    /** The network of a checkpoint, ready for {@link Net#analyse()}. */
    public Net network(long checkpoint) {
        try {
            return Net.of(RunReader.open(dir).checkpoint(checkpoint).network());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + checkpoint + " of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A plain-text table of the given metric columns, one row per checkpoint. */
    public String print(String... columns) { return table().print(columns); }

    /** The key numbers, one line per checkpoint (the CLI's checkpoint line). */
    public String summary() {
        List<String> want = new ArrayList<>();
        for (String c : List.of("checkpoint", "epoch", Metric.TEST_ACCURACY.column(), Metric.U_BOUNDARY.column(), Metric.U_BULK.column(), Metric.C_GT.column(IntegrationSpace.ALL), Metric.C_GT.column(IntegrationSpace.CLAMPED),
                Metric.SKEWNESS_NT.column(IntegrationSpace.ALL), Metric.SKEWNESS_NT.column(IntegrationSpace.CLAMPED), Metric.TEMPERATURE.column(IntegrationSpace.ALL))) {
            if (columns().contains(c)) want.add(c);
        }
        return name() + " (" + status() + ")\n" + print(want.toArray(String[]::new));
    }

    // ------------------------------------------------------------------ figures

    /** Metric columns against the epoch, one series each. */
    public Figure plot(String title, String... columns) {
        Figure f = Figure.lines(name() + ": " + title, "epoch", columns.length == 1 ? columns[0] : "value");
        double[] x = epochs();
        for (String c : columns) f.add(c, x, column(c));
        return f;
    }

    /** Heat map of the non-trivial ln λ over the checkpoints (§3.6, fixed bins A16). */
    public Figure heatMap(Space space) { return figure(RunFigures.spectrumHeatMap(data(), space.label(), RunFigures.Options.DEFAULT), "spectrum heat map"); }

    /** ln λ histograms at the first, middle and last checkpoint (§3.6). */
    public Figure histograms(Space space) { return figure(RunFigures.spectrumHistograms(data(), space.label(), RunFigures.Options.DEFAULT), "spectrum histograms"); }

    /** Complexity C_&gt;(1) (S21) against the epoch, both spaces (one panel each where their scales differ). */
    public Figure complexity() { return panels(RunFigures.complexityVsEpochPanels(data(), RunFigures.Options.DEFAULT), "complexity"); }

    /** Train/validation/test accuracy against the epoch. */
    public Figure accuracy() { return figure(RunFigures.accuracy(data(), RunFigures.Options.DEFAULT), "accuracy"); }

    /** Losses against the epoch. */
    public Figure losses() { return figure(RunFigures.losses(data(), RunFigures.Options.DEFAULT), "losses"); }

    /** Temperature T̂ (S23) and entropy S = S₀ + C (one panel per space where their scales differ). */
    public Figure temperature() { return panels(RunFigures.temperatureAndEntropyPanels(data(), RunFigures.Options.DEFAULT), "temperature and entropy"); }

    /** Third moment μ₃ and skewness γ (S35) (one panel per space where their scales differ). */
    public Figure moments() { return panels(RunFigures.momentsPanels(data(), RunFigures.Options.DEFAULT), "moments"); }

    /** log U_∂ against log U (§2.4). */
    public Figure lossPlane() { return figure(RunFigures.boundaryVsBulkLoss(data(), RunFigures.Options.DEFAULT), "boundary vs bulk loss"); }

    private Figure figure(Optional<? extends Chart<?, ?>> c, String what) {
        return Figure.of(c.orElseThrow(() -> noData(what)));
    }

    private Figure panels(Optional<FigureWriter.Panels> f, String what) {
        return Figure.of(f.orElseThrow(() -> noData(what)));
    }

    private IllegalStateException noData(String what) {
        return new IllegalStateException("run " + name() + " holds no data for the " + what + " figure");
    }

    /** Writes every standard figure into {@code <run>/figures/} (as {@code thermolearn report}) and returns the files. */
    public List<Path> writeFigures() {
        try {
            return RunFigures.writeAll(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Run[" + dir + ", " + status() + "]";
    }

    // ------------------------------------------------------------------ making runs

    /**
     * Settings of a recorded run: any key of the run configuration (experiments/src/main/resources/presets/
     * defaults.yaml) with {@link #set}, common ones by name. {@link #execute()} trains while recording
     * metrics.arrow, spectra.arrow and checkpoints, printing one line per checkpoint.
     */
    public static final class Builder {
        private final Map<String, Object> overrides = new LinkedHashMap<>();
        private Path output;
        private boolean verbose;

        Builder(String architecture) { overrides.put("architecture", architecture); }

        /** Any configuration key, e.g. {@code set("hiddenActivation", "sigmoid")}. */
        public Builder set(String key, Object value) {
            if (key.equals("output")) return output(Path.of(value.toString()));
            overrides.put(key, value);
            return this;
        }

        public Builder preset(String preset) { return set("preset", preset); }

        public Builder epochs(int epochs) { return set("epochs", epochs); }

        public Builder learningRate(double lr) { return set("learningRate", lr); }

        public Builder seed(long seed) { return set("seed", seed); }

        /** Training images used (the rest of the 60 000 validate). */
        public Builder trainCount(int n) { return set("trainCount", n); }

        /** Samples over which the bulk loss U (S4) is averaged at each checkpoint (0 skips it). */
        public Builder bulkSamples(int n) { return set("bulkSamples", n); }

        /** Test images evaluated at each checkpoint (0 = all 10 000). */
        public Builder testCount(int n) { return set("testCount", n); }

        /** Checkpoint schedule: "log" (default), "every:K" or a list "0,1,3". */
        public Builder checkpoints(String schedule) { return set("checkpoints", schedule); }

        /** β of the ensemble columns. */
        public Builder beta(double beta) { return set("beta", beta); }

        /** The run directory (must not exist or be empty); default a new temporary directory. */
        public Builder output(Path dir) {
            this.output = dir;
            return this;
        }

        /** Also print the run's progress messages (data loading, analysis phases). */
        public Builder verbose() {
            this.verbose = true;
            return this;
        }

        /** Trains and records; returns the finished run. */
        public Run execute() {
            try {
                Path dir = output != null ? output : Files.createTempDirectory("thermolearn-run-");
                Map<String, Object> ov = new LinkedHashMap<>(overrides);
                ov.put("output", dir.toString());
                RunConfig config = ConfigLoader.load(null, null, ov);
                ObjectNode given = ConfigLoader.json().valueToTree(ov);
                boolean v = verbose;
                RunListener listener = new RunListener() {
                    @Override
                    public void info(String message) { if (v) System.out.println(message); }

                    @Override
                    public void checkpoint(String summaryLine) {
                        System.out.println(summaryLine);
                        System.out.flush();
                    }
                };
                long t0 = System.nanoTime();
                TrainingRun.create(config, given, dir, listener).execute();
                Run r = Run.open(dir);
                System.out.println(String.format(Locale.ROOT, "run %s: %s in %.1f s", dir, r.status(), (System.nanoTime() - t0) * 1e-9));
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
