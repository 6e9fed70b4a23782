package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.thermolearn.thermo.layers.LayerSpectrum;
import org.thermolearn.thermo.layers.PowerLawFit;

/**
 * The complete batches of a {@code layers.arrow} file ({@link LayersWriter}).
 *
 * @param file     the file read
 * @param metadata schema-level metadata
 * @param rows     one row per layer and checkpoint, in file order
 * @param batches  number of complete batches (checkpoints)
 */
public record LayersTable(Path file, Map<String, String> metadata, List<Row> rows, int batches) {

    /** One layer at one checkpoint. */
    public record Row(long checkpoint, double epoch, long step, LayerSpectrum layer) { }

    public LayersTable {
        metadata = Map.copyOf(metadata);
        rows = List.copyOf(rows);
    }

    /** The layers of one checkpoint, in block order. */
    public List<LayerSpectrum> checkpoint(long index) {
        List<LayerSpectrum> r = new ArrayList<>();
        for (Row row : rows) if (row.checkpoint() == index) r.add(row.layer());
        return r;
    }

    /** Reads a layers file; a half-written last batch is ignored. */
    public static LayersTable read(Path file) throws IOException {
        StreamScan s = StreamRepair.scan(file);
        if (s.schema() == null) throw new CorruptRecordFileException(file, "is not a ThermoLearn layers file (" + s.tailProblem() + ")");
        MetricsWriter.checkKind(s, file, LayersWriter.KIND);
        StreamTables.Decoded t = StreamTables.decode(s);
        List<Row> rows = new ArrayList<>(t.rows());
        try {
            for (int r = 0; r < t.rows(); r++) {
                PowerLawFit fit = new PowerLawFit(d(t, "alpha", r), d(t, "x_min", r), d(t, "ks_distance", r), (int) l(t, "n_tail", r),
                        ((double[]) t.column("eigenvalues").get(r)).length);
                LayerSpectrum ls = new LayerSpectrum((int) l(t, "layer", r), (int) l(t, "from_group", r), (int) l(t, "to_group", r),
                        (int) l(t, "rows", r), (int) l(t, "cols", r), (double[]) t.column("eigenvalues").get(r), fit,
                        d(t, "lambda_max", r), d(t, "alpha_hat", r), d(t, "log_spectral_norm", r), d(t, "log_frobenius_norm", r),
                        d(t, "stable_rank", r));
                rows.add(new Row(l(t, "checkpoint", r), d(t, "epoch", r), l(t, "step", r), ls));
            }
        } catch (RuntimeException e) {
            throw new CorruptRecordFileException(file, "not a layers table as LayersWriter writes it: " + e.getMessage(), e);
        }
        return new LayersTable(file, s.metadata(), rows, s.batchCount());
    }

    private static double d(StreamTables.Decoded t, String c, int r) { return (Double) t.column(c).get(r); }

    private static long l(StreamTables.Decoded t, String c, int r) { return (Long) t.column(c).get(r); }
}
