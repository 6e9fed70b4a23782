package org.thermolearn.experiments.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.metric.RunView;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.SpectraTable;
import org.thermolearn.thermo.record.SpectrumRow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The standard figures of one run directory, drawn from {@code metrics.arrow} and
 * {@code spectra.arrow} with XChart and written as PNG, SVG and PDF ({@link FigureWriter}) into {@code <run>/figures/}: what the
 * paper plots (theory.md §2.4, §3.5, §3.6, §4, §5.4) — the spectrum of G as a heat map over
 * checkpoints with a fixed bin range per run (§9 A16) and as init / middle / end histograms,
 * log U_∂ against log U, complexity C_>(1) (S21), temperature T̂ (S23) with entropy S = S₀ + C,
 * the third moment μ₃ and skewness γ (S35), accuracies and losses.
 *
 * <p>Every figure is drawn only from the columns it needs; a run that lacks a column (or a
 * spectra file) simply gets no such figure, with a log line saying why. NaN or infinite values
 * are dropped point by point. The per-figure methods return the XChart chart for notebooks, or
 * empty when the run holds nothing to draw.
 */
public final class RunFigures {

    private static final Logger LOG = LoggerFactory.getLogger(RunFigures.class);

    /** The integration spaces, in drawing order. */
    public static final List<String> SPACES = List.of(SpectrumRow.ALL, SpectrumRow.CLAMPED);

    /** Sub-directory of the run directory that receives the figure files. */
    public static final String FIGURES_DIR = "figures";

    private static final Color[] SPACE_COLOURS = ChartStyle.SPACE_COLOURS.toArray(Color[]::new);
    private static final Color[] LINE_COLOURS = ChartStyle.SERIES_COLOURS.toArray(Color[]::new);

    private RunFigures() { }

    /**
     * Drawing options.
     *
     * @param width  image width in pixels
     * @param height image height in pixels
     * @param bins   number of ln λ bins of the spectrum heat map and histograms (A16: 60)
     * @param logEpochAbove use a logarithmic epoch axis (plotting epoch + 1) when the largest epoch
     *                      exceeds this; linear otherwise
     */
    public record Options(int width, int height, int bins, double logEpochAbove) {
        public static final Options DEFAULT = new Options(900, 600, 60, 20);

        public Options {
            if (width < 100 || height < 100) throw new IllegalArgumentException("figure size " + width + "×" + height + " is below 100×100 pixels");
            if (bins < 2) throw new IllegalArgumentException("need at least 2 spectrum bins, got " + bins);
        }
    }

    /**
     * What the figures are drawn from: the run's records through the one read side ({@link RunView}:
     * its name, metrics and spectra, either of which may be absent) and an architecture label if the
     * run's metadata names one.
     */
    public record RunData(RunView view, String architecture) {

        /** The run's name (its directory name). */
        public String name() { return view.name(); }

        /** metrics.arrow, or null when the run has none yet. */
        public MetricsTable metrics() { return view.metrics(); }

        /** spectra.arrow, or null when the run has none yet. */
        public SpectraTable spectra() { return view.spectra(); }

        /** The title prefix: run name, plus the architecture when known and not already in the name. */
        public String label() {
            if (architecture == null || architecture.isBlank() || name().contains(architecture)) return name();
            return name() + " · " + architecture;
        }

        /** True if the metrics table has this column. */
        public boolean has(String column) { return view.has(column); }

        /** The column, or null if absent (figures skip what a run did not record). */
        public double[] column(String column) { return has(column) ? view.column(column) : null; }
    }

    /**
     * The fixed ln λ binning of one space of one run (A16): {@code bins} equal bins over the
     * global [min, max] of the finite non-trivial ln λ of all its checkpoints.
     */
    public record SpectrumBins(double lo, double hi, int bins) {
        public double width() { return (hi - lo) / bins; }

        public double edge(int i) { return lo + i * width(); }

        public double centre(int i) { return lo + (i + 0.5) * width(); }

        /**
         * The same range binned with a round width (1, 2 or 5 times a power of ten, at most this
         * width) whose bin centres are multiples of the width, so heat-map rows sit at round ln λ.
         */
        public SpectrumBins rounded() {
            double w = ChartStyle.niceStep(width());
            if (w > width() * (1 + 1e-9)) w = ChartStyle.niceStep(width() / 2.5);
            double l = w * (Math.floor(lo / w + 0.5) - 0.5), h = w * (Math.ceil(hi / w - 0.5) + 0.5);
            return new SpectrumBins(l, h, Math.max(1, (int) Math.round((h - l) / w)));
        }

