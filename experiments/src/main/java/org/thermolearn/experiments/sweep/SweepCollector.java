package org.thermolearn.experiments.sweep;

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
import org.thermolearn.thermo.metric.RunView;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.ColumnType;
import org.thermolearn.thermo.record.MetricsTable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a sweep into one Arrow IPC stream file, {@code collected.arrow}: one row per (task,
 * checkpoint) with {@code task_id}, {@code task_index}, every swept parameter as
 * {@code param_<snake_case key>} (float64 when all its values are numbers, else utf8), a derived
 * {@code param_depth} (hidden layers) when the architecture is swept, and the union of all metric
 * columns (types, units, descriptions and formula numbers copied; null where a task lacks one).
 * Only finished tasks are collected; the rest are reported as missing. Figures of final values go to
 * {@code figures/}.
 */
public final class SweepCollector {

    /** What was collected and what is missing (task index, id, state). */
    public record Result(Path file, int rows, int tasks, List<String> missing, List<String> columns, List<Path> figures, List<String> damaged) { }

    private final SweepDir sweep;

    public SweepCollector(SweepDir sweep) { this.sweep = sweep; }

    /** A camelCase config key as a column name: {@code learningRate} → {@code param_learning_rate}. */
    public static String paramColumn(String key) {
        return "param_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase().replaceAll("[^a-z0-9_]", "_");
    }

    /** Hidden layers of an architecture string such as {@code 784-100-100-10} (skip edges after '+' ignored). */
    public static double depth(String architecture) {
        String a = architecture.split("\\+")[0].trim();
        return Math.max(0, a.split("-").length - 2);
    }

