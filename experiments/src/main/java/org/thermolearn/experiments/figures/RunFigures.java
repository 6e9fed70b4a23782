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
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.RunReader;
import org.thermolearn.thermo.record.SpectraTable;
import org.thermolearn.thermo.record.SpectrumRow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The standard figures of one run directory, drawn from {@code metrics.arrow} and
 * {@code spectra.arrow} with XChart and written as PNG into {@code <run>/figures/}: what the
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

    /** Sub-directory of the run directory that receives the PNG files. */
    public static final String FIGURES_DIR = "figures";

    private static final Color[] SPACE_COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14)};
    private static final Color[] LINE_COLOURS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
            new Color(148, 103, 189)};
    /** Colour ramp of the heat map from 0 to the largest count; empty bins are not drawn (stay white). */
    private static final Color[] HEAT_COLOURS = {new Color(190, 210, 235), new Color(107, 142, 207), new Color(59, 82, 139),
            new Color(33, 145, 140), new Color(94, 201, 98), new Color(253, 231, 37)};

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static {
        // Charts are only ever rendered into images here; never ask for a display.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

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
     * What the figures are drawn from: the run's name (its directory name), an architecture label
     * if the run's metadata names one, and its tables, either of which may be absent.
     */
    public record RunData(String name, String architecture, MetricsTable metrics, SpectraTable spectra) {

        /** The title prefix: run name, plus the architecture when known. */
        public String label() { return architecture == null || architecture.isBlank() ? name : name + " · " + architecture; }

        /** True if the metrics table has this column. */
        public boolean has(String column) { return metrics != null && metrics.names().contains(column); }

        /** The column, or null if absent. */
        public double[] column(String column) { return has(column) ? metrics.column(column) : null; }
    }

    /**
     * The fixed ln λ binning of one space of one run (A16): {@code bins} equal bins over the
     * global [min, max] of the finite non-trivial ln λ of all its checkpoints.
     */
    public record SpectrumBins(double lo, double hi, int bins) {
        public double width() { return (hi - lo) / bins; }

        public double edge(int i) { return lo + i * width(); }

        public double centre(int i) { return lo + (i + 0.5) * width(); }

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

    /**
     * Draws every figure the run's data allow and writes them as PNG into {@code runDir/figures/}.
     *
     * @return the files written, in drawing order
     * @throws IOException if the run directory cannot be read or the figures directory written
     */
    public static List<Path> writeAll(Path runDir, Options o) throws IOException {
        RunData run = load(runDir);
        Path out = runDir.resolve(FIGURES_DIR);
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        for (String space : SPACES) {
            save(spectrumHeatMap(run, space, o), out, "spectrum_heatmap_" + space, written);
            save(spectrumHistograms(run, space, o), out, "spectrum_histograms_" + space, written);
        }
        save(boundaryVsBulkLoss(run, o), out, "loss_boundary_vs_bulk", written);
        save(complexityVsEpoch(run, o), out, "complexity_vs_epoch", written);
        save(complexityVsBoundaryLoss(run, o), out, "complexity_vs_boundary_loss", written);
        save(temperatureAndEntropy(run, o), out, "temperature_entropy", written);
        save(moments(run, o), out, "moments", written);
        save(accuracy(run, o), out, "accuracy", written);
        save(losses(run, o), out, "losses", written);
        LOG.info("{}: wrote {} figures into {}", run.name(), written.size(), out);
        return written;
    }

    /**
     * Reads what the figures need from a run directory. A missing metrics or spectra file leaves
     * that table null (logged); a damaged one throws.
     */
    public static RunData load(Path runDir) throws IOException {
        RunReader r = RunReader.open(runDir);
        MetricsTable m = null;
        SpectraTable s = null;
        if (Files.isRegularFile(RunFiles.metrics(runDir))) m = r.metrics();
        else LOG.info("{}: no {}; metric figures skipped", runDir, RunFiles.METRICS);
        if (Files.isRegularFile(RunFiles.spectra(runDir))) s = r.spectra();
        else LOG.info("{}: no {}; spectrum figures skipped", runDir, RunFiles.SPECTRA);
        Path fn = runDir.toAbsolutePath().normalize().getFileName();
        String name = fn == null ? runDir.toString() : fn.toString();
        return new RunData(name, architecture(runDir, m, s), m, s);
    }

    /**
     * Renders and writes one figure. The PNG goes to a temporary file first and is moved into
     * place, so a failure leaves no empty or half-written file; a rendering failure is logged
     * and skips only that figure.
     */
    private static void save(Optional<? extends Chart<?, ?>> chart, Path dir, String base, List<Path> written) throws IOException {
        if (chart.isEmpty()) return;
        Path file = dir.resolve(base + ".png");
        BufferedImage img;
        try {
            img = BitmapEncoder.getBufferedImage(chart.get());
        } catch (RuntimeException e) {
            LOG.warn("{}: could not render figure {}: {}", dir, base, e.toString());
            return;
        }
        Path tmp = Files.createTempFile(dir, base, ".png.tmp");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer available in this JVM");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        written.add(file);
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
     * epoch), y = ln λ bin (fixed range over the run, A16), colour = number of eigenvalues.
     */
    public static Optional<HeatMapChart> spectrumHeatMap(RunData run, String space, Options o) {
        List<SpectrumRow> rows = spectrumRows(run, space, "spectrum heat map");
        if (rows == null) return Optional.empty();
        Optional<SpectrumBins> ob = fixedBins(rows, o.bins());
        if (ob.isEmpty()) {
            LOG.info("{}: space '{}' has no finite non-trivial ln λ; spectrum heat map skipped", run.name(), space);
            return Optional.empty();
        }
        SpectrumBins b = ob.get();
        List<String> xs = epochLabels(rows);
        // Label about every sixth bin with its centre; the others get distinct blank labels
        // (categories must differ) so 60 labels do not overprint.
        int every = Math.max(1, (int) Math.ceil(b.bins() / 10.0));
        List<String> ys = new ArrayList<>();
        for (int j = 0; j < b.bins(); j++) {
            ys.add(j % every == 0 || j == b.bins() - 1 ? fmt(b.centre(j)) : " ".repeat(j + 1));
        }
        List<Number[]> heat = new ArrayList<>();
        int max = 0;
        for (int i = 0; i < rows.size(); i++) {
            int[] c = b.count(rows.get(i).lnLambdaOrQuantiles());
            for (int j = 0; j < c.length; j++) {
                if (c[j] > 0) heat.add(new Number[] {i, j, c[j]}); // empty bins stay background-white
                max = Math.max(max, c[j]);
            }
        }
        HeatMapChart chart = new HeatMapChart(o.width(), o.height(), Styler.ChartTheme.XChart);
        chart.setTitle(run.label() + " — spectrum of G (" + space + "): non-trivial ln λ");
        chart.setXAxisTitle(rows.size() > 1 ? "checkpoint, labelled by epoch" : "epoch");
        chart.setYAxisTitle(String.format(Locale.ROOT, "ln λ  (%d bins of %.3g, fixed over the run)", b.bins(), b.width()));
        chart.addSeries("eigenvalues per bin", xs, ys, heat);
        var st = chart.getStyler();
        st.setRangeColors(HEAT_COLOURS);
        st.setMin(0);
        st.setMax(Math.max(1, max));
        st.setShowValue(false);
        st.setDrawBorder(false);
        st.setChartTitleFont(TITLE_FONT);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendFont(LEGEND_FONT); // HeatMapStyler leaves it null, and the colour bar needs it
        st.setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.0f", v));
        st.setHeatMapValueDecimalPattern("0");
        st.setAxisTicksMarksVisible(false);
        st.setPlotGridLinesVisible(false);
        if (xs.size() > 12) st.setXAxisLabelRotation(90);
        return Optional.of(chart);
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
            LOG.info("{}: space '{}' has no finite non-trivial ln λ; spectrum histograms skipped", run.name(), space);
            return Optional.empty();
        }
        SpectrumBins b = ob.get();
        List<Integer> pick = new ArrayList<>(List.of(0, rows.size() / 2, rows.size() - 1));
        List<String> role = new ArrayList<>(List.of("init", "middle", "end"));
        if (rows.size() < 3) {
            pick = rows.size() == 1 ? List.of(0) : List.of(0, 1);
            role = rows.size() == 1 ? List.of("init") : List.of("init", "end");
        }
        XYChart chart = xyChart(o, run.label() + " — spectrum of G (" + space + "): init / middle / end",
                "ln λ (non-trivial eigenvalues)", String.format(Locale.ROOT, "eigenvalues per bin (bin width %.3g)", b.width()));
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
            String name = String.format(Locale.ROOT, "%s: epoch %s  (N_nt = %d, N_trivial = %d)", role.get(k), fmt(r.epoch()),
                    finiteCount(r.lnLambdaOrQuantiles()), r.nTrivial());
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(LINE_COLOURS[k % LINE_COLOURS.length]);
            s.setLineWidth(k == pick.size() - 1 ? 2.2f : 1.6f);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisMin(0.0);
        // Nice round axis ends; XChart would otherwise put ticks at the raw bin edges.
        double step = niceStep((b.hi() - b.lo()) / 20);
        chart.getStyler().setXAxisMin(Math.floor(b.lo() / step) * step);
        chart.getStyler().setXAxisMax(Math.ceil(b.hi() / step) * step);
        chart.getStyler().setXAxisDecimalPattern("0.###");
        return Optional.of(chart);
    }

    private static List<SpectrumRow> spectrumRows(RunData run, String space, String what) {
        if (run.spectra() == null) {
            LOG.info("{}: no spectra; {} ({}) skipped", run.name(), what, space);
            return null;
        }
        List<SpectrumRow> rows = run.spectra().rows(space);
        if (rows.isEmpty()) {
            LOG.info("{}: spectra hold no rows of space '{}'; {} skipped", run.name(), space, what);
            return null;
        }
        return rows;
    }

    private static List<String> epochLabels(List<SpectrumRow> rows) {
        List<String> xs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SpectrumRow r : rows) {
            String l = fmt(r.epoch());
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
            LOG.info("{}: no checkpoint with finite positive U and U_∂; {} skipped", run.name(), fig);
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
        XYSeries first = chart.addSeries("first checkpoint, epoch " + fmt(pts.get(0)[2]), new double[] {x[0]}, new double[] {y[0]});
        first.setMarker(SeriesMarkers.SQUARE);
        first.setMarkerColor(new Color(44, 160, 44));
        first.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        int l = x.length - 1;
        XYSeries last = chart.addSeries("last checkpoint, epoch " + fmt(pts.get(l)[2]), new double[] {x[l]}, new double[] {y[l]});
        last.setMarker(SeriesMarkers.DIAMOND);
        last.setMarkerColor(new Color(214, 39, 40));
        last.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(7);
        annotate(chart, "epoch " + fmt(pts.get(0)[2]), x, y, 0);
        if (l > 0) annotate(chart, "epoch " + fmt(pts.get(l)[2]), x, y, l);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
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
    public static Optional<XYChart> complexityVsEpoch(RunData run, Options o) {
        EpochAxis ax = epochAxis(run, o);
        XYChart chart = xyChart(o, run.label() + " — complexity over training", ax.title(), "C_>(1) = −½ Σ(λ>1) ln λ  [nat]  (S21)");
        ax.apply(chart);
        int n = 0;
        for (int k = 0; k < SPACES.size(); k++) {
            String sp = SPACES.get(k);
            n += addLine(chart, "C_>(1), " + sp, ax.x(), run.column(Metric.C_GT.base() + "_" + sp), SPACE_COLOURS[k], SeriesLines.SOLID, ax.log(), false) ? 1 : 0;
        }
        return result(run, chart, n, "complexity vs epoch", Metric.C_GT.column(IntegrationSpace.ALL), Metric.C_GT.column(IntegrationSpace.CLAMPED));
    }

    /** Complexity C_>(1) against the boundary loss U_∂ (§3.5: "more linear" as a function of the loss). */
    public static Optional<XYChart> complexityVsBoundaryLoss(RunData run, Options o) {
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
        XYChart chart = xyChart(o, run.label() + " — complexity against boundary loss",
                log ? "log₁₀ U_∂  (boundary loss, training-set mean, S3)" : "U_∂  (boundary loss, training-set mean, S3)",
                "C_>(1)  [nat]  (S21)");
        int n = 0;
        for (int k = 0; k < SPACES.size(); k++) {
            String sp = SPACES.get(k);
            n += addLine(chart, "C_>(1), " + sp, x, run.column(Metric.C_GT.base() + "_" + sp), SPACE_COLOURS[k], SeriesLines.SOLID, false, false) ? 1 : 0;
        }
        return result(run, chart, n, fig, Metric.C_GT.column(IntegrationSpace.ALL), Metric.C_GT.column(IntegrationSpace.CLAMPED));
    }

    /**
     * Temperature T̂ = 2U/N_G (S23, left axis) and total entropy S = S₀ + C (S25, right axis)
     * against epoch, both spaces.
     */
    public static Optional<XYChart> temperatureAndEntropy(RunData run, Options o) {
        EpochAxis ax = epochAxis(run, o);
        XYChart chart = xyChart(o, run.label() + " — temperature and entropy over training", ax.title(), "T̂ = 2U / N_G  (S23)");
        ax.apply(chart);
        chart.setYAxisGroupTitle(0, "T̂ = 2U / N_G  (S23)");
        chart.setYAxisGroupTitle(1, "S = S₀ + C  [nat]");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        int n = 0;
        for (int k = 0; k < SPACES.size(); k++) {
            String sp = SPACES.get(k);
            n += addLine(chart, "T̂, " + sp + " (left)", ax.x(), run.column(Metric.TEMPERATURE.base() + "_" + sp), SPACE_COLOURS[k], SeriesLines.SOLID, ax.log(), false) ? 1 : 0;
        }
        int left = n;
        for (int k = 0; k < SPACES.size(); k++) {
            String sp = SPACES.get(k);
            if (addLine(chart, "S = S₀ + C, " + sp + " (right)", ax.x(), run.column(Metric.S_TOTAL.base() + "_" + sp), SPACE_COLOURS[k], SeriesLines.DASH_DASH, ax.log(), false)) {
                chart.getSeriesMap().get("S = S₀ + C, " + sp + " (right)").setYAxisGroup(left == 0 ? 0 : 1);
                n++;
            }
        }
        if (left == 0 && n > 0) chart.setYAxisGroupTitle(0, "S = S₀ + C  [nat]");
        dualAxisStyle(chart);
        return result(run, chart, n, "temperature and entropy", Metric.TEMPERATURE.column(IntegrationSpace.ALL), Metric.TEMPERATURE.column(IntegrationSpace.CLAMPED), Metric.S_TOTAL.column(IntegrationSpace.ALL), Metric.S_TOTAL.column(IntegrationSpace.CLAMPED));
    }

    /**
     * Third log-moment μ₃ of the non-trivial spectrum (left axis) and skewness
     * γ = μ₃/μ₂^(3/2) (right axis) against epoch, both spaces (§5.4, S35).
     */
    public static Optional<XYChart> moments(RunData run, Options o) {
        EpochAxis ax = epochAxis(run, o);
        XYChart chart = xyChart(o, run.label() + " — asymmetry of the spectrum over training", ax.title(), "μ₃ (non-trivial ln λ)  (S35)");
        ax.apply(chart);
        chart.setYAxisGroupTitle(0, "μ₃ = ⟨(ln λ)³⟩ over non-trivial λ  (S35)");
        chart.setYAxisGroupTitle(1, "skewness γ = μ₃ / μ₂^(3/2)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        int n = 0;
        for (int k = 0; k < SPACES.size(); k++) {
            String sp = SPACES.get(k);
            n += addLine(chart, "μ₃, " + sp + " (left)", ax.x(), run.column(Metric.MU3_NT.base() + "_" + sp), SPACE_COLOURS[k], SeriesLines.SOLID, ax.log(), false) ? 1 : 0;
        }
        int left = n;
        for (int k = 0; k < SPACES.size(); k++) {
            String sp = SPACES.get(k);
            String name = "γ, " + sp + " (right)";
            if (addLine(chart, name, ax.x(), run.column(Metric.SKEWNESS_NT.base() + "_" + sp), SPACE_COLOURS[k], SeriesLines.DASH_DASH, ax.log(), false)) {
                chart.getSeriesMap().get(name).setYAxisGroup(left == 0 ? 0 : 1);
                n++;
            }
        }
        if (left == 0 && n > 0) chart.setYAxisGroupTitle(0, "skewness γ = μ₃ / μ₂^(3/2)");
        dualAxisStyle(chart);
        return result(run, chart, n, "moments", Metric.MU3_NT.column(IntegrationSpace.ALL), Metric.MU3_NT.column(IntegrationSpace.CLAMPED), Metric.SKEWNESS_NT.column(IntegrationSpace.ALL), Metric.SKEWNESS_NT.column(IntegrationSpace.CLAMPED));
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
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
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

    /** Legend below the plot (two y axes leave no free corner) and tick labels readable at any magnitude. */
    private static void dualAxisStyle(XYChart chart) {
        var st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        for (int g = 0; g < 2; g++) {
            double m = 0;
            for (XYSeries s : chart.getSeriesMap().values()) {
                if (s.getYAxisGroup() != g) continue;
                m = Math.max(m, Math.max(Math.abs(s.getYMin()), Math.abs(s.getYMax())));
            }
            st.putYAxisGroupDecimalPatternMap(g, decimalPattern(m));
        }
    }

    /** A tick-label pattern for values up to {@code maxAbs}: scientific for very small or large ones. */
    static String decimalPattern(double maxAbs) {
        if (maxAbs == 0 || !Double.isFinite(maxAbs)) return "0.###";
        if (maxAbs < 1e-2 || maxAbs >= 1e5) return "0.0##E0";
        if (maxAbs < 1) return "0.####";
        return "0.##";
    }

    private static Optional<XYChart> result(RunData run, XYChart chart, int series, String fig, String... cols) {
        if (series > 0) return Optional.of(chart);
        if (run.metrics() == null) {
            LOG.info("{}: no metrics; {} skipped", run.name(), fig);
            return Optional.empty();
        }
        List<String> present = new ArrayList<>();
        for (String c : cols) if (run.has(c)) present.add(c);
        if (present.isEmpty()) LOG.info("{}: metrics have none of the columns {}; {} skipped", run.name(), List.of(cols), fig);
        else LOG.info("{}: columns {} hold no finite value to plot; {} skipped", run.name(), present, fig);
        return Optional.empty();
    }

    private static boolean need(RunData run, String fig, String... cols) {
        if (run.metrics() == null) {
            LOG.info("{}: no metrics; {} skipped", run.name(), fig);
            return false;
        }
        for (String c : cols) {
            if (!run.has(c)) {
                LOG.info("{}: metrics have no column '{}'; {} skipped", run.name(), c, fig);
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
        XYChart c = new XYChart(o.width(), o.height());
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        var st = c.getStyler();
        st.setChartTitleFont(TITLE_FONT);
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setLegendBackgroundColor(new Color(255, 255, 255, 210));
        st.setMarkerSize(6);
        st.setAnnotationTextFont(LEGEND_FONT);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.GRAY);
        st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return c;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    private static int finiteCount(double[] v) {
        int n = 0;
        for (double d : v) if (Double.isFinite(d)) n++;
        return n;
    }

    /** Compact number for labels: integers without decimals, others with 3 significant digits. */
    static String fmt(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.3g", v);
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
                LOG.info("{}: run.json unreadable ({}); no architecture in figure titles", runDir, e.getMessage());
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
