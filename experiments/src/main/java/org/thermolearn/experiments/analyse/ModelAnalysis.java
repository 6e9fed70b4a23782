package org.thermolearn.experiments.analyse;

import org.thermolearn.core.data.DataException;
import org.thermolearn.core.data.DataSplits;
import org.thermolearn.core.data.Dataset;
import org.thermolearn.core.data.IdxDirectory;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.loss.BoundaryLoss;
import org.thermolearn.core.loss.BoundaryLossResult;
import org.thermolearn.core.loss.BulkLoss;
import org.thermolearn.core.loss.BulkLossResult;
import org.thermolearn.core.model.ModelFiles;
import org.thermolearn.core.model.ModelFormatException;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.DataFPrime;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Evaluation;
import org.thermolearn.core.train.Loss;
import org.thermolearn.core.train.Samples;
import org.thermolearn.experiments.cli.BadInputException;
import org.thermolearn.experiments.figures.RunFigures;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.experiments.config.RouteChoice;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ThermoAnalysis;
import org.thermolearn.thermo.ThermoAnalysisResult;
import org.thermolearn.thermo.metric.Measurements;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.layers.LayerSpectra;
import org.thermolearn.thermo.layers.LayerSpectrum;
import org.thermolearn.thermo.record.Checkpoint;
import org.thermolearn.thermo.record.CheckpointStore;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.LayersWriter;
import org.thermolearn.thermo.record.MetricsWriter;
import org.thermolearn.thermo.record.RunFiles;
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

/**
 * {@code thermolearn analyse MODEL}: any saved feed-forward network (ONNX, .npz, safetensors; {@link ModelFiles})
 * under ThermoLearn's lens. Everything that can be wrong with the input (the model file, the data directory, the
 * output directory) is checked before anything is written; then one directory in the run format is written:
 * metrics.arrow with one row (checkpoint 0), spectra.arrow (the non-trivial ln λ of Ĝ (S11) in each space),
 * layers.arrow (the weight spectrum of every block of ŵ, {@link LayerSpectrum}), checkpoints/ckpt-0.arrow (the
 * network, so {@code thermolearn export} and the notebooks open it), analysis.json (what was read and how), a
 * status file ("done") and the figures: the run figures that one checkpoint allows and one ESD figure per layer.
 *
 * <p>With data (an IDX directory), the row also holds U_∂ (S3), U (S4), the test accuracy, T̂ (S23), and Ĝ is
 * taken with f′ averaged over the data fixed points (A2 b); without data, f′ at the bias (A2 default).
 */
public final class ModelAnalysis {

    /** What to analyse and how. */
    public record Request(Path model, Activation hidden, Activation outputActivation, Path dataDir, int samples, Path output, boolean figures,
                          RouteChoice route) {
        public Request {
            if (samples < 0) throw new BadInputException("--samples " + samples + ": give 0 (no bulk loss) or a positive count");
            if (route == null) route = RouteChoice.defaults();
            route.stochasticOptions(); // every route setting checked before anything is read or created
        }

        /** The default route (auto). */
        public Request(Path model, Activation hidden, Activation outputActivation, Path dataDir, int samples, Path output, boolean figures) {
            this(model, hidden, outputActivation, dataDir, samples, output, figures, RouteChoice.defaults());
        }

        public static Request of(Path model) {
            return new Request(model, Activation.TANH, Activation.IDENTITY, null, 500, null, true);
        }
    }

    /** What was written and computed. */
    public record Result(Path directory, Network network, Map<String, Double> metrics, ThermoAnalysisResult analysis,
                         List<LayerSpectrum> layers, List<Path> figures, double seconds) {

        /** The terminal table: one line per layer (WeightWatcher's columns) and the G summary. */
        public String table() { return ModelAnalysis.table(this); }
    }

    private ModelAnalysis() { }

