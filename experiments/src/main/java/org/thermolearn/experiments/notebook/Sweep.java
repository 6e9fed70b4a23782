package org.thermolearn.experiments.notebook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.run.TrainingRun;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.ColumnType;
import org.thermolearn.thermo.record.MetricsTable;

/**
 * A sweep's collected table ({@code <sweep>/collected.arrow}): one row per task and checkpoint, with
 * {@code task_id}, {@code task_index}, every swept configuration key as a {@code param_<snake_case>} column
 * ({@code param_learning_rate}, {@code param_architecture}, and {@code param_depth} = hidden layers when the
 * architecture is swept) and the metric columns of metrics.arrow ({@code c_gt_1_all}, {@code skewness_nt_all},
 * {@code test_accuracy}, {@code epoch}, …).
 *
 * <pre>{@code
 * Sweep s = ThermoLearn.sweep("sweeps/depth").finals();        // the last checkpoint of every task
 * System.out.println(s.print("param_architecture", "param_learning_rate", "c_gt_1_all", "skewness_nt_all"));
 * s.plot("param_depth", "skewness_nt_all", "param_learning_rate").show();
 * }</pre>
 *
 * {@link #collect(Path, List)} writes such a table from run directories (the swept keys are the
 * configuration keys whose values differ between the runs), for sweeps made by hand.
 */
public final class Sweep extends Table {

    /** Name of the collected table inside a sweep directory. */
    public static final String COLLECTED = "collected.arrow";

    private Sweep(Table t) { super(t); }

    /** Reads a collected table: the file, or a sweep directory holding {@value #COLLECTED}. */
    public static Sweep read(Path fileOrDir) {
        Path f = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(COLLECTED) : fileOrDir;
        return new Sweep(Table.read(f));
    }

    /** The swept-parameter columns ({@code param_*}). */
    public List<String> params() {
        List<String> p = new ArrayList<>();
        for (String n : names()) if (n.startsWith("param_")) p.add(n);
        return p;
    }

    /** The columns that identify a task: {@code task_id} when present, else the parameter columns. */
    public List<String> taskColumns() {
        return has("task_id") ? List.of("task_id") : params();
    }

    /** The final row (largest epoch, then checkpoint) of every task. */
    public Sweep finals() {
        String order = has("checkpoint") ? "checkpoint" : "epoch";
        return new Sweep(lastPerGroup(order, taskColumns()));
    }

    /** The rows of one parameter value, e.g. {@code only("param_learning_rate", "0.1")}. */
    public Sweep only(String column, String value) { return new Sweep(where(column, value)); }

