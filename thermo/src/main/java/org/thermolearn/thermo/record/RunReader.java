package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads a run directory (docs/DESIGN.md, "Run directory") into plain Java values: the metrics rows,
 * the spectra, the checkpoint list and checkpoints. A metrics or spectra stream whose last batch
 * was cut off by a killed writer is read up to its last complete batch and flagged
 * ({@link MetricsTable#truncatedTail()}); that case never throws. Damage inside a complete batch
 * throws {@link CorruptRecordFileException} naming the file.
 */
public final class RunReader {

    private final Path dir;

    private RunReader(Path dir) { this.dir = dir; }

    /** A reader of the run directory {@code runDir}. */
    public static RunReader open(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) throw new NoSuchFileException(runDir.toString(), null, "not a run directory");
        return new RunReader(runDir);
    }

    public Path directory() { return dir; }

    /** The rows of {@code metrics.arrow}. */
    public MetricsTable metrics() throws IOException { return readMetrics(RunFiles.metrics(dir)); }

    /** The rows of {@code spectra.arrow}. */
    public SpectraTable spectra() throws IOException { return readSpectra(RunFiles.spectra(dir)); }

    /** Indices of the checkpoint files, ascending. */
    public List<Long> checkpoints() throws IOException { return new CheckpointStore(dir).indices(); }

    /** Loads checkpoint {@code index}. */
    public Checkpoint checkpoint(long index) throws IOException { return new CheckpointStore(dir).read(index); }

    /**
     * A file without a readable schema is either a stream whose writer was killed while creating it (it begins
     * with Arrow's continuation marker and reads as empty) or not an Arrow stream at all (an error).
     */
    private static void requireArrowStream(Path file, StreamScan s) throws IOException {
        if (s.schema() != null || s.fileSize() < 4) return;
        byte[] head = new byte[4];
        try (var in = java.nio.file.Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) == 4 && head[0] == (byte) 0xFF && head[1] == (byte) 0xFF && head[2] == (byte) 0xFF && head[3] == (byte) 0xFF) return;
        }
        throw new CorruptRecordFileException(file, "is not an Arrow IPC stream (" + s.tailProblem() + "); not a ThermoLearn record file — "
                + "check the path, or re-create the run");
    }

    /** Reads any metrics stream file. */
    public static MetricsTable readMetrics(Path file) throws IOException {
        StreamScan s = StreamRepair.scan(file);
        requireArrowStream(file, s);
        List<ColumnSpec> specs = new ArrayList<>();
        if (s.schema() != null) {
            MetricsWriter.checkKind(s, file, MetricsWriter.KIND);
            for (Field f : s.schema().getFields()) {
                ColumnSpec c = ColumnSpec.fromField(f);
                if (c == null) throw new CorruptRecordFileException(file, "column '" + f.getName() + "' has unsupported type " + f.getType());
                specs.add(c);
            }
        }
        StreamTables.Decoded t = StreamTables.decode(s);
        List<Map<String, Object>> rows = new ArrayList<>(t.rows());
        for (int r = 0; r < t.rows(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < t.names().size(); c++) row.put(t.names().get(c), t.columns().get(c).get(r));
            rows.add(Collections.unmodifiableMap(row));
        }
        return new MetricsTable(file, specs, s.metadata(), rows, s.truncatedTail(), s.trailingBytes(), s.endOfStream());
    }

    /** Reads any spectra stream file. */
    public static SpectraTable readSpectra(Path file) throws IOException {
        StreamScan s = StreamRepair.scan(file);
        requireArrowStream(file, s);
        if (s.schema() != null) MetricsWriter.checkKind(s, file, SpectraWriter.KIND);
        StreamTables.Decoded t = StreamTables.decode(s);
        List<SpectrumRow> rows = new ArrayList<>(t.rows());
        try {
            boolean v2 = t.names().contains("route"); // format version 1 files have the eigenvalue list only
            for (int r = 0; r < t.rows(); r++) {
                if (!v2) {
                    rows.add(new SpectrumRow((Long) t.column("checkpoint").get(r), (Double) t.column("epoch").get(r),
                            (Long) t.column("step").get(r), (String) t.column("space").get(r), (Long) t.column("n_g").get(r),
                            (Long) t.column("n_trivial").get(r), (double[]) t.column("ln_lambda").get(r)));
                    continue;
                }
                rows.add(new SpectrumRow((Long) t.column("checkpoint").get(r), (Double) t.column("epoch").get(r),
                        (Long) t.column("step").get(r), (String) t.column("space").get(r), (Long) t.column("n_g").get(r),
                        (Long) t.column("n_trivial").get(r), (double[]) t.column("ln_lambda").get(r), (String) t.column("route").get(r),
                        (Double) t.column("density_lo").get(r), (Double) t.column("density_hi").get(r),
                        (double[]) t.column("density").get(r), (double[]) t.column("density_se").get(r),
                        (double[]) t.column("nodes").get(r), (double[]) t.column("weights").get(r)));
            }
        } catch (RuntimeException e) {
            throw new CorruptRecordFileException(file, "not a spectra table as SpectraWriter writes it: " + e.getMessage(), e);
        }
        return new SpectraTable(file, s.metadata(), rows, s.batchCount(), s.truncatedTail(), s.trailingBytes(), s.endOfStream());
    }
}