    /** The default output directory: {@code runs/analyse-<model name>}, numbered when it exists. */
    public static Path defaultOutput(Path model) {
        String base = model.getFileName().toString().replaceAll("\\.[A-Za-z]+$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        Path p = Path.of("runs", "analyse-" + base);
        for (int i = 2; Files.exists(p); i++) p = Path.of("runs", "analyse-" + base + "-" + i);
        return p;
    }

    /** Reads, checks, analyses and writes; throws {@link BadInputException} before writing anything when the input is bad. */
    public static Result run(Request r, Linalg la) throws IOException {
        long t0 = System.nanoTime();
        Network net;
        try {
            net = ModelFiles.read(r.model(), r.hidden(), r.outputActivation());
        } catch (ModelFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        if (net.hasNonFinite()) throw new BadInputException(r.model() + ": weights hold NaN or Inf; analyse a finite checkpoint");
        DataSplits data = null;
        if (r.dataDir() != null) {
            try {
                data = IdxDirectory.load(r.dataDir(), r.dataDir().getFileName().toString(), Math.max(r.samples(), 1));
            } catch (DataException e) {
                throw new BadInputException(e.getMessage());
            }
            if (data.train().features() != net.layout().nIn() || data.train().classes() != net.layout().nOut()) {
                throw new BadInputException("the data in " + r.dataDir() + " have " + data.train().features() + " inputs and " + data.train().classes()
                        + " classes but the model " + r.model() + " is " + net.layout() + "; give the data the model was trained on");
            }
        }
        Path out = r.output() == null ? defaultOutput(r.model()) : r.output();
        checkFresh(out);

        Samples sub = null;
        BoundaryLossResult boundary = null;
        BulkLossResult bulk = null;
        double testAccuracy = Double.NaN;
        long m0 = System.nanoTime();
        if (data != null) {
            Samples train = samples(data.train());
            sub = train.slice(0, Math.min(r.samples(), train.count()));
            if (sub.count() > 0) {
                boundary = BoundaryLoss.evaluate(net, sub.inputs(), sub.targets(), la);
                bulk = new BulkLoss(la).evaluate(net, sub.inputs(), sub.targets());
            }
            testAccuracy = Evaluation.of(net, samples(data.test()), Loss.SQUARED_ERROR, la).accuracy();
        }
        double measureSeconds = (System.nanoTime() - m0) * 1e-9;
        AnalysisOptions o = r.route().apply(AnalysisOptions.defaults());
        if (sub != null && sub.count() > 0) o = o.withDataFPrime(DataFPrime.mean(net, sub.inputs(), sub.count(), la));
        ThermoAnalysisResult a;
        try {
            a = ThermoAnalysis.analyse(net, o, la);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a recurrent ŵ on the stochastic route, an exact route too large for dense matrices: the thermo message names the fix
            throw new BadInputException(r.model() + ": " + e.getMessage().replace("Route.DENSE or AUTO", "--route exact")
                    .replace("(Route.STOCHASTIC or AUTO)", "(--route stochastic or auto)"));
        }
        // the same columns as a training run's checkpoint (the Metric registry); what a saved model cannot tell is NaN
        Metric.Row metricRow = Metric.row(new Measurements(Double.NaN, Double.NaN, boundary, bulk, Double.NaN, Double.NaN, testAccuracy,
                Double.NaN, measureSeconds, a));
        Map<String, Double> v = new LinkedHashMap<>(metricRow.values());
        long l0 = System.nanoTime();
        List<LayerSpectrum> layers = LayerSpectra.of(net, la);
        v.put("layers_seconds", (System.nanoTime() - l0) * 1e-9);

        Files.createDirectories(out);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("architecture", architecture(net));
        meta.put("source_model", r.model().toAbsolutePath().toString());
        meta.put("analysis_json", json(r, net, data != null));
        Files.writeString(out.resolve("analysis.json"), meta.get("analysis_json"));
        RunStatus.write(out, "analysing");
        List<ColumnSpec> cols = new ArrayList<>(metricRow.specs());
        cols.add(ColumnSpec.float64("layers_seconds", "s", "wall time of the per-layer weight spectra (layers.arrow)", ""));
        v.put(Metric.RECORD_SECONDS.column(), 0.0);
        v.put(Metric.ELAPSED_SECONDS.column(), (System.nanoTime() - t0) * 1e-9);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("checkpoint", 0L);
        row.put("epoch", 0L);
        row.put("step", 0L);
        row.putAll(v);
        try (MetricsWriter mw = MetricsWriter.create(RunFiles.metrics(out), cols, meta)) {
            mw.append(row);
        }
        try (SpectraWriter sw = SpectraWriter.create(RunFiles.spectra(out), meta)) {
            List<SpectrumRow> rows = new ArrayList<>();
            for (SpaceAnalysis s : a.spaces()) {
                rows.add(SpectrumRow.of(0, 0, 0, s));
            }
            sw.append(rows);
        }
        try (LayersWriter lw = LayersWriter.create(RunFiles.layers(out), meta)) {
            lw.append(0, 0, 0, layers);
        }
        new CheckpointStore(out).write(new Checkpoint(0, net, Map.of("epoch", "0", "step", "0", "source", r.model().toString()), Map.of(), Map.of()));
        List<Path> figs = new ArrayList<>();
        if (r.figures()) {
            figs.addAll(RunFigures.writeAll(out));
            figs.addAll(LayerFigures.writeAll(out, layers));
        }
        RunStatus.write(out, "done");
        return new Result(out, net, v, a, layers, figs, (System.nanoTime() - t0) * 1e-9);
    }

    static String architecture(Network net) {
        StringBuilder b = new StringBuilder(net.layout().toString());
        boolean first = true;
        for (var bl : net.weights().blocks()) {
            if (bl.to() == bl.from() + 1) continue;
            b.append(first ? "+" : ",").append(bl.from()).append('>').append(bl.to());
            first = false;
        }
        return b.toString();
    }

    private static String json(Request r, Network net, boolean data) {
        return String.format(Locale.ROOT, "{%n  \"model\": \"%s\",%n  \"format\": \"%s\",%n  \"architecture\": \"%s\",%n  \"hidden_activation\": \"%s\",%n"
                        + "  \"output_activation\": \"%s\",%n  \"data\": %s,%n  \"samples\": %d,%n  \"fprime_at\": \"%s\"%n}%n",
                esc(r.model().toAbsolutePath().toString()), ModelFiles.formatOf(r.model()).name().toLowerCase(Locale.ROOT), architecture(net),
                net.hiddenActivation().name().toLowerCase(Locale.ROOT), net.outputActivation().name().toLowerCase(Locale.ROOT),
                r.dataDir() == null ? "null" : "\"" + esc(r.dataDir().toAbsolutePath().toString()) + "\"", r.samples(), data ? "data" : "bias");
    }

    private static String esc(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\""); }

    private static void checkFresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new BadInputException("output " + dir + " exists and is a file; choose a new directory with --output");
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new BadInputException("output directory " + dir + " already exists and is not empty; nothing is overwritten: choose a new --output");
                }
            }
        } else {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) parent = parent.getParent();
            if (parent == null || !Files.isWritable(parent) || !Files.isDirectory(parent)) {
                throw new BadInputException("cannot create output directory " + dir + ": " + parent + " is not a writable directory; choose another --output");
            }
        }
    }

    private static Samples samples(Dataset d) {
        return new Samples(d.images(), d.oneHot(0, 1), d.labels(), d.count(), d.features(), d.classes());
    }

    static String table(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %s, %s hidden / %s output, %d blocks%n", r.directory(), architecture(r.network()),
                r.network().hiddenActivation().name().toLowerCase(Locale.ROOT), r.network().outputActivation().name().toLowerCase(Locale.ROOT),
                r.layers().size()));
        b.append(String.format(Locale.ROOT, "%5s %-10s %9s %5s %7s %9s %6s %6s %9s %9s %9s %8s%n", "layer", "block", "shape", "M", "alpha",
                "x_min", "KS D", "tail", "alpha_hat", "log_spec", "log_fro", "st_rank"));
        for (LayerSpectrum l : r.layers()) {
            b.append(String.format(Locale.ROOT, "%5d %-10s %9s %5d %7.3f %9.3e %6.3f %6d %9.3f %9.3f %9.3f %8.2f%n", l.layer(), l.from() + "->" + l.to(),
                    l.rows() + "x" + l.cols(), l.eigenvalues().length, l.fit().alpha(), l.fit().xMin(), l.fit().ksDistance(), l.fit().nTail(),
                    l.alphaHat(), l.logSpectralNorm(), l.logFrobeniusNorm(), l.stableRank()));
        }
        Map<String, Double> m = r.metrics();
        for (SpaceAnalysis s : r.analysis().spaces()) {
            String sp = "_" + s.space().label();
            b.append(String.format(Locale.ROOT, "G (%s, N_G %d): %d non-trivial ln λ in [%.3f, %.3f], skewness %.3f, C>(1) %.3f%n", s.space().label(),
                    s.nG(), s.nG() - s.nTrivial(), m.getOrDefault("ln_lambda_min" + sp, Double.NaN), m.getOrDefault("ln_lambda_max" + sp, Double.NaN),
                    m.getOrDefault("skewness_nt" + sp, Double.NaN), s.complexity().cGt()));
        }
        if (Double.isFinite(m.getOrDefault("test_accuracy", Double.NaN))) {
            b.append(String.format(Locale.ROOT, "data: U_∂ %.4e  U %.4e  test accuracy %.4f  T̂(all) %.3e%n", m.getOrDefault("u_boundary", Double.NaN),
                    m.getOrDefault("u_bulk", Double.NaN), m.get("test_accuracy"), m.getOrDefault("temperature_all", Double.NaN)));
        }
        b.append(String.format(Locale.ROOT, "%.2f s (G %.2f s, layers %.2f s); wrote metrics.arrow, spectra.arrow, layers.arrow, %d figures%n",
                r.seconds(), m.getOrDefault("analysis_seconds", Double.NaN), m.get("layers_seconds"), r.figures().size()));
        return b.toString();
    }
}