    /**
     * {@code y} against {@code x}, one line per distinct value of {@code seriesBy} (null: one line); points
     * of a series are sorted by x. Text x columns (e.g. {@code param_architecture}) are placed at 0, 1, 2, …
     * in order of appearance. Where a series holds several rows at the same x (seeds), the line goes
     * through their mean with ± one sample standard deviation as error bars.
     */
    public Figure plot(String x, String y, String seriesBy) {
        double[] xs;
        List<String> cats = null;
        if (isNumeric(x)) {
            xs = doubles(x);
        } else {
            cats = distinct(x);
            String[] s = strings(x);
            xs = new double[s.length];
            for (int i = 0; i < s.length; i++) xs[i] = cats.indexOf(s[i]);
        }
        double[] ys = doubles(y);
        String[] groups = seriesBy == null ? null : strings(seriesBy);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < rowCount(); i++) names.add(groups == null ? y : groups[i]);
        Figure f = Figure.lines(y + " vs " + x + (cats == null ? "" : " " + cats), x, y);
        for (String n : names) {
            java.util.TreeMap<Double, List<Double>> byX = new java.util.TreeMap<>();
            for (int i = 0; i < rowCount(); i++) {
                if ((groups == null || n.equals(groups[i])) && Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                    byX.computeIfAbsent(xs[i], k -> new ArrayList<>()).add(ys[i]);
                }
            }
            double[] px = new double[byX.size()], py = new double[px.length], sd = new double[px.length];
            boolean repeated = false;
            int j = 0;
            for (var e : byX.entrySet()) {
                List<Double> v = e.getValue();
                double m = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), ss = 0;
                for (double d : v) ss += (d - m) * (d - m);
                px[j] = e.getKey();
                py[j] = m;
                sd[j++] = v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0;
                repeated |= v.size() > 1;
            }
            String label = seriesBy == null ? n : seriesBy + " = " + n;
            if (repeated) f.add(label + " (mean ± sd)", px, py, sd);
            else f.add(label, px, py);
        }
        return f;
    }

    // ------------------------------------------------------------------ collecting runs made by hand

    /**
     * Writes {@code out} (an Arrow IPC stream, the layout of a sweep's collected.arrow) from finished run
     * directories: {@code task_id} = the run's directory name, {@code task_index}, one {@code param_*} column
     * per configuration key whose value differs between the runs (plus {@code param_depth} when the
     * architecture differs), and the union of the runs' metric columns (null where a run lacks one).
     */
    public static Sweep collect(Path out, List<Run> runs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs to collect");
        try {
            List<JsonNode> configs = new ArrayList<>();
            for (Run r : runs) configs.add(ConfigLoader.json().readTree(r.directory().resolve(TrainingRun.RUN_JSON).toFile()).get("config"));
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = configs.get(0).fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.equals("output") || k.equals("dataDir")) continue;
                for (JsonNode c : configs) {
                    if (!c.path(k).equals(configs.get(0).path(k))) {
                        keys.add(k);
                        break;
                    }
                }
            }
            Map<String, Boolean> numeric = new LinkedHashMap<>();
            for (String k : keys) {
                boolean num = true;
                for (JsonNode c : configs) if (!c.path(k).isNumber()) num = false;
                numeric.put(k, num);
            }
            boolean depth = keys.contains("architecture");
            List<MetricsTable> tables = new ArrayList<>();
            Map<String, ColumnSpec> metricCols = new LinkedHashMap<>();
            for (Run r : runs) {
                MetricsTable m = r.metrics();
                tables.add(m);
                for (ColumnSpec c : m.columns()) metricCols.putIfAbsent(c.name(), c);
            }
            List<Field> fields = new ArrayList<>();
            fields.add(new Field("task_id", new FieldType(false, ArrowType.Utf8.INSTANCE, null, Map.of("description", "run directory name")), null));
            fields.add(new Field("task_index", new FieldType(false, new ArrowType.Int(64, true), null, Map.of("description", "position in the list of runs")), null));
            ArrowType f64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            for (String k : keys) {
                fields.add(new Field(paramColumn(k), new FieldType(true, numeric.get(k) ? f64 : ArrowType.Utf8.INSTANCE, null,
                        Map.of("description", "swept run-config key " + k, "config_key", k)), null));
            }
            if (depth) fields.add(new Field("param_depth", new FieldType(true, f64, null, Map.of("description", "hidden layers", "config_key", "architecture")), null));
            for (ColumnSpec c : metricCols.values()) {
                Field f = c.toField();
                fields.add(new Field(f.getName(), new FieldType(true, f.getType(), null, f.getMetadata()), null));
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("thermolearn.kind", "sweep_collected");
            meta.put("thermolearn.swept_keys", String.join(",", keys));
            meta.put("thermolearn.tasks_total", Integer.toString(runs.size()));
            meta.put("thermolearn.tasks_collected", Integer.toString(runs.size()));
            meta.put("thermolearn.collected_by", "notebook facade Sweep.collect");
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve("." + out.getFileName() + ".tmp");
            try (BufferAllocator alloc = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields, meta), alloc)) {
                root.allocateNew();
                int r = 0;
                for (int t = 0; t < runs.size(); t++) {
                    JsonNode cfg = configs.get(t);
                    for (Map<String, Object> row : tables.get(t).rows()) {
                        ((VarCharVector) root.getVector("task_id")).setSafe(r, runs.get(t).name().getBytes(StandardCharsets.UTF_8));
                        ((BigIntVector) root.getVector("task_index")).setSafe(r, t);
                        for (String k : keys) {
                            FieldVector v = root.getVector(paramColumn(k));
                            JsonNode val = cfg.path(k);
                            if (val.isMissingNode() || val.isNull()) setNull(v, r);
                            else if (numeric.get(k)) ((Float8Vector) v).setSafe(r, val.asDouble());
                            else ((VarCharVector) v).setSafe(r, val.asText().getBytes(StandardCharsets.UTF_8));
                        }
                        if (depth) ((Float8Vector) root.getVector("param_depth")).setSafe(r, depth(cfg.path("architecture").asText()));
                        for (ColumnSpec c : metricCols.values()) {
                            FieldVector v = root.getVector(c.name());
                            Object val = row.get(c.name());
                            if (val == null) setNull(v, r);
                            else if (c.type() == ColumnType.DOUBLE) ((Float8Vector) v).setSafe(r, ((Number) val).doubleValue());
                            else if (c.type() == ColumnType.INT64) ((BigIntVector) v).setSafe(r, ((Number) val).longValue());
                            else ((VarCharVector) v).setSafe(r, val.toString().getBytes(StandardCharsets.UTF_8));
                        }
                        r++;
                    }
                }
                root.setRowCount(r);
                try (OutputStream os = Files.newOutputStream(tmp); ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(os))) {
                    w.start();
                    w.writeBatch();
                    w.end();
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return read(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot collect the runs into " + out + ": " + e.getMessage(), e);
        }
    }

    /** {@code learningRate} → {@code param_learning_rate} (the sweep collector's naming). */
    public static String paramColumn(String key) {
        return "param_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase().replaceAll("[^a-z0-9_]", "_");
    }

    /** Hidden layers of an architecture string such as 784-100-100-10 (skip edges ignored). */
    public static double depth(String architecture) {
        String a = architecture.split("\\+")[0].trim();
        return Math.max(0, a.split("-").length - 2);
    }

    private static void setNull(FieldVector v, int r) {
        if (v instanceof Float8Vector f) f.setNull(r);
        else if (v instanceof BigIntVector b) b.setNull(r);
        else if (v instanceof VarCharVector s) s.setNull(r);
    }

    @Override
    public String toString() {
        return "Sweep[" + file() + ": " + rowCount() + " rows, params " + params() + "]";
    }
}