        /** Counts of the finite values per bin; the maximum lands in the last bin. */
        public int[] count(double[] values) {
            int[] c = new int[bins];
            for (double v : values) {
                if (!Double.isFinite(v) || v < lo || v > hi) continue;
                int i = (int) Math.floor((v - lo) / width());
                c[Math.min(Math.max(i, 0), bins - 1)]++;
            }
            return c;
        }
    }

    // ------------------------------------------------------------------ entry points

    /** {@link #writeAll(Path, Options)} with {@link Options#DEFAULT}. */
    public static List<Path> writeAll(Path runDir) throws IOException { return writeAll(runDir, Options.DEFAULT); }

    /** {@link #writeAll(Path, Options, Set)} as PNG, SVG and PDF. */
    public static List<Path> writeAll(Path runDir, Options o) throws IOException { return writeAll(runDir, o, FigureWriter.ALL); }

    /**
     * Draws every figure the run's data allow and writes them into {@code runDir/figures/} in the
     * given formats (each file written atomically). Where the two integration spaces live on
     * different scales (one range over three times the other, or not overlapping), the
     * per-space figures get one panel per space instead of one shared axis.
     *
     * @return the PNG files written (the first format's file when PNG is not asked for), in drawing order
     * @throws IOException if the run directory cannot be read or the figures directory written
     */
    public static List<Path> writeAll(Path runDir, Options o, Set<FigureWriter.Format> formats) throws IOException {
        RunData run = load(runDir);
        Path out = runDir.resolve(FIGURES_DIR);
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        for (String space : SPACES) {
            save(spectrumHeatMap(run, space, o), out, "spectrum_heatmap_" + space, formats, written);
            save(spectrumHistograms(run, space, o), out, "spectrum_histograms_" + space, formats, written);
        }
        save(boundaryVsBulkLoss(run, o), out, "loss_boundary_vs_bulk", formats, written);
        saveFigure(complexityVsEpochPanels(run, o), out, "complexity_vs_epoch", formats, written);
        saveFigure(perSpace(run, sp -> complexityVsBoundaryLoss(run, o, sp), Metric.C_GT.base() + "_"), out, "complexity_vs_boundary_loss", formats, written);
        saveFigure(temperatureAndEntropyPanels(run, o), out, "temperature_entropy", formats, written);
        saveFigure(momentsPanels(run, o), out, "moments", formats, written);
        save(accuracy(run, o), out, "accuracy", formats, written);
        save(losses(run, o), out, "losses", formats, written);
        LOG.debug("{}: wrote {} figures into {}", run.name(), written.size(), out);
        return written;
    }

    /**
     * True if a metric lives on different scales in the two spaces: for some prefix the finite
     * values of the spaces do not overlap, or the joint range exceeds three times the smaller one.
     */
    public static boolean scalesDiffer(RunData run, String... prefixes) {
        for (String p : prefixes) {
            double[][] r = new double[SPACES.size()][];
            for (int k = 0; k < SPACES.size(); k++) r[k] = range(run.column(p + SPACES.get(k)));
            if (r[0] == null || r[1] == null) continue;
            double lo = Math.min(r[0][0], r[1][0]), hi = Math.max(r[0][1], r[1][1]);
            double small = Math.min(r[0][1] - r[0][0], r[1][1] - r[1][0]);
            boolean disjoint = r[0][1] < r[1][0] || r[1][1] < r[0][0];
            if (disjoint || hi - lo > 3 * Math.max(small, 1e-300)) return true;
        }
        return false;
    }

    private static double[] range(double[] v) {
        if (v == null) return null;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (!Double.isFinite(d)) continue;
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return lo > hi ? null : new double[] {lo, hi};
    }

    private static void saveFigure(Optional<FigureWriter.Panels> figure, Path dir, String base, Set<FigureWriter.Format> formats,
                                   List<Path> written) throws IOException {
        if (figure.isPresent()) write(dir, base, figure.get(), formats, written);
    }

    /**
     * A per-space figure: one chart of both spaces, or one panel per space where their scales differ
     * ({@link #scalesDiffer} for the given column prefixes); empty when the run holds no data for it.
     */
    public static Optional<FigureWriter.Panels> perSpace(RunData run, java.util.function.Function<List<String>, Optional<XYChart>> draw,
                                                         String... prefixes) {
        if (!scalesDiffer(run, prefixes)) return draw.apply(SPACES).map(FigureWriter.Panels::of);
        List<XYChart> panels = new ArrayList<>();
        for (String sp : SPACES) draw.apply(List.of(sp)).ifPresent(panels::add);
        return panels.isEmpty() ? Optional.empty() : Optional.of(FigureWriter.Panels.row(panels));
    }

    /** Complexity against the epoch, per space where the scales differ. */
    public static Optional<FigureWriter.Panels> complexityVsEpochPanels(RunData run, Options o) {
        return perSpace(run, sp -> complexityVsEpoch(run, o, sp), Metric.C_GT.base() + "_");
    }

