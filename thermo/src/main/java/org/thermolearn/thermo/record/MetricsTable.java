package org.thermolearn.thermo.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The complete rows of a {@code metrics.arrow} file as plain Java values, with the column specs
 * (unit, description, formula) and schema metadata, and whether a half-written last batch was
 * dropped.
 *
 * @param file          the file read
 * @param columns       column specs in file order
 * @param metadata      schema-level metadata (provenance, kind, version)
 * @param rows          one unmodifiable map per row: column name → Double, Long or String
 * @param truncatedTail true if bytes after the last complete batch were ignored (a killed writer)
 * @param ignoredBytes  how many bytes were ignored
 * @param closed        true if the writer closed the file cleanly (end-of-stream marker present)
 */
public record MetricsTable(Path file, List<ColumnSpec> columns, Map<String, String> metadata,
                           List<Map<String, Object>> rows, boolean truncatedTail, long ignoredBytes, boolean closed) {

    public MetricsTable {
        columns = List.copyOf(columns);
        metadata = Map.copyOf(metadata);
        rows = List.copyOf(rows);
    }

    public int rowCount() { return rows.size(); }

    /** Column names in file order. */
    public List<String> names() {
        List<String> n = new ArrayList<>();
        for (ColumnSpec c : columns) n.add(c.name());
        return n;
    }

    /** The spec of a column. */
    public ColumnSpec spec(String name) {
        for (ColumnSpec c : columns) if (c.name().equals(name)) return c;
        throw new IllegalArgumentException("metrics file " + file + " has no column '" + name + "'; columns are " + names());
    }

    /** A float64 or int64 column as doubles (int64 values converted). */
    public double[] column(String name) {
        ColumnSpec c = spec(name);
        if (c.type() == ColumnType.UTF8) throw new IllegalArgumentException("column '" + name + "' is text; use stringColumn");
        double[] d = new double[rows.size()];
        for (int i = 0; i < d.length; i++) d[i] = ((Number) rows.get(i).get(name)).doubleValue();
        return d;
    }

    /** An int64 column. */
    public long[] longColumn(String name) {
        ColumnSpec c = spec(name);
        if (c.type() != ColumnType.INT64) throw new IllegalArgumentException("column '" + name + "' is " + c.type() + ", not INT64");
        long[] d = new long[rows.size()];
        for (int i = 0; i < d.length; i++) d[i] = (Long) rows.get(i).get(name);
        return d;
    }

    /** A utf8 column. */
    public List<String> stringColumn(String name) {
        ColumnSpec c = spec(name);
        if (c.type() != ColumnType.UTF8) throw new IllegalArgumentException("column '" + name + "' is " + c.type() + ", not UTF8");
        List<String> d = new ArrayList<>();
        for (Map<String, Object> r : rows) d.add((String) r.get(name));
        return d;
    }
}
