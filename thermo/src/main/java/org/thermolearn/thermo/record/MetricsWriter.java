package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Appends one row per checkpoint to {@code metrics.arrow}: an Arrow IPC stream whose schema
 * (columns with unit, description and formula as field metadata; provenance as schema metadata)
 * is fixed when the file is created. Each {@link #append} writes one record batch and returns
 * only after {@code fsync}, so a run killed at any moment leaves every appended row readable
 * ({@link RunReader} drops a half-written last batch).
 *
 * <p>Not thread-safe: one writer per file, driven by the training loop.
 */
public final class MetricsWriter implements AutoCloseable {

    /** The {@value RunFiles#KIND_KEY} of a metrics file. */
    public static final String KIND = "metrics";

    private final BatchStream stream;
    private final List<ColumnSpec> columns;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    private MetricsWriter(BatchStream stream, List<ColumnSpec> columns) {
        this.stream = stream;
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) index.put(columns.get(i).name(), i);
    }

    /**
     * Creates {@code file} (it must not exist) with the given columns, in order, and schema-level
     * metadata such as {@code "provenance"} → JSON.
     */
    public static MetricsWriter create(Path file, List<ColumnSpec> columns, Map<String, String> metadata) throws IOException {
        if (columns.isEmpty()) throw new IllegalArgumentException("a metrics file needs at least one column");
        Set<String> seen = new HashSet<>();
        List<Field> fields = new ArrayList<>();
        for (ColumnSpec c : columns) {
            if (!seen.add(c.name())) throw new IllegalArgumentException("column '" + c.name() + "' is given twice");
            fields.add(c.toField());
        }
        Schema schema = new Schema(fields, RunFiles.withKind(KIND, metadata));
        return new MetricsWriter(BatchStream.create(file, schema), columns);
    }

    /**
     * Reopens an existing metrics file for a resumed run: keeps its schema and its first
     * {@code keepRows} rows (cutting off later or half-written ones atomically) and appends after them.
     */
    public static MetricsWriter reopen(Path file, int keepRows) throws IOException {
        StreamScan s = StreamRepair.scan(file);
        checkKind(s, file, KIND);
        BatchStream st = BatchStream.reopen(file, keepRows);
        List<ColumnSpec> cols = new ArrayList<>();
        for (Field f : st.schema().getFields()) {
            ColumnSpec c = ColumnSpec.fromField(f);
            if (c == null) {
                st.close();
                throw new CorruptRecordFileException(file, "column '" + f.getName() + "' has type " + f.getType() + ", not a metrics column type");
            }
            cols.add(c);
        }
        return new MetricsWriter(st, cols);
    }

    static void checkKind(StreamScan s, Path file, String kind) throws CorruptRecordFileException {
        if (s.schema() == null) {
            throw new CorruptRecordFileException(file, "no complete schema (" + s.tailProblem() + ")");
        }
        String k = s.metadata().get(RunFiles.KIND_KEY);
        if (!kind.equals(k)) {
            throw new CorruptRecordFileException(file, "is a '" + k + "' file, expected '" + kind + "'");
        }
    }

    /** The columns, in file order. */
    public List<ColumnSpec> columns() { return columns; }

    /** The file written. */
    public Path path() { return stream.path(); }

    /** Rows in the file, including those kept by {@link #reopen}. */
    public long rowCount() { return stream.batches(); }

    /** Appends one row built with {@link Row}. */
    public void append(Row row) throws IOException { append(row.values()); }

    /**
     * Appends one row as one record batch and forces it to disk before returning.
     *
     * @param row a value for every column (Number for float64; Long/Integer/Short/Byte for int64;
     *            CharSequence for utf8) and nothing else
     * @throws IllegalArgumentException naming the column if a value is missing, null, of the wrong
     *                                  type, or the column is unknown; nothing is written then
     */
    public void append(Map<String, ?> row) throws IOException {
        for (String k : row.keySet()) {
            if (!index.containsKey(k)) {
                throw new IllegalArgumentException("unknown column '" + k + "' in metrics row; the file's columns are " + index.keySet());
            }
        }
        Object[] vals = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            Object v = row.get(c.name());
            if (v == null) {
                throw new IllegalArgumentException("metrics row has no value for column '" + c.name() + "' (" + c.type()
                        + "); every row must set every column, use NaN for an undefined double");
            }
            vals[i] = convert(c, v);
        }
        VectorSchemaRoot root = stream.root();
        root.allocateNew();
        List<FieldVector> vecs = root.getFieldVectors();
        for (int i = 0; i < vals.length; i++) {
            FieldVector fv = vecs.get(i);
            switch (columns.get(i).type()) {
                case DOUBLE -> ((Float8Vector) fv).setSafe(0, (Double) vals[i]);
                case INT64 -> ((BigIntVector) fv).setSafe(0, (Long) vals[i]);
                case UTF8 -> ((VarCharVector) fv).setSafe(0, ((String) vals[i]).getBytes(StandardCharsets.UTF_8));
            }
            fv.setValueCount(1);
        }
        root.setRowCount(1);
        stream.writeBatch();
    }

    private static Object convert(ColumnSpec c, Object v) {
        switch (c.type()) {
            case DOUBLE:
                if (v instanceof Number n) return n.doubleValue();
                break;
            case INT64:
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
                break;
            case UTF8:
                if (v instanceof CharSequence s) return s.toString();
                break;
        }
        throw new IllegalArgumentException("column '" + c.name() + "' is " + c.type() + " but the row gives "
                + v.getClass().getSimpleName() + " " + v);
    }

    /** Schema-level metadata of the file (including the kind and version keys). */
    public Map<String, String> metadata() {
        Map<String, String> m = stream.schema().getCustomMetadata();
        return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    /** Writes the end-of-stream marker and closes the file. */
    @Override
    public void close() throws IOException { stream.close(); }
}
