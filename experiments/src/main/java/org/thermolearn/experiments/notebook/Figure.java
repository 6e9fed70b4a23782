package org.thermolearn.experiments.notebook;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.thermolearn.experiments.figures.ChartStyle;
import org.thermolearn.experiments.figures.FigureWriter;

/**
 * A figure for a notebook cell: an XChart chart that shows itself inline ({@link #show()}), turns into
 * a {@link BufferedImage} ({@link #image()}) or PNG, SVG and PDF files ({@link #save(Path)}), in the toolkit's
 * one chart style ({@link ChartStyle}).
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

    /** Default size in pixels of the figures made here. */
    public static final int WIDTH = 800, HEIGHT = 480;

    private final Chart<?, ?> chart;
    /** Side-by-side panels (one per integration space), or null for a figure of {@link #chart} alone. */
    private final FigureWriter.Panels panels;
    private final String title;
    /** For {@link #histogram}: the series still to be binned (binning waits until all series are known). */
    private final Map<String, double[]> pending;
    private final int bins;

    private Figure(Chart<?, ?> chart, String title, Map<String, double[]> pending, int bins) {
        this(chart, null, title, pending, bins);
    }

    private Figure(Chart<?, ?> chart, FigureWriter.Panels panels, String title, Map<String, double[]> pending, int bins) {
        this.chart = chart;
        this.panels = panels;
        this.title = title;
        this.pending = pending;
        this.bins = bins;
    }

    /** Wraps any XChart chart (for example one of {@code RunFigures}' charts). */
    public static Figure of(Chart<?, ?> chart) {
        return new Figure(chart, chart.getTitle(), null, 0);
    }

    /** Wraps charts side by side (for example a {@code RunFigures} figure with one panel per integration space). */
    public static Figure of(FigureWriter.Panels panels) {
        Chart<?, ?> first = panels.charts().get(0);
        return new Figure(first, panels, first.getTitle(), null, 0);
    }

    /**
     * A histogram figure with {@code bins} equal bins over the common range of all series added with
     * {@link #add(String, double[])}; non-finite values are dropped. Series are drawn as step lines, so
     * overlapping histograms stay readable.
     */
    public static Figure histogram(String title, String xLabel, int bins) {
        if (bins < 2) throw new IllegalArgumentException("a histogram needs at least 2 bins, got " + bins);
        XYChart c = ChartStyle.xy(WIDTH, HEIGHT, title, xLabel, "count");
        return new Figure(c, title, new LinkedHashMap<>(), bins);
    }

    /** A line chart; add series with {@link #add(String, double[], double[])}. */
    public static Figure lines(String title, String xLabel, String yLabel) {
        return new Figure(ChartStyle.xy(WIDTH, HEIGHT, title, xLabel, yLabel), title, null, 0);
    }

    /** A bar chart over categories; add series with {@link #bars(String, List, double[])}. */
    public static Figure bars(String title, String xLabel, String yLabel) {
        return new Figure(ChartStyle.category(WIDTH, HEIGHT, title, xLabel, yLabel), title, null, 0);
    }

    /** Adds a histogram series (only for {@link #histogram} figures). */
    public Figure add(String name, double[] values) {
        if (pending == null) throw new IllegalStateException("add(name, values) is for histogram figures; use add(name, x, y) for lines");
        pending.put(name, values.clone());
        return this;
    }

    /**
     * Adds a line series with ± error bars (for example the standard deviation over seeds; only for
     * {@link #lines} figures); points with a non-finite x, y or error are dropped.
     */
    public Figure add(String name, double[] x, double[] y, double[] error) {
        if (!(chart instanceof XYChart c) || pending != null) throw new IllegalStateException("add(name, x, y, error) is for line figures");
        if (x.length != y.length || y.length != error.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x, " + y.length + " y and " + error.length + " error values");
        }
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>(), es = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && Double.isFinite(error[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
                es.add(error[i]);
            }
        }
        if (xs.isEmpty()) return this;
        XYSeries s = c.addSeries(name, xs, ys, es);
        s.setMarker(SeriesMarkers.CIRCLE);
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

    /** The underlying XChart chart (the first panel of a figure of several), for any styling this class does not offer. */
    public Chart<?, ?> chart() {
        materialise();
        return chart;
    }

    /** The figure rendered to an image (a rapaio kernel cell ending in this expression shows it inline). */
    public BufferedImage image() {
        materialise();
        return FigureWriter.image(figure());
    }

    /**
     * Writes the figure to {@code file}, in the format its extension names ({@code .png},
     * {@code .svg} or {@code .pdf}; none: PNG, SVG and PDF beside each other), atomically, and
     * returns the file written (the PNG when all three are).
     */
    public Path save(Path file) throws IOException {
        materialise();
        Path abs = file.toAbsolutePath();
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        java.util.Set<FigureWriter.Format> formats = FigureWriter.ALL;
        String base = name;
        if (!ext.isEmpty()) {
            FigureWriter.Format f = switch (ext) {
                case "png" -> FigureWriter.Format.PNG;
                case "svg" -> FigureWriter.Format.SVG;
                case "pdf" -> FigureWriter.Format.PDF;
                default -> throw new IllegalArgumentException("cannot write a figure as ." + ext + "; use .png, .svg or .pdf (or no extension for all three)");
            };
            formats = java.util.EnumSet.of(f);
            base = name.substring(0, dot);
        }
        return FigureWriter.write(abs.getParent(), base, figure(), formats);
    }

    /**
     * Shows the figure: inline in a rapaio Java-kernel notebook, else as a PNG in the temporary
     * directory (its path is printed).
     */
    public void show() {
        ThermoLearn.show(image());
    }

    private FigureWriter.Panels figure() { return panels != null ? panels : FigureWriter.Panels.of(chart); }

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
