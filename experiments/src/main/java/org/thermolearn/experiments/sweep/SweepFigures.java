package org.thermolearn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.thermolearn.experiments.figures.ChartStyle;
import org.thermolearn.experiments.figures.FigureWriter;
import org.thermolearn.thermo.record.MetricsTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cross-run figures of a sweep: the value of a metric at each task's final checkpoint against one
 * numeric swept parameter (learning rate, depth, …), one line per combination of the other swept
 * parameters, as the mean over seeds with ± one sample standard deviation as error bars (a single
 * seed: no bar). Metrics: C_&gt;(1) of the all-N space (S21), the skewness γ of the non-trivial
 * spectrum (S35), test and validation accuracy. Files are named after the columns of
 * {@code collected.arrow} they plot: {@code <metric>_vs_param_<key>.png} (with .svg and .pdf).
 */
final class SweepFigures {

    static final List<String> METRICS = List.of(Metric.C_GT.column(IntegrationSpace.ALL), Metric.SKEWNESS_NT.column(IntegrationSpace.ALL), Metric.TEST_ACCURACY.column(), Metric.VALIDATION_ACCURACY.column());

    private SweepFigures() { }

    /** The collected-table column of a swept key ({@code depth} derived from the architecture: {@code param_depth}). */
    static String column(String key) { return SweepCollector.paramColumn(key); }

    static List<Path> write(SweepDir sweep, List<SweepTask> tasks, List<MetricsTable> tables,
                            Map<String, Boolean> numeric, boolean withDepth) throws IOException {
        List<Path> out = new ArrayList<>();
        if (tasks.isEmpty()) return out;
        List<String> xs = new ArrayList<>();
        for (var e : numeric.entrySet()) if (e.getValue() && !e.getKey().equals("seed") && distinct(tasks, e.getKey()) > 1) xs.add(e.getKey());
        if (withDepth && distinctDepth(tasks) > 1) xs.add("depth");
        if (xs.isEmpty()) return out;
        Path dir = sweep.path().resolve("figures");
        for (String metric : METRICS) {
            boolean has = false;
            for (MetricsTable m : tables) if (m.names().contains(metric) && m.rowCount() > 0) has = true;
            if (!has) continue;
            for (String x : xs) {
                // series key → x → the final values of its tasks (one per seed)
                Map<String, TreeMap<Double, List<Double>>> series = new TreeMap<>();
                for (int i = 0; i < tasks.size(); i++) {
                    SweepTask t = tasks.get(i);
                    MetricsTable m = tables.get(i);
                    if (!m.names().contains(metric) || m.rowCount() == 0) continue;
                    Object last = m.rows().get(m.rowCount() - 1).get(metric);
                    if (!(last instanceof Number n) || !Double.isFinite(n.doubleValue())) continue;
                    Double xv = xValue(t, x);
                    if (xv == null) continue;
                    StringBuilder key = new StringBuilder();
                    for (var p : t.params().entrySet()) {
                        String k = p.getKey();
                        if (k.equals(x) || k.equals("seed") || (x.equals("depth") && k.equals("architecture"))) continue;
                        key.append(key.length() > 0 ? ", " : "").append(column(k)).append(" = ")
                                .append(p.getValue().isTextual() ? p.getValue().asText() : p.getValue().toString());
                    }
                    String sk = key.length() == 0 ? metric : key.toString();
                    series.computeIfAbsent(sk, k -> new TreeMap<>()).computeIfAbsent(xv, k -> new ArrayList<>()).add(n.doubleValue());
                }
                if (series.isEmpty()) continue;
                int seeds = series.values().stream().flatMap(s -> s.values().stream()).mapToInt(List::size).max().orElse(1);
                String xCol = column(x);
                XYChart chart = ChartStyle.xy(900, 600,
                        metric + " at the last checkpoint vs " + xCol + " (" + sweep.spec().name() + ")"
                                + (seeds > 1 ? ": mean ± sd over seeds" : ""),
                        xCol, metric + " at the last checkpoint");
                boolean logX = true;
                double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
                for (var s : series.values()) for (double v : s.keySet()) {
                    if (v <= 0) logX = false;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                chart.getStyler().setXAxisLogarithmic(logX && hi / lo >= 10);
                chart.getStyler().setLegendVisible(series.size() > 1 || !series.containsKey(metric));
                for (var s : series.entrySet()) {
                    MeanSd ms = MeanSd.of(s.getValue());
                    String name = s.getKey();
                    if (name.length() > 80) name = name.substring(0, 77) + "…";
                    XYSeries xy = ms.anySpread() ? chart.addSeries(name, ms.x(), ms.mean(), ms.sd()) : chart.addSeries(name, ms.x(), ms.mean());
                    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    xy.setMarker(SeriesMarkers.CIRCLE);
                }
                out.add(FigureWriter.write(dir, metric + "_vs_" + xCol, FigureWriter.Panels.of(chart), FigureWriter.ALL));
            }
        }
        return out;
    }

    /** Mean and sample standard deviation (0 for one value) of the values at each x. */
    record MeanSd(double[] x, double[] mean, double[] sd) {
        static MeanSd of(TreeMap<Double, List<Double>> byX) {
            double[] x = new double[byX.size()], m = new double[x.length], sd = new double[x.length];
            int j = 0;
            for (var p : byX.entrySet()) {
                List<Double> v = p.getValue();
                double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double ss = 0;
                for (double d : v) ss += (d - mean) * (d - mean);
                x[j] = p.getKey();
                m[j] = mean;
                sd[j++] = v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0;
            }
            return new MeanSd(x, m, sd);
        }

        boolean anySpread() {
            for (double d : sd) if (d > 0) return true;
            return false;
        }
    }

    private static Double xValue(SweepTask t, String x) {
        if (x.equals("depth") && !t.params().containsKey("depth")) {
            JsonNode a = t.params().get("architecture");
            return a == null || a.isNull() ? null : SweepCollector.depth(a.asText());
        }
        JsonNode v = t.params().get(x);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    private static long distinct(List<SweepTask> tasks, String k) {
        return tasks.stream().map(t -> String.valueOf(t.params().get(k))).distinct().count();
    }

    private static long distinctDepth(List<SweepTask> tasks) {
        return tasks.stream().map(t -> xValue(t, "depth")).distinct().count();
    }
}
