package org.thermolearn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.MetricsTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cross-run figures of a sweep: the value of a metric at each task's final checkpoint against one
 * numeric swept parameter (learning rate, depth, …), one line per combination of the other swept
 * parameters, averaged over seeds. Metrics: C_&gt;(1) of the all-N space (S21), the skewness γ of
 * the non-trivial spectrum (S35), test and validation accuracy.
 */
final class SweepFigures {

    static final List<String> METRICS = List.of(Metric.C_GT.column(IntegrationSpace.ALL), Metric.SKEWNESS_NT.column(IntegrationSpace.ALL), Metric.TEST_ACCURACY.column(), Metric.VALIDATION_ACCURACY.column());

    private SweepFigures() { }

    static List<Path> write(SweepDir sweep, List<SweepTask> tasks, List<MetricsTable> tables,
                            Map<String, Boolean> numeric, boolean withDepth) throws IOException {
        List<Path> out = new ArrayList<>();
        if (tasks.isEmpty()) return out;
        List<String> xs = new ArrayList<>();
        for (var e : numeric.entrySet()) if (e.getValue() && !e.getKey().equals("seed") && distinct(tasks, e.getKey()) > 1) xs.add(e.getKey());
        if (withDepth && distinctDepth(tasks) > 1) xs.add("depth");
        if (xs.isEmpty()) return out;
        Path dir = sweep.path().resolve("figures");
        Files.createDirectories(dir);
        for (String metric : METRICS) {
            boolean has = false;
            for (MetricsTable m : tables) if (m.names().contains(metric) && m.rowCount() > 0) has = true;
            if (!has) continue;
            for (String x : xs) {
                // series key → x → (sum, n)
                Map<String, TreeMap<Double, double[]>> series = new TreeMap<>();
                for (int i = 0; i < tasks.size(); i++) {
                    SweepTask t = tasks.get(i);
                    MetricsTable m = tables.get(i);
                    if (!m.names().contains(metric) || m.rowCount() == 0) continue;
                    Object last = m.rows().get(m.rowCount() - 1).get(metric);
                    if (!(last instanceof Number n)) continue;
                    Double xv = xValue(t, x);
                    if (xv == null) continue;
                    StringBuilder key = new StringBuilder();
                    for (var p : t.params().entrySet()) {
                        String k = p.getKey();
                        if (k.equals(x) || k.equals("seed") || (x.equals("depth") && k.equals("architecture"))) continue;
                        key.append(key.length() > 0 ? ", " : "").append(k).append('=').append(p.getValue().isTextual() ? p.getValue().asText() : p.getValue().toString());
                    }
                    String sk = key.length() == 0 ? metric : key.toString();
                    double[] acc = series.computeIfAbsent(sk, k -> new TreeMap<>()).computeIfAbsent(xv, k -> new double[2]);
                    acc[0] += n.doubleValue();
                    acc[1] += 1;
                }
                if (series.isEmpty()) continue;
                XYChart chart = new XYChartBuilder().width(800).height(560)
                        .title("final " + metric + " vs " + x + " (" + sweep.spec().name() + ")")
                        .xAxisTitle(x).yAxisTitle(metric + " at the last checkpoint").build();
                boolean logX = true;
                double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
                for (var s : series.values()) for (double v : s.keySet()) {
                    if (v <= 0) logX = false;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                chart.getStyler().setXAxisLogarithmic(logX && hi / lo >= 10);
                chart.getStyler().setLegendVisible(series.size() > 1 || !series.containsKey(metric));
                int si = 0;
                for (var s : series.entrySet()) {
                    double[] xv = new double[s.getValue().size()], yv = new double[xv.length];
                    int j = 0;
                    for (var p : s.getValue().entrySet()) {
                        xv[j] = p.getKey();
                        yv[j++] = p.getValue()[0] / p.getValue()[1];
                    }
                    String name = s.getKey();
                    if (name.length() > 60) name = name.substring(0, 57) + "...";
                    XYSeries xy = chart.addSeries(name + (si++ > 0 && series.size() > 1 ? "" : ""), xv, yv);
                    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                }
                Path f = dir.resolve(metric + "_vs_" + x + ".png");
                BitmapEncoder.saveBitmap(chart, f.toString(), BitmapEncoder.BitmapFormat.PNG);
                out.add(f);
            }
        }
        return out;
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
