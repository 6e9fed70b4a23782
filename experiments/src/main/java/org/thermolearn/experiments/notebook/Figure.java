package org.thermolearn.experiments.notebook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A figure for a notebook cell: an XChart chart that shows itself inline ({@link #show()}), turns into
 * a {@link BufferedImage} ({@link #image()}) or a PNG file ({@link #save(Path)}).
 *
 * <p>In the rapaio Java kernel, {@link #show()} hands the image to the kernel's {@code display(...)}, so
 * the figure appears below the cell as a PNG; ending a cell with {@code fig.image()} has the same effect.
 * Outside a notebook (plain JVM code, tests) {@link #show()} writes a PNG into the system temporary
 * directory and prints its path.
 *
 * <p>Builders for the common cases:
 * <pre>{@code
 * Figure.histogram("ln λ of G", "ln λ", 60).add("init", y0).add("trained", y1).show();
 * Figure.lines("accuracy", "epoch", "accuracy").add("test", epochs, acc).show();
 * }</pre>
 */
public final class Figure {

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};

    /** Default size in pixels of the figures made here. */
    public static final int WIDTH = 800, HEIGHT = 480;

    private final Chart<?, ?> chart;
    private final String title;
    /** For {@link #histogram}: the series still to be binned (binning waits until all series are known). */
    private final Map<String, double[]> pending;
    private final int bins;

    private Figure(Chart<?, ?> chart, String title, Map<String, double[]> pending, int bins) {
        this.chart = chart;
        this.title = title;
        this.pending = pending;
        this.bins = bins;
    }

    /** Wraps any XChart chart (for example one of {@code RunFigures}' charts). */
    public static Figure of(Chart<?, ?> chart) {
        return new Figure(chart, chart.getTitle(), null, 0);
    }

    /**
     * A histogram figure with {@code bins} equal bins over the common range of all series added with
     * {@link #add(String, double[])}; non-finite values are dropped. Series are drawn as step lines, so
     * overlapping histograms stay readable.
     */
    public static Figure histogram(String title, String xLabel, int bins) {
        if (bins < 2) throw new IllegalArgumentException("a histogram needs at least 2 bins, got " + bins);
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle("count").build();
        style(c);
        return new Figure(c, title, new LinkedHashMap<>(), bins);
    }

    /** A line chart; add series with {@link #add(String, double[], double[])}. */
    public static Figure lines(String title, String xLabel, String yLabel) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(c);
        return new Figure(c, title, null, 0);
    }

    /** A bar chart over categories; add series with {@link #bars(String, List, double[])}. */
    public static Figure bars(String title, String xLabel, String yLabel) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setSeriesColors(COLOURS);
        return new Figure(c, title, null, 0);
    }

    private static void style(XYChart c) {
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setSeriesColors(COLOURS);
        c.getStyler().setMarkerSize(6);
    }

    /** Adds a histogram series (only for {@link #histogram} figures). */
    public Figure add(String name, double[] values) {
        if (pending == null) throw new IllegalStateException("add(name, values) is for histogram figures; use add(name, x, y) for lines");
        pending.put(name, values.clone());
        return this;
    }

    /** Adds a line series with markers (only for {@link #lines} figures); non-finite points are dropped. */
    public Figure add(String name, double[] x, double[] y) {
        if (!(chart instanceof XYChart c) || pending != null) throw new IllegalStateException("add(name, x, y) is for line figures");
        if (x.length != y.length) throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length + " y values");
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) return this; // nothing drawable; XChart refuses empty series
        XYSeries s = c.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /** Adds a bar series (only for {@link #bars} figures). */
    public Figure bars(String name, List<String> categories, double[] values) {
        if (!(chart instanceof CategoryChart c)) throw new IllegalStateException("bars(...) is for bar figures");
        List<Double> v = new ArrayList<>();
        for (double d : values) v.add(d);
        c.addSeries(name, categories, v);
        return this;
    }

    /** Logarithmic y axis (line figures). */
    public Figure logY() {
        if (chart instanceof XYChart c) c.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    /** Logarithmic x axis (line figures). */
    public Figure logX() {
        if (chart instanceof XYChart c) c.getStyler().setXAxisLogarithmic(true);
        return this;
    }

    /** The underlying XChart chart, for any styling this class does not offer. */
    public Chart<?, ?> chart() {
        materialise();
        return chart;
    }

    /** The figure rendered to an image (a rapaio kernel cell ending in this expression shows it inline). */
    public BufferedImage image() {
        materialise();
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes the figure as a PNG file and returns the path. */
    public Path save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(image(), "png", file.toFile())) throw new IOException("no PNG writer in this JVM");
        return file;
    }

    /**
     * Shows the figure: inline in a rapaio Java-kernel notebook, else as a PNG in the temporary
     * directory (its path is printed).
     */
    public void show() {
        ThermoLearn.show(image());
    }

    @Override
    public String toString() {
        return "Figure[" + title + "]";
    }

    /** Bins pending histogram series over their common range (once). */
    private void materialise() {
        if (pending == null || pending.isEmpty()) return;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] v : pending.values()) {
            for (double d : v) {
                if (!Double.isFinite(d)) continue;
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        XYChart c = (XYChart) chart;
        if (lo > hi) {
            pending.clear();
            return;
        }
        if (hi - lo < 1e-12) {
            lo -= 0.5;
            hi += 0.5;
        }
        double w = (hi - lo) / bins;
        for (var e : pending.entrySet()) {
            int[] count = new int[bins];
            for (double d : e.getValue()) {
                if (!Double.isFinite(d)) continue;
                count[Math.min(bins - 1, Math.max(0, (int) Math.floor((d - lo) / w)))]++;
            }
            // a step line: (edge_i, count_i) – (edge_{i+1}, count_i)
            double[] x = new double[2 * bins + 2], y = new double[2 * bins + 2];
            x[0] = lo;
            y[0] = 0;
            for (int i = 0; i < bins; i++) {
                x[2 * i + 1] = lo + i * w;
                y[2 * i + 1] = count[i];
                x[2 * i + 2] = lo + (i + 1) * w;
                y[2 * i + 2] = count[i];
            }
            x[2 * bins + 1] = hi;
            y[2 * bins + 1] = 0;
            XYSeries s = c.addSeries(e.getKey() + " (" + e.getValue().length + ")", x, y);
            s.setMarker(SeriesMarkers.NONE);
        }
        pending.clear();
    }

    /** The kernel's {@code display(Object)} when running inside the rapaio Java kernel, else null. */
    static Method kernelDisplay() {
        for (ClassLoader cl : new ClassLoader[]{Thread.currentThread().getContextClassLoader(), Figure.class.getClassLoader(),
                ClassLoader.getSystemClassLoader()}) {
            if (cl == null) continue;
            try {
                Class<?> g = Class.forName("org.rapaio.jupyter.kernel.global.Global", true, cl);
                return g.getMethod("display", Object.class);
            } catch (ReflectiveOperationException | LinkageError e) {
                // not in this loader
            }
        }
        return null;
    }
}
