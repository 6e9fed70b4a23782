package org.thermolearn.tests.bench;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.thermolearn.experiments.figures.ChartStyle;
import org.thermolearn.experiments.figures.FigureWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The log-log figure of docs/RESULTS.md (issue 11): seconds per checkpoint (both spaces) against the hidden width W of
 * 784-W-W-10 for the stochastic and the exact route, from the CSV of {@link StochasticScale}, with the exact route
 * extrapolated beyond its last measured width as (n_c,all³ + n_c,clamped³) — the N³ of its dense Gram matrices and
 * eigen-decompositions — drawn dashed and named so. Wall and CPU seconds are separate series (the machine was shared).
 *
 * <p>Usage: {@code java -cp tests/target/benchmarks.jar org.thermolearn.tests.bench.ScaleFigure scale.csv docs/figures stochastic-scale}
 */
public final class ScaleFigure {

    record Point(int width, String route, double wall, double cpu, long ncAll, long ncClamped) { }

    public static void main(String[] args) throws IOException {
        ChartStyle.headless();
        List<Point> pts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("arch,")) continue;
            String[] f = line.split(",");
            pts.add(new Point(Integer.parseInt(f[1]), f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[7]), Long.parseLong(f[8])));
        }
        XYChart c = ChartStyle.xy(720, 480, "Analysis of one checkpoint, both spaces, 784-W-W-10", "hidden width W (" + widths(pts) + ")", "seconds");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        for (String route : List.of("stochastic", "exact")) {
            List<Point> r = pts.stream().filter(p -> p.route.equals(route)).sorted((a, b) -> Integer.compare(a.width, b.width)).toList();
            if (r.isEmpty()) continue;
            java.awt.Color colour = ChartStyle.SERIES_COLOURS.get(route.equals("stochastic") ? 0 : 1);
            series(c, route + ", wall", r.stream().mapToDouble(p -> p.width).toArray(), r.stream().mapToDouble(p -> p.wall).toArray(), false, colour);
            series(c, route + ", CPU", r.stream().mapToDouble(p -> p.width).toArray(), r.stream().mapToDouble(p -> p.cpu).toArray(), true, colour);
        }
        // exact route beyond its last measurement: CPU seconds scaled by n_c³ (from the stochastic rows' n_c)
        List<Point> ex = pts.stream().filter(p -> p.route.equals("exact")).sorted((a, b) -> Integer.compare(a.width, b.width)).toList();
        if (!ex.isEmpty()) {
            Point last = ex.get(ex.size() - 1);
            double cube = Math.pow(last.ncAll, 3) + Math.pow(last.ncClamped, 3);
            List<double[]> xs = new ArrayList<>();
            xs.add(new double[]{last.width, last.cpu});
            for (Point p : pts) {
                if (p.route.equals("stochastic") && p.width > last.width) {
                    xs.add(new double[]{p.width, last.cpu * (Math.pow(p.ncAll, 3) + Math.pow(p.ncClamped, 3)) / cube});
                    System.out.printf(Locale.ROOT, "exact route extrapolated (n_c^3 from W = %d, %.1f CPU s): W = %d  %.0f CPU s%n", last.width,
                            last.cpu, p.width, xs.get(xs.size() - 1)[1]);
                }
            }
            if (xs.size() > 1) {
                XYSeries s = c.addSeries("exact, CPU, N^3 extrapolation", xs.stream().mapToDouble(a -> a[0]).toArray(), xs.stream().mapToDouble(a -> a[1]).toArray());
                s.setLineStyle(ChartStyle.dashed(1.5f));
                s.setLineColor(ChartStyle.SERIES_COLOURS.get(2));
                s.setMarkerColor(ChartStyle.SERIES_COLOURS.get(2));
            }
        }
        Path png = FigureWriter.write(Path.of(args[1]), args[2], FigureWriter.Panels.of(c), EnumSet.of(FigureWriter.Format.PNG, FigureWriter.Format.SVG));
        System.out.println("wrote " + png + " and .svg");
    }

    /** The widths that have a data point, ascending ("1000, 2000, 4000"): the axis names only what is drawn. */
    static String widths(List<Point> pts) {
        return String.join(", ", pts.stream().map(p -> p.width).distinct().sorted().map(String::valueOf).toList());
    }

    private static void series(XYChart c, String name, double[] x, double[] y, boolean dashed, java.awt.Color colour) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        if (dashed) s.setLineStyle(ChartStyle.dashed(1.0f));
    }

    private ScaleFigure() { }
}