    /** Temperature and entropy against the epoch, per space where the scales differ. */
    public static Optional<FigureWriter.Panels> temperatureAndEntropyPanels(RunData run, Options o) {
        return perSpace(run, sp -> temperatureAndEntropy(run, o, sp), Metric.TEMPERATURE.base() + "_", Metric.S_TOTAL.base() + "_");
    }

    /** μ₃ and skewness against the epoch, per space where the scales differ. */
    public static Optional<FigureWriter.Panels> momentsPanels(RunData run, Options o) {
        return perSpace(run, sp -> moments(run, o, sp), Metric.MU3_NT.base() + "_", Metric.SKEWNESS_NT.base() + "_");
    }

    private static void save(Optional<? extends Chart<?, ?>> chart, Path dir, String base, Set<FigureWriter.Format> formats,
                             List<Path> written) throws IOException {
        if (chart.isPresent()) write(dir, base, FigureWriter.Panels.of(chart.get()), formats, written);
    }

    /** Writes one figure; a rendering failure is logged and skips only that figure. */
    private static void write(Path dir, String base, FigureWriter.Panels fig, Set<FigureWriter.Format> formats, List<Path> written)
            throws IOException {
        try {
            written.add(FigureWriter.write(dir, base, fig, formats));
        } catch (IOException e) {
            if (e.getCause() instanceof RuntimeException) LOG.warn("{}: could not render figure {}: {}", dir, base, e.getMessage());
            else throw e;
        }
    }

    private static String spaceSuffix(List<String> spaces) { return spaces.size() == 1 ? " (" + spaces.get(0) + ")" : ""; }

    private static Color spaceColour(String space) {
        int k = SPACES.indexOf(space);
        return SPACE_COLOURS[Math.max(k, 0) % SPACE_COLOURS.length];
    }

    private static String[] cols(List<String> spaces, String... prefixes) {
        List<String> l = new ArrayList<>();
        for (String p : prefixes) for (String sp : spaces) l.add(p + sp);
        return l.toArray(String[]::new);
    }

    /**
     * Reads what the figures need from a run directory. A missing metrics or spectra file leaves
     * that table null (logged); a damaged one throws.
     */
    public static RunData load(Path runDir) throws IOException {
        RunView v = RunView.open(runDir);
        if (v.metrics() == null) LOG.debug("{}: no {}; metric figures skipped", runDir, RunFiles.METRICS);
        if (v.spectra() == null) LOG.debug("{}: no {}; spectrum figures skipped", runDir, RunFiles.SPECTRA);
        return new RunData(v, architecture(runDir, v.metrics(), v.spectra()));
    }

    // ------------------------------------------------------------------ spectrum figures

    /**
     * The fixed binning of one space (A16), or empty when the space has no finite non-trivial ln λ.
     */
    public static Optional<SpectrumBins> fixedBins(List<SpectrumRow> rows, int bins) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (SpectrumRow r : rows) {
            for (double v : r.lnLambdaOrQuantiles()) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return Optional.empty();
        if (hi - lo < 1e-12) {
            lo -= 0.5;
            hi += 0.5;
        }
        return Optional.of(new SpectrumBins(lo, hi, bins));
    }

    /**
     * Heat map of the non-trivial ln λ of G in one space (§3.6): x = checkpoint (labelled with its
     * epoch), y = ln λ bin (fixed range over the run, A16, with a round bin width whose centres
     * fall on round values), colour = number of eigenvalues on a logarithmic scale, explained by
     * the labelled colour bar on the right.
     */
    public static Optional<HeatMapChart> spectrumHeatMap(RunData run, String space, Options o) {
        List<SpectrumRow> rows = spectrumRows(run, space, "spectrum heat map");
        if (rows == null) return Optional.empty();
        Optional<SpectrumBins> ob = fixedBins(rows, o.bins());
        if (ob.isEmpty()) {
            LOG.debug("{}: space '{}' has no finite non-trivial ln λ; spectrum heat map skipped", run.name(), space);
            return Optional.empty();
        }
        SpectrumBins b = ob.get().rounded();
        List<String> xs = sparse(epochLabels(rows), 14);
        // Label the bins whose centre is a round value; the others get distinct blank labels
        // (categories must differ) so the labels do not overprint.
        double labelStep = ChartStyle.niceStep((b.hi() - b.lo()) / 8);
        List<String> ys = new ArrayList<>();
        for (int j = 0; j < b.bins(); j++) {
            double c = b.centre(j), q = c / labelStep;
            ys.add(Math.abs(q - Math.rint(q)) < 1e-6 ? ChartStyle.tick(labelStep * Math.rint(q)) : " ".repeat(j + 1));
        }
        List<Number[]> heat = new ArrayList<>();
        int max = 0;
        for (int i = 0; i < rows.size(); i++) {
            int[] c = b.count(rows.get(i).lnLambdaOrQuantiles());
            for (int j = 0; j < c.length; j++) {
                if (c[j] > 0) heat.add(new Number[] {i, j, Math.log10(c[j])}); // empty bins stay background-white
                max = Math.max(max, c[j]);
            }
        }
        HeatMapChart chart = ChartStyle.heatMap(o.width(), o.height(), run.label() + " — spectrum of G (" + space + "): non-trivial ln λ",
                rows.size() > 1 ? "checkpoint, labelled by epoch" : "epoch",
                "ln λ  (bins of " + ChartStyle.number(b.width()) + ", fixed over the run)", max, "eigenvalues per bin (log colour scale)");
        chart.addSeries("eigenvalues per bin", xs, ys, heat);
        if (xs.size() > 12) chart.getStyler().setXAxisLabelRotation(90);
        return Optional.of(chart);
    }

