package org.thermolearn.experiments.notebook;

import org.thermolearn.experiments.run.ColumnNames;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A column table read from any Arrow IPC stream file: numeric columns (float64, float32, int64, int32)
 * as doubles with nulls as NaN, text columns as strings with nulls as null; other types (lists) are
 * skipped. Column metadata (unit, description, formula) is kept. Immutable; {@link #where} and
 * {@link #lastPerGroup} return new tables.
 */
public class Table {

    private final Path file;
    private final Map<String, Object> columns;   // name → double[] or String[]
    private final Map<String, Map<String, String>> fieldMeta;
    private final Map<String, String> metadata;
    private final int rows;

    Table(Path file, Map<String, Object> columns, Map<String, Map<String, String>> fieldMeta, Map<String, String> metadata, int rows) {
        this.file = file;
        this.columns = columns;
        this.fieldMeta = fieldMeta;
        this.metadata = metadata;
        this.rows = rows;
    }

    Table(Table t) { this(t.file, t.columns, t.fieldMeta, t.metadata, t.rows); }

    /** Reads an Arrow IPC stream file. */
    public static Table read(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + " is not a file; give an Arrow IPC stream file such as metrics.arrow or collected.arrow");
        Map<String, List<Object>> parts = new LinkedHashMap<>();
        Map<String, Boolean> numeric = new LinkedHashMap<>();
        Map<String, Map<String, String>> meta = new LinkedHashMap<>();
        Map<String, String> schemaMeta;
        int rows = 0;
        try (BufferAllocator alloc = new RootAllocator(); InputStream in = Files.newInputStream(file);
             ArrowStreamReader r = new ArrowStreamReader(in, alloc)) {
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            schemaMeta = root.getSchema().getCustomMetadata() == null ? Map.of() : Map.copyOf(root.getSchema().getCustomMetadata());
            for (Field f : root.getSchema().getFields()) {
                Boolean num = kind(root.getVector(f.getName()));
                if (num == null) continue;
                numeric.put(f.getName(), num);
                parts.put(f.getName(), new ArrayList<>());
                meta.put(f.getName(), f.getMetadata() == null ? Map.of() : Map.copyOf(f.getMetadata()));
            }
            while (r.loadNextBatch()) {
                int n = root.getRowCount();
                for (String name : parts.keySet()) {
                    FieldVector v = root.getVector(name);
                    if (numeric.get(name)) {
                        double[] d = new double[n];
                        for (int i = 0; i < n; i++) d[i] = v.isNull(i) ? Double.NaN : ((Number) v.getObject(i)).doubleValue();
                        parts.get(name).add(d);
                    } else {
                        String[] s = new String[n];
                        for (int i = 0; i < n; i++) s[i] = v.isNull(i) ? null : v.getObject(i).toString();
                        parts.get(name).add(s);
                    }
                }
                rows += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as an Arrow IPC stream: " + e.getMessage(), e);
        }
        Map<String, Object> cols = new LinkedHashMap<>();
        for (var e : parts.entrySet()) {
            if (numeric.get(e.getKey())) {
                double[] all = new double[rows];
                int o = 0;
                for (Object p : e.getValue()) {
                    double[] d = (double[]) p;
                    System.arraycopy(d, 0, all, o, d.length);
                    o += d.length;
                }
                cols.put(e.getKey(), all);
            } else {
                String[] all = new String[rows];
                int o = 0;
                for (Object p : e.getValue()) {
                    String[] s = (String[]) p;
                    System.arraycopy(s, 0, all, o, s.length);
                    o += s.length;
                }
                cols.put(e.getKey(), all);
            }
        }
        return new Table(file, cols, meta, schemaMeta, rows);
    }

    /** true = numeric, false = text, null = skipped. */
    private static Boolean kind(FieldVector v) {
        if (v instanceof Float8Vector || v instanceof Float4Vector || v instanceof BigIntVector || v instanceof IntVector) return true;
        if (v instanceof VarCharVector) return false;
        return null;
    }

    /** The file read. */
    public Path file() { return file; }

    /** Number of rows. */
    public int rowCount() { return rows; }

    /** Column names in file order (list columns are not included). */
    public List<String> names() { return List.copyOf(columns.keySet()); }

    /** True if the table has this column. */
    public boolean has(String name) { return columns.containsKey(name); }

    /** True if the column is numeric. */
    public boolean isNumeric(String name) { return column(name) instanceof double[]; }

    /** A numeric column (nulls are NaN). */
    public double[] doubles(String name) {
        Object c = column(name);
        if (!(c instanceof double[] d)) throw new IllegalArgumentException("column '" + name + "' is text; use strings(\"" + name + "\")");
        return d.clone();
    }

    /** A text column; a numeric column is formatted. */
    public String[] strings(String name) {
        Object c = column(name);
        if (c instanceof String[] s) return s.clone();
        double[] d = (double[]) c;
        String[] s = new String[d.length];
        for (int i = 0; i < d.length; i++) s[i] = format(d[i]);
        return s;
    }

    /** The distinct values of a column in order of first appearance. */
    public List<String> distinct(String name) { return List.copyOf(new LinkedHashSet<>(List.of(strings(name)))); }

    /** The column's field metadata (unit, description, formula), empty if none. */
    public Map<String, String> describe(String name) {
        column(name);
        return fieldMeta.getOrDefault(name, Map.of());
    }

    /** The file's schema metadata. */
    public Map<String, String> metadata() { return metadata; }

    private Object column(String name) {
        Object c = columns.get(name);
        if (c == null) throw new IllegalArgumentException(unknownColumn(name, columns.keySet(), file.getFileName().toString()));
        return c;
    }

    /** One short line for an unknown column ({@link ColumnNames#unknown}). */
    static String unknownColumn(String name, java.util.Collection<String> names, String where) {
        return ColumnNames.unknown(name, names, where, "names() lists its " + names.size() + " columns");
    }

    /** The rows for which the predicate (on the row index) holds. */
    public Table where(IntPredicate row) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < rows; i++) if (row.test(i)) keep.add(i);
        return select(keep);
    }

    /** The rows where a text (or formatted numeric) column equals {@code value}. */
    public Table where(String column, String value) {
        String[] s = strings(column);
        return where(i -> value.equals(s[i]));
    }

    /**
     * One row per group (rows with equal values in all {@code groupColumns}): the one with the largest
     * {@code orderColumn}, e.g. the final checkpoint of every task.
     */
    public Table lastPerGroup(String orderColumn, List<String> groupColumns) {
        double[] order = doubles(orderColumn);
        List<String[]> keys = new ArrayList<>();
        for (String g : groupColumns) keys.add(strings(g));
        Map<String, Integer> best = new LinkedHashMap<>();
        for (int i = 0; i < rows; i++) {
            StringBuilder k = new StringBuilder();
            for (String[] s : keys) k.append(s[i]).append('\u0001');
            Integer b = best.get(k.toString());
            if (b == null || order[i] > order[b] || (order[i] == order[b])) best.put(k.toString(), i);
        }
        List<Integer> keep = new ArrayList<>(best.values());
        Collections.sort(keep);
        return select(keep);
    }

    Table select(List<Integer> keep) {
        Map<String, Object> cols = new LinkedHashMap<>();
        for (var e : columns.entrySet()) {
            if (e.getValue() instanceof double[] d) {
                double[] n = new double[keep.size()];
                for (int i = 0; i < n.length; i++) n[i] = d[keep.get(i)];
                cols.put(e.getKey(), n);
            } else {
                String[] s = (String[]) e.getValue();
                String[] n = new String[keep.size()];
                for (int i = 0; i < n.length; i++) n[i] = s[keep.get(i)];
                cols.put(e.getKey(), n);
            }
        }
        return new Table(file, cols, fieldMeta, metadata, keep.size());
    }

    /** A plain-text table of the given columns (all when none given), at most 50 rows. */
    public String print(String... names) {
        List<String> cols = names.length == 0 ? names() : List.of(names);
        List<String[]> cells = new ArrayList<>();
        for (String c : cols) cells.add(strings(c));
        int[] w = new int[cols.size()];
        for (int j = 0; j < w.length; j++) {
            w[j] = cols.get(j).length();
            for (int i = 0; i < Math.min(rows, 50); i++) w[j] = Math.max(w[j], String.valueOf(cells.get(j)[i]).length());
        }
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < w.length; j++) b.append(String.format(Locale.ROOT, "%" + w[j] + "s  ", cols.get(j)));
        b.append('\n');
        for (int i = 0; i < Math.min(rows, 50); i++) {
            for (int j = 0; j < w.length; j++) b.append(String.format(Locale.ROOT, "%" + w[j] + "s  ", cells.get(j)[i]));
            b.append('\n');
        }
        if (rows > 50) b.append("… ").append(rows - 50).append(" more rows\n");
        return b.toString();
    }

    static String format(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) return String.format(Locale.ROOT, "%.4e", v);
        String g = String.format(Locale.ROOT, "%.5g", v);
        if (g.contains(".") && !g.contains("e")) g = g.replaceAll("0+$", "").replaceAll("\\.$", "");
        return g;
    }

    @Override
    public String toString() {
        return "Table[" + file + ": " + rows + " rows, " + columns.size() + " columns]";
    }
}