    public Result collect() throws IOException {
        List<String> keys = sweep.spec().sweptKeys();
        List<String> missing = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        List<SweepTask> got = new ArrayList<>();
        List<MetricsTable> tables = new ArrayList<>();
        Map<String, ColumnSpec> metricCols = new LinkedHashMap<>();
        for (SweepTask t : sweep.tasks()) {
            if (!sweep.isDone(t.id())) {
                missing.add("task " + t.index() + " " + t.id() + " " + SweepStatus.describe(sweep, t, Map.of()));
                continue;
            }
            MetricsTable m;
            try {
                org.thermolearn.experiments.run.RunIntegrity integrity = org.thermolearn.experiments.run.RunIntegrity.check(sweep.taskDir(t.id()));
                if (!integrity.sound()) {
                    damaged.add("task " + t.index() + " " + t.id() + ": " + integrity.describe());
                    continue;
                }
                m = RunView.openMetrics(sweep.taskDir(t.id())).metrics();
            } catch (IOException | RuntimeException e) {
                missing.add("task " + t.index() + " " + t.id() + " done but its metrics.arrow cannot be read: " + e.getMessage());
                continue;
            }
            for (ColumnSpec c : m.columns()) {
                ColumnSpec prev = metricCols.putIfAbsent(c.name(), c);
                if (prev != null && prev.type() != c.type()) {
                    if (prev.type() == ColumnType.UTF8 || c.type() == ColumnType.UTF8) {
                        throw new SweepException("column " + c.name() + " is " + prev.type() + " in one task and " + c.type() + " in task " + t.id() + "; cannot collect", false);
                    }
                    metricCols.put(c.name(), new ColumnSpec(c.name(), ColumnType.DOUBLE, c.unit(), c.description(), c.formula()));
                }
            }
            got.add(t);
            tables.add(m);
        }
        // parameter columns
        Map<String, Boolean> numeric = new LinkedHashMap<>();
        for (String k : keys) {
            boolean num = true;
            for (SweepTask t : sweep.tasks()) {
                JsonNode v = t.params().get(k);
                if (v != null && !v.isNull() && !v.isNumber()) num = false;
            }
            numeric.put(k, num);
        }
        boolean withDepth = keys.contains("architecture") && !keys.contains("depth");

        List<Field> fields = new ArrayList<>();
        fields.add(field("task_id", new ArrowType.Utf8(), false, Map.of("description", "stable task id: SHA-256 prefix of the resolved configuration")));
        fields.add(field("task_index", new ArrowType.Int(64, true), false, Map.of("description", "position in the sweep plan (Slurm array index)")));
        for (String k : keys) {
            fields.add(field(paramColumn(k), numeric.get(k) ? new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE) : new ArrowType.Utf8(), true,
                    Map.of("description", "swept run-config key " + k, "config_key", k)));
        }
        if (withDepth) fields.add(field("param_depth", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), true,
                Map.of("description", "hidden layers of the swept architecture", "config_key", "architecture")));
        for (ColumnSpec c : metricCols.values()) {
            Field f = c.toField();
            fields.add(new Field(f.getName(), new FieldType(true, f.getType(), null, f.getMetadata()), null));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("thermolearn.kind", "sweep_collected");
        meta.put("thermolearn.sweep", sweep.spec().name());
        meta.put("thermolearn.swept_keys", String.join(",", keys));
        meta.put("thermolearn.tasks_total", Integer.toString(sweep.tasks().size()));
        meta.put("thermolearn.tasks_collected", Integer.toString(got.size()));
        Schema schema = new Schema(fields, meta);

        int rows = 0;
        for (MetricsTable m : tables) rows += m.rowCount();
        Path file = sweep.path().resolve("collected.arrow");
        Path tmp = sweep.path().resolve(".collected.arrow.tmp");
        try (BufferAllocator alloc = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, alloc)) {
            root.allocateNew();
            int r = 0;
            for (int ti = 0; ti < got.size(); ti++) {
                SweepTask t = got.get(ti);
                MetricsTable m = tables.get(ti);
                for (Map<String, Object> row : m.rows()) {
                    ((VarCharVector) root.getVector("task_id")).setSafe(r, t.id().getBytes(StandardCharsets.UTF_8));
                    ((BigIntVector) root.getVector("task_index")).setSafe(r, t.index());
                    for (String k : keys) {
                        JsonNode v = t.params().get(k);
                        FieldVector vec = root.getVector(paramColumn(k));
                        if (v == null || v.isNull()) setNull(vec, r);
                        else if (numeric.get(k)) ((Float8Vector) vec).setSafe(r, v.asDouble());
                        else ((VarCharVector) vec).setSafe(r, v.asText().getBytes(StandardCharsets.UTF_8));
                    }
                    if (withDepth) {
                        JsonNode a = t.params().get("architecture");
                        Float8Vector vec = (Float8Vector) root.getVector("param_depth");
                        if (a == null || a.isNull()) vec.setNull(r);
                        else vec.setSafe(r, depth(a.asText()));
                    }
                    for (ColumnSpec c : metricCols.values()) {
                        FieldVector vec = root.getVector(c.name());
                        Object v = row.get(c.name());
                        if (v == null) setNull(vec, r);
                        else if (vec instanceof Float8Vector f) f.setSafe(r, ((Number) v).doubleValue());
                        else if (vec instanceof BigIntVector b) b.setSafe(r, ((Number) v).longValue());
                        else ((VarCharVector) vec).setSafe(r, v.toString().getBytes(StandardCharsets.UTF_8));
                    }
                    r++;
                }
            }
            root.setRowCount(r);
            try (OutputStream os = Files.newOutputStream(tmp);
                 ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(os))) {
                w.start();
                w.writeBatch();
                w.end();
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<String> names = new ArrayList<>();
        for (Field f : fields) names.add(f.getName());
        List<Path> figs = SweepFigures.write(sweep, got, tables, numeric, withDepth);
        return new Result(file, rows, got.size(), missing, names, figs, damaged);
    }

    private static Field field(String name, ArrowType type, boolean nullable, Map<String, String> meta) {
        return new Field(name, new FieldType(nullable, type, null, meta), null);
    }

    private static void setNull(FieldVector v, int r) {
        if (v instanceof Float8Vector f) f.setNull(r);
        else if (v instanceof BigIntVector b) b.setNull(r);
        else if (v instanceof VarCharVector s) s.setNull(r);
    }
}