    /** Keeps about {@code n} evenly spread labels (always the first and last); the others become distinct blanks. */
    private static List<String> sparse(List<String> labels, int n) {
        if (labels.size() <= n) return labels;
        int every = (int) Math.ceil(labels.size() / (double) n);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            boolean keep = i % every == 0 || i == labels.size() - 1;
            if (i != labels.size() - 1 && labels.size() - 1 - i < every / 2 + 1 && i % every == 0 && i != 0) keep = false;
            out.add(keep ? labels.get(i) : " ".repeat(i + 1));
        }
        return out;
    }

    /**
     * Histograms of the non-trivial ln λ in one space at the first, middle and last checkpoint
     * ("init / middle / end", §3.6), as overlaid step lines on the run's fixed bins (A16).
     */
    public static Optional<XYChart> spectrumHistograms(RunData run, String space, Options o) {
        List<SpectrumRow> rows = spectrumRows(run, space, "spectrum histograms");
        if (rows == null) return Optional.empty();
        Optional<SpectrumBins> ob = fixedBins(rows, o.bins());
        if (ob.isEmpty()) {
            LOG.debug("{}: space '{}' has no finite non-trivial ln λ; spectrum histograms skipped", run.name(), space);
            return Optional.empty();
        }
        SpectrumBins b = ob.get().rounded();
        List<Integer> pick = new ArrayList<>(List.of(0, rows.size() / 2, rows.size() - 1));
        List<String> role = new ArrayList<>(List.of("init", "middle", "end"));
        if (rows.size() < 3) {
            pick = rows.size() == 1 ? List.of(0) : List.of(0, 1);
            role = rows.size() == 1 ? List.of("init") : List.of("init", "end");
        }
        XYChart chart = xyChart(o, run.label() + " — spectrum of G (" + space + "): init / middle / end",
                "ln λ (non-trivial eigenvalues)", "eigenvalues per bin (bin width " + ChartStyle.number(b.width()) + ")");
        for (int k = 0; k < pick.size(); k++) {
            SpectrumRow r = rows.get(pick.get(k));
            int[] c = b.count(r.lnLambdaOrQuantiles());
            double[] x = new double[2 * b.bins() + 2];
            double[] y = new double[x.length];
            x[0] = b.edge(0);
            y[0] = 0;
            for (int j = 0; j < b.bins(); j++) {
                x[2 * j + 1] = b.edge(j);
                y[2 * j + 1] = c[j];
                x[2 * j + 2] = b.edge(j + 1);
                y[2 * j + 2] = c[j];
            }
            x[x.length - 1] = b.edge(b.bins());
            y[y.length - 1] = 0;
            String name = String.format(Locale.ROOT, "%s: epoch %s  (N_nt = %d, N_trivial = %d)", role.get(k), ChartStyle.number(r.epoch()),
                    finiteCount(r.lnLambdaOrQuantiles()), r.nTrivial());
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(LINE_COLOURS[k % LINE_COLOURS.length]);
            s.setLineWidth(k == pick.size() - 1 ? 2.2f : 1.6f);
        }
        // Round axis ends; XChart would otherwise put ticks at the (equally spaced) bin edges.
        ChartStyle.roundAxes(chart);
        chart.getStyler().setYAxisMin(0.0);
        return Optional.of(chart);
    }

    private static List<SpectrumRow> spectrumRows(RunData run, String space, String what) {
        if (run.spectra() == null) {
            LOG.debug("{}: no spectra; {} ({}) skipped", run.name(), what, space);
            return null;
        }
        List<SpectrumRow> rows = run.spectra().rows(space);
        if (rows.isEmpty()) {
            LOG.debug("{}: spectra hold no rows of space '{}'; {} skipped", run.name(), space, what);
            return null;
        }
        return rows;
    }

    private static List<String> epochLabels(List<SpectrumRow> rows) {
        List<String> xs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SpectrumRow r : rows) {
            String l = ChartStyle.number(r.epoch());
            if (!seen.add(l)) {
                l = l + " (#" + r.checkpoint() + ")";
                seen.add(l);
            }
            xs.add(l);
        }
        return xs;
    }

    // ------------------------------------------------------------------ metric figures

    /**
     * log₁₀ U_∂ against log₁₀ U over training (§2.4, plot 2): parametric in time, markers joined
     * in checkpoint order, first and last epoch annotated.
     */
    public static Optional<XYChart> boundaryVsBulkLoss(RunData run, Options o) {
        String fig = "log U_∂ vs log U";
        if (!need(run, fig, Metric.U_BOUNDARY.column(), Metric.U_BULK.column())) return Optional.empty();
        double[] ub = run.column(Metric.U_BOUNDARY.column()), u = run.column(Metric.U_BULK.column());
        double[] ep = epochsOrIndex(run);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < u.length; i++) {
            if (u[i] > 0 && ub[i] > 0 && Double.isFinite(u[i]) && Double.isFinite(ub[i])) {
                pts.add(new double[] {Math.log10(u[i]), Math.log10(ub[i]), ep[i]});
            }
        }
        if (pts.isEmpty()) {
            LOG.debug("{}: no checkpoint with finite positive U and U_∂; {} skipped", run.name(), fig);
            return Optional.empty();
        }
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        XYChart chart = xyChart(o, run.label() + " — boundary loss against bulk loss over training",
                "log₁₀ U  (bulk loss, training-set mean, S4)", "log₁₀ U_∂  (boundary loss, training-set mean, S3)");
        XYSeries s = chart.addSeries("training trajectory (checkpoint order)", x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(SPACE_COLOURS[0]);
        s.setMarkerColor(SPACE_COLOURS[0]);
        XYSeries first = chart.addSeries("first checkpoint, epoch " + ChartStyle.number(pts.get(0)[2]), new double[] {x[0]}, new double[] {y[0]});
        first.setMarker(SeriesMarkers.SQUARE);
        first.setMarkerColor(new Color(44, 160, 44));
        first.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        int l = x.length - 1;
        XYSeries last = chart.addSeries("last checkpoint, epoch " + ChartStyle.number(pts.get(l)[2]), new double[] {x[l]}, new double[] {y[l]});
        last.setMarker(SeriesMarkers.DIAMOND);
        last.setMarkerColor(new Color(214, 39, 40));
        last.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(7);
        annotate(chart, "epoch " + ChartStyle.number(pts.get(0)[2]), x, y, 0);
        if (l > 0) annotate(chart, "epoch " + ChartStyle.number(pts.get(l)[2]), x, y, l);
        ChartStyle.roundAxes(chart);
        return Optional.of(chart);
    }

    /** Puts a label beside point i, nudged towards the middle of the data so it neither hides the marker nor leaves the plot. */
    private static void annotate(XYChart chart, String text, double[] x, double[] y, int i) {
        double xl = Double.POSITIVE_INFINITY, xh = Double.NEGATIVE_INFINITY, yl = Double.POSITIVE_INFINITY, yh = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < x.length; k++) {
            xl = Math.min(xl, x[k]);
            xh = Math.max(xh, x[k]);
            yl = Math.min(yl, y[k]);
            yh = Math.max(yh, y[k]);
        }
        double dx = Math.max(xh - xl, 1e-9), dy = Math.max(yh - yl, 1e-9);
        double ax = x[i] + (x[i] > (xl + xh) / 2 ? -0.06 : 0.06) * dx;
        double ay = y[i] + (y[i] > (yl + yh) / 2 ? -0.04 : 0.04) * dy;
        chart.addAnnotation(new AnnotationText(text, ax, ay, false));
    }

    /** Complexity C_>(1) (S21) against epoch, one series per integration space (§3.5). */
    public static Optional<XYChart> complexityVsEpoch(RunData run, Options o) { return complexityVsEpoch(run, o, SPACES); }

    /** {@link #complexityVsEpoch(RunData, Options)} drawn for the given spaces only (one panel per space). */
    public static Optional<XYChart> complexityVsEpoch(RunData run, Options o, List<String> spaces) {
        EpochAxis ax = epochAxis(run, o);
        XYChart chart = xyChart(o, run.label() + " — complexity over training" + spaceSuffix(spaces), ax.title(), "C_>(1) = −½ Σ(λ>1) ln λ  [nat]  (S21)");
        ax.apply(chart);
        int n = 0;
        for (String sp : spaces) {
            n += addLine(chart, "C_>(1), " + sp, ax.x(), run.column(Metric.C_GT.base() + "_" + sp), spaceColour(sp), SeriesLines.SOLID, ax.log(), false) ? 1 : 0;
        }
        return result(run, chart, n, "complexity vs epoch", cols(spaces, Metric.C_GT.base() + "_"));
    }

    /** Complexity C_>(1) against the boundary loss U_∂ (§3.5: "more linear" as a function of the loss). */
    public static Optional<XYChart> complexityVsBoundaryLoss(RunData run, Options o) { return complexityVsBoundaryLoss(run, o, SPACES); }

    /** Complexity against the boundary loss for the given spaces (one panel per space where their scales differ). */
    public static Optional<XYChart> complexityVsBoundaryLoss(RunData run, Options o, List<String> spaces) {
        String fig = "complexity vs U_∂";
        if (!need(run, fig, Metric.U_BOUNDARY.column())) return Optional.empty();
        double[] ub = run.column(Metric.U_BOUNDARY.column());
        // Over decades, log₁₀ U_∂ on a linear axis: XChart labels log axes at whole decades only.
        boolean log = spansDecades(ub, 10);
        double[] x = ub;
        if (log) {
            x = new double[ub.length];
            for (int i = 0; i < ub.length; i++) x[i] = ub[i] > 0 ? Math.log10(ub[i]) : Double.NaN;
        }
        XYChart chart = xyChart(o, run.label() + " — complexity against boundary loss" + spaceSuffix(spaces),
                log ? "log₁₀ U_∂  (boundary loss, training-set mean, S3)" : "U_∂  (boundary loss, training-set mean, S3)",
                "C_>(1)  [nat]  (S21)");
        int n = 0;
        for (String sp : spaces) {
            n += addLine(chart, "C_>(1), " + sp, x, run.column(Metric.C_GT.base() + "_" + sp), spaceColour(sp), SeriesLines.SOLID, false, false) ? 1 : 0;
        }
        return result(run, chart, n, fig, cols(spaces, Metric.C_GT.base() + "_"));
    }

    /**
     * Temperature T̂ = 2U/N_G (S23, left axis) and total entropy S = S₀ + C (S25, right axis)
     * against epoch, both spaces.
     */
    public static Optional<XYChart> temperatureAndEntropy(RunData run, Options o) { return temperatureAndEntropy(run, o, SPACES); }

    /** {@link #temperatureAndEntropy(RunData, Options)} drawn for the given spaces only (one panel per space). */
    public static Optional<XYChart> temperatureAndEntropy(RunData run, Options o, List<String> spaces) {
        EpochAxis ax = epochAxis(run, o);
        XYChart chart = xyChart(o, run.label() + " — temperature and entropy over training" + spaceSuffix(spaces), ax.title(), "T̂ = 2U / N_G  (S23)");
        ax.apply(chart);
        chart.setYAxisGroupTitle(0, "T̂ = 2U / N_G  (S23)");
        chart.setYAxisGroupTitle(1, "S = S₀ + C  [nat]");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        int n = 0;
        for (String sp : spaces) {
            n += addLine(chart, "T̂, " + sp + " (left)", ax.x(), run.column(Metric.TEMPERATURE.base() + "_" + sp), spaceColour(sp), SeriesLines.SOLID, ax.log(), false) ? 1 : 0;
        }
        int left = n;
        for (String sp : spaces) {
            if (addLine(chart, "S = S₀ + C, " + sp + " (right)", ax.x(), run.column(Metric.S_TOTAL.base() + "_" + sp), spaceColour(sp), SeriesLines.DASH_DASH, ax.log(), false)) {
                chart.getSeriesMap().get("S = S₀ + C, " + sp + " (right)").setYAxisGroup(left == 0 ? 0 : 1);
                n++;
            }
        }
        if (left == 0 && n > 0) chart.setYAxisGroupTitle(0, "S = S₀ + C  [nat]");
        return result(run, chart, n, "temperature and entropy", cols(spaces, Metric.TEMPERATURE.base() + "_", Metric.S_TOTAL.base() + "_"));
    }

    /**
     * Third log-moment μ₃ of the non-trivial spectrum (left axis) and skewness
     * γ = μ₃/μ₂^(3/2) (right axis) against epoch, both spaces (§5.4, S35).
     */
    public static Optional<XYChart> moments(RunData run, Options o) { return moments(run, o, SPACES); }

    /** {@link #moments(RunData, Options)} drawn for the given spaces only (one panel per space). */
    public static Optional<XYChart> moments(RunData run, Options o, List<String> spaces) {
        EpochAxis ax = epochAxis(run, o);
        XYChart chart = xyChart(o, run.label() + " — asymmetry of the spectrum over training" + spaceSuffix(spaces), ax.title(), "μ₃ (non-trivial ln λ)  (S35)");
        ax.apply(chart);
        chart.setYAxisGroupTitle(0, "μ₃ = ⟨(ln λ)³⟩ over non-trivial λ  (S35)");
        chart.setYAxisGroupTitle(1, "skewness γ = μ₃ / μ₂^(3/2)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        int n = 0;
        for (String sp : spaces) {
            n += addLine(chart, "μ₃, " + sp + " (left)", ax.x(), run.column(Metric.MU3_NT.base() + "_" + sp), spaceColour(sp), SeriesLines.SOLID, ax.log(), false) ? 1 : 0;
        }
        int left = n;
        for (String sp : spaces) {
            String name = "γ, " + sp + " (right)";
            if (addLine(chart, name, ax.x(), run.column(Metric.SKEWNESS_NT.base() + "_" + sp), spaceColour(sp), SeriesLines.DASH_DASH, ax.log(), false)) {
                chart.getSeriesMap().get(name).setYAxisGroup(left == 0 ? 0 : 1);
                n++;
            }
        }
        if (left == 0 && n > 0) chart.setYAxisGroupTitle(0, "skewness γ = μ₃ / μ₂^(3/2)");
        return result(run, chart, n, "moments", cols(spaces, Metric.MU3_NT.base() + "_", Metric.SKEWNESS_NT.base() + "_"));
    }

    /** Train, validation and test accuracy against epoch. */
    public static Optional<XYChart> accuracy(RunData run, Options o) {
        EpochAxis ax = epochAxis(run, o);
        XYChart chart = xyChart(o, run.label() + " — accuracy", ax.title(), "accuracy (fraction correct)");
        ax.apply(chart);
        String[] cols = {Metric.TRAIN_ACCURACY.column(), Metric.VALIDATION_ACCURACY.column(), Metric.TEST_ACCURACY.column()};
        String[] names = {"train", "validation", "test"};
        int n = 0;
        for (int k = 0; k < cols.length; k++) {
            n += addLine(chart, names[k], ax.x(), run.column(cols[k]), LINE_COLOURS[k], SeriesLines.SOLID, ax.log(), false) ? 1 : 0;
        }
        return result(run, chart, n, "accuracy", cols);
    }

    /** Boundary loss U_∂, bulk loss U and training loss against epoch on a logarithmic y axis (§2.4, plot 1). */
    public static Optional<XYChart> losses(RunData run, Options o) {
        EpochAxis ax = epochAxis(run, o);
        String[] cols = {Metric.U_BOUNDARY.column(), Metric.U_BULK.column(), Metric.TRAIN_LOSS.column()};
        List<Double> all = new ArrayList<>();
        for (String c : cols) {
            double[] v = run.column(c);
            if (v != null) for (double d : v) all.add(d);
        }
        // XChart labels a log axis at whole decades only: under a decade of range, stay linear.
        boolean logY = spansDecades(all.stream().filter(d -> d > 0).mapToDouble(Double::doubleValue).toArray(), 10);
        XYChart chart = xyChart(o, run.label() + " — losses", ax.title(), "loss (training-set mean)" + (logY ? ", log scale" : ""));
        ax.apply(chart);
        chart.getStyler().setYAxisLogarithmic(logY);
        String[] names = {"U_∂  boundary loss (S3)", "U  bulk loss (S4)", "training loss"};
        int n = 0;
        for (int k = 0; k < cols.length; k++) {
            n += addLine(chart, names[k], ax.x(), run.column(cols[k]), LINE_COLOURS[k], SeriesLines.SOLID, ax.log(), logY) ? 1 : 0;
        }
        return result(run, chart, n, "losses", cols);
    }

    // ------------------------------------------------------------------ helpers

    /** The epoch axis of a run: linear epoch, or epoch + 1 on a log axis when epochs span decades. */
    private record EpochAxis(double[] x, boolean log, String title) {
        void apply(XYChart c) { c.getStyler().setXAxisLogarithmic(log); }
    }

    private static EpochAxis epochAxis(RunData run, Options o) {
        if (run.metrics() == null) return new EpochAxis(new double[0], false, "epoch");
        boolean byEpoch = run.has("epoch");
        double[] e = byEpoch ? run.column("epoch") : epochsOrIndex(run);
        String unit = byEpoch ? "epoch" : "checkpoint";
        double max = Double.NEGATIVE_INFINITY;
        for (double v : e) if (Double.isFinite(v)) max = Math.max(max, v);
        if (max > o.logEpochAbove()) {
            double[] x = new double[e.length];
            for (int i = 0; i < e.length; i++) x[i] = e[i] + 1;
            return new EpochAxis(x, true, unit + " + 1  (log scale)");
        }
        return new EpochAxis(e, false, unit);
    }

    private static double[] epochsOrIndex(RunData run) {
        if (run.has("epoch")) return run.column("epoch");
        if (run.has("checkpoint")) return run.column("checkpoint");
        double[] d = new double[run.metrics().rowCount()];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return d;
    }

    /** Adds a line of the finite points (positive ones on log axes); false if none or the column is missing. */
    private static boolean addLine(XYChart chart, String name, double[] x, double[] y, Color colour, java.awt.BasicStroke style,
                                   boolean logX, boolean logY) {
        if (x == null || y == null) return false;
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            if ((logX && x[i] <= 0) || (logY && y[i] <= 0)) continue;
            xs.add(x[i]);
            ys.add(y[i]);
        }
        if (xs.isEmpty()) return false;
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(style);
        s.setMarker(style == SeriesLines.SOLID ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
        return true;
    }

    private static Optional<XYChart> result(RunData run, XYChart chart, int series, String fig, String... cols) {
        if (series > 0) {
            ChartStyle.roundAxes(chart);
            return Optional.of(chart);
        }
        if (run.metrics() == null) {
            LOG.debug("{}: no metrics; {} skipped", run.name(), fig);
            return Optional.empty();
        }
        List<String> present = new ArrayList<>();
        for (String c : cols) if (run.has(c)) present.add(c);
        if (present.isEmpty()) LOG.debug("{}: metrics have none of the columns {}; {} skipped", run.name(), List.of(cols), fig);
        else LOG.debug("{}: columns {} hold no finite value to plot; {} skipped", run.name(), present, fig);
        return Optional.empty();
    }

    private static boolean need(RunData run, String fig, String... cols) {
        if (run.metrics() == null) {
            LOG.debug("{}: no metrics; {} skipped", run.name(), fig);
            return false;
        }
        for (String c : cols) {
            if (!run.has(c)) {
                LOG.debug("{}: metrics have no column '{}'; {} skipped", run.name(), c, fig);
                return false;
            }
        }
        return true;
    }

    private static boolean spansDecades(double[] v, double ratio) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (double d : v) {
            if (!Double.isFinite(d)) continue;
            if (d <= 0) return false;
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return hi > 0 && hi / lo > ratio;
    }

    private static XYChart xyChart(Options o, String title, String xTitle, String yTitle) {
        return ChartStyle.xy(o.width(), o.height(), title, xTitle, yTitle);
    }

    private static int finiteCount(double[] v) {
        int n = 0;
        for (double d : v) if (Double.isFinite(d)) n++;
        return n;
    }

    /**
     * An architecture label from the run's metadata, or null: {@code run.json} (or the Arrow
     * schema metadata, whose values may be JSON) is searched for a field named
     * {@code architecture}, {@code arch}, {@code widths}, {@code layers} or {@code hidden}.
     */
    private static String architecture(Path runDir, MetricsTable m, SpectraTable s) {
        ObjectMapper om = new ObjectMapper();
        List<JsonNode> sources = new ArrayList<>();
        Path rj = runDir.resolve("run.json");
        if (Files.isRegularFile(rj)) {
            try {
                sources.add(om.readTree(rj.toFile()));
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: run.json unreadable ({}); no architecture in figure titles", runDir, e.getMessage());
            }
        }
        for (Map<String, String> meta : metas(m, s)) {
            for (Map.Entry<String, String> e : meta.entrySet()) {
                if (isArchKey(e.getKey())) return oneLine(e.getValue());
                String v = e.getValue().trim();
                if (v.startsWith("{")) {
                    try {
                        sources.add(om.readTree(v));
                    } catch (IOException | RuntimeException ignored) {
                        // not JSON after all: nothing to find in it
                    }
                }
            }
        }
        for (JsonNode n : sources) {
            JsonNode a = findArch(n, 0);
            if (a != null) return oneLine(a.isValueNode() ? a.asText() : a.toString());
        }
        return null;
    }

    private static List<Map<String, String>> metas(MetricsTable m, SpectraTable s) {
        List<Map<String, String>> l = new ArrayList<>();
        if (m != null) l.add(m.metadata());
        if (s != null) l.add(s.metadata());
        return l;
    }

    private static boolean isArchKey(String k) {
        String l = k.toLowerCase(Locale.ROOT);
        return l.equals("architecture") || l.equals("arch") || l.equals("widths") || l.equals("layers") || l.equals("hidden");
    }

    private static JsonNode findArch(JsonNode n, int depth) {
        if (n == null || depth > 6 || !n.isContainerNode()) return null;
        if (n.isObject()) {
            var it = n.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (isArchKey(e.getKey()) && !e.getValue().isNull()) return e.getValue();
            }
        }
        for (JsonNode c : n) {
            JsonNode a = findArch(c, depth + 1);
            if (a != null) return a;
        }
        return null;
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 60 ? t.substring(0, 57) + "…" : t;
    }
}
