package org.thermolearn.experiments.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.RunReader;
import org.thermolearn.thermo.record.SpectraTable;
import org.thermolearn.thermo.record.SpectrumRow;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A run's tables in tidy long format, one table per file, for tools without an Arrow reader
 * (Python's {@code csv} module, R, a spreadsheet, {@code jq}):
 *
 * <ul>
 *   <li>{@code metrics.csv|json}: one row per checkpoint, the columns of {@code metrics.arrow};</li>
 *   <li>{@code spectra.csv|json}: one row per eigenvalue — {@code checkpoint, epoch, step, space,
 *       index, ln_lambda} (the non-trivial ln λ of G, S11; {@code index} counts from 0 within its
 *       checkpoint and space), plus {@code n_g, n_trivial} of that spectrum;</li>
 *   <li>{@code columns.csv|json}: the data dictionary — for every column of the two tables its
 *       table, name, type, unit, description and formula reference (empty: none).</li>
 * </ul>
 *
 * CSV follows RFC 4180 (header row, comma separated, quoted only where needed, UTF-8, LF);
 * numbers are written so that they read back bit for bit ({@link Double#toString}); NaN and ±∞
 * appear as {@code NaN}, {@code Infinity} and {@code -Infinity} (Python's {@code float()} reads
 * them) and a missing value as an empty field. JSON files hold an array of objects, one per row,
 * with NaN, ±∞ and missing values as {@code null}. Every file is written to a temporary file and
 * moved into place; an existing file is never overwritten.
 */
public final class TidyExport {

    /** The tidy formats. */
    public enum Kind { CSV, JSON }

    /** The columns of the long spectra table. */
    public static final List<String> SPECTRA_COLUMNS = List.of("checkpoint", "epoch", "step", "space", "index", "ln_lambda", "n_g", "n_trivial");

    private TidyExport() { }

    /**
     * Exports the run's metrics and spectra (whichever exist) into {@code outDir}.
     *
     * @return the files written
     * @throws FileAlreadyThereException if one of the files to write already exists (nothing is written then)
     */
    public static List<Path> export(Path runDir, Path outDir, Kind kind) throws IOException {
        RunReader r = RunReader.open(runDir);
        MetricsTable m = Files.isRegularFile(RunFiles.metrics(runDir)) ? r.metrics() : null;
        SpectraTable s = Files.isRegularFile(RunFiles.spectra(runDir)) ? r.spectra() : null;
        if (m == null && s == null) throw new IOException(runDir + " holds neither " + RunFiles.METRICS + " nor " + RunFiles.SPECTRA + "; nothing to export");
        String ext = kind == Kind.CSV ? ".csv" : ".json";
        List<Path> targets = new ArrayList<>();
        if (m != null) targets.add(outDir.resolve("metrics" + ext));
        if (s != null) targets.add(outDir.resolve("spectra" + ext));
        targets.add(outDir.resolve("columns" + ext));
        for (Path t : targets) if (Files.exists(t)) throw new FileAlreadyThereException(t);
        Files.createDirectories(outDir);
        List<Path> out = new ArrayList<>();
        if (m != null) out.add(write(outDir.resolve("metrics" + ext), kind, metricsHeader(m), metricsRows(m)));
        if (s != null) out.add(write(outDir.resolve("spectra" + ext), kind, SPECTRA_COLUMNS, spectraRows(s)));
        out.add(write(outDir.resolve("columns" + ext), kind, List.of("table", "name", "type", "unit", "description", "formula"), dictionary(m, s)));
        return out;
    }

    /** Thrown when an export would overwrite a file. */
    public static final class FileAlreadyThereException extends IOException {
        public FileAlreadyThereException(Path p) {
            super(p + " already exists; nothing is overwritten: choose another --output or remove it");
        }
    }

    // ------------------------------------------------------------------ tables as rows

    /** A source of rows, each a list of values (Double, Long, String or null) in header order. */
    interface Rows {
        void forEach(RowSink sink) throws IOException;
    }

    interface RowSink {
        void row(Object[] values) throws IOException;
    }

    private static List<String> metricsHeader(MetricsTable m) { return m.names(); }

    private static Rows metricsRows(MetricsTable m) {
        List<String> names = m.names();
        return sink -> {
            for (Map<String, Object> row : m.rows()) {
                Object[] v = new Object[names.size()];
                for (int i = 0; i < v.length; i++) v[i] = row.get(names.get(i));
                sink.row(v);
            }
        };
    }

    private static Rows spectraRows(SpectraTable s) {
        return sink -> {
            for (SpectrumRow r : s.rows()) {
                double[] l = r.lnLambda();
                for (int i = 0; i < l.length; i++) {
                    sink.row(new Object[] {r.checkpoint(), r.epoch(), r.step(), r.space(), (long) i, l[i], r.nG(), r.nTrivial()});
                }
            }
        };
    }

    private static Rows dictionary(MetricsTable m, SpectraTable s) {
        return sink -> {
            if (m != null) {
                for (ColumnSpec c : m.columns()) {
                    sink.row(new Object[] {"metrics", c.name(), c.type().name().toLowerCase(java.util.Locale.ROOT), c.unit(), c.description(), c.formula()});
                }
            }
            if (s != null) {
                String[][] d = {
                        {"checkpoint", "int64", "1", "checkpoint index (0, 1, 2, … in recording order)", ""},
                        {"epoch", "double", "epoch", "training epoch at the checkpoint (fractional for mid-epoch checkpoints)", ""},
                        {"step", "int64", "1", "optimizer steps taken", ""},
                        {"space", "utf8", "", "integration space: all (all N neurons, A1a) or clamped (inputs clamped, A1b)", ""},
                        {"index", "int64", "1", "position of the eigenvalue in the stored non-trivial spectrum of this checkpoint and space, from 0", ""},
                        {"ln_lambda", "double", "1", "natural logarithm of a non-trivial eigenvalue λ of G", "S11"},
                        {"n_g", "int64", "1", "dimension N_G of G in this space", ""},
                        {"n_trivial", "int64", "1", "number of trivial eigenvalues (λ = 1) not listed", ""}};
                for (String[] r : d) sink.row(new Object[] {"spectra", r[0], r[1], r[2], r[3], r[4]});
            }
        };
    }

    // ------------------------------------------------------------------ writers

    private static Path write(Path file, Kind kind, List<String> header, Rows rows) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                if (kind == Kind.CSV) writeCsv(os, header, rows);
                else writeJson(os, header, rows);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeCsv(OutputStream os, List<String> header, Rows rows) throws IOException {
        try (Writer w = new BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(csvLine(header.toArray()));
            rows.forEach(v -> w.write(csvLine(v)));
        }
    }

    /** One CSV record with its line feed. */
    public static String csvLine(Object[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append(',');
            b.append(csvField(values[i]));
        }
        return b.append('\n').toString();
    }

    static String csvField(Object v) {
        if (v == null) return "";
        String s = v instanceof Double d ? Double.toString(d) : v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static void writeJson(OutputStream os, List<String> header, Rows rows) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
            g.writeStartArray();
            rows.forEach(v -> {
                g.writeStartObject();
                for (int i = 0; i < v.length; i++) {
                    g.writeFieldName(header.get(i));
                    jsonValue(g, v[i]);
                }
                g.writeEndObject();
                g.writeRaw('\n');
            });
            g.writeEndArray();
            g.writeRaw('\n');
        }
    }

    /** One table cell as a JSON value: null for a missing or non-finite number (JSON has no NaN), else the number or string. */
    public static void jsonValue(com.fasterxml.jackson.core.JsonGenerator g, Object o) throws java.io.IOException {
        if (o == null || (o instanceof Double d && !Double.isFinite(d))) g.writeNull();
        else if (o instanceof Long l) g.writeNumber(l);
        else if (o instanceof Number n) g.writeNumber(n.doubleValue());
        else g.writeString(o.toString());
    }
}
