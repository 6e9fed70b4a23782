package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.thermolearn.thermo.layers.LayerSpectrum;

/**
 * Appends the per-layer weight spectra of each checkpoint to {@code layers.arrow}: one record batch per
 * checkpoint with one row per block of ŵ ({@link LayerSpectrum}), forced to disk before {@link #append}
 * returns. Read back with {@link LayersTable#read}.
 */
public final class LayersWriter implements AutoCloseable {

    /** The {@value RunFiles#KIND_KEY} of a layers file. */
    public static final String KIND = "layers";

    /** The scalar columns, in file order (the list column {@code eigenvalues} follows them). */
    public static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.int64("checkpoint", "1", "checkpoint index, 0-based in recording order"),
            ColumnSpec.float64("epoch", "epoch", "training epoch at the checkpoint", ""),
            ColumnSpec.int64("step", "1", "optimizer steps taken"),
            ColumnSpec.int64("layer", "1", "index of the block in the block order of w-hat"),
            ColumnSpec.int64("from_group", "1", "sending group of the block"),
            ColumnSpec.int64("to_group", "1", "receiving group of the block"),
            ColumnSpec.int64("rows", "1", "rows of W (receivers)"),
            ColumnSpec.int64("cols", "1", "columns of W (senders)"),
            ColumnSpec.float64("lambda_max", "1", "largest eigenvalue of X = W^T W / max(rows, cols)", ""),
            ColumnSpec.float64("alpha", "1", "power-law exponent of the ESD tail, Clauset-Shalizi-Newman MLE", ""),
            ColumnSpec.float64("x_min", "1", "lower bound of the fitted tail, chosen by the KS distance", ""),
            ColumnSpec.float64("ks_distance", "1", "Kolmogorov-Smirnov distance of the tail to the fitted power law", ""),
            ColumnSpec.int64("n_tail", "1", "eigenvalues in the fitted tail"),
            ColumnSpec.float64("alpha_hat", "1", "alpha * log10(lambda_max) (WeightWatcher alpha_weighted)", ""),
            ColumnSpec.float64("log_spectral_norm", "1", "log10(lambda_max)", ""),
            ColumnSpec.float64("log_frobenius_norm", "1", "log10(sum of eigenvalues) = log10(|W|_F^2 / max(rows, cols))", ""),
            ColumnSpec.float64("stable_rank", "1", "sum of eigenvalues / lambda_max", ""));

    static Schema schema(Map<String, String> metadata) {
        List<Field> fields = new ArrayList<>();
        for (ColumnSpec c : COLUMNS) fields.add(c.toField());
        fields.add(new Field("eigenvalues", new FieldType(false, ArrowType.List.INSTANCE, null,
                Map.of(ColumnSpec.UNIT, "1", ColumnSpec.DESCRIPTION, "the ESD: eigenvalues of W^T W / max(rows, cols), ascending")),
                List.of(new Field("item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null))));
        return new Schema(fields, RunFiles.withKind(KIND, metadata));
    }

    private final BatchStream stream;

    private LayersWriter(BatchStream stream) { this.stream = stream; }

    /** Creates {@code file} (it must not exist) with schema-level metadata such as provenance. */
    public static LayersWriter create(Path file, Map<String, String> metadata) throws IOException {
        return new LayersWriter(BatchStream.create(file, schema(metadata)));
    }

    /** Reopens for a resumed run, keeping the first {@code keepBatches} checkpoints' batches. */
    public static LayersWriter reopen(Path file, int keepBatches) throws IOException {
        MetricsWriter.checkKind(StreamRepair.scan(file), file, KIND);
        return new LayersWriter(BatchStream.reopen(file, keepBatches));
    }

    /**
     * For a resumed run: reopens {@code runDir/layers.arrow} keeping {@code keepBatches} batches, or returns null when
     * the run has no layers file (recorded before layers were recorded) or fewer complete batches than that, so the
     * resumed run records no layers rather than misaligned ones.
     */
    public static LayersWriter reopenIfComplete(Path runDir, int keepBatches) throws IOException {
        Path f = RunFiles.layers(runDir);
        if (!java.nio.file.Files.exists(f)) return null;
        StreamScan s = StreamRepair.scan(f);
        if (s.schema() == null || s.batchCount() < keepBatches) return null;
        return reopen(f, keepBatches);
    }

    public Path path() { return stream.path(); }

    public long batchCount() { return stream.batches(); }

    /** Writes the layers of one checkpoint as one record batch and forces it to disk. */
    public void append(long checkpoint, double epoch, long step, List<LayerSpectrum> layers) throws IOException {
        if (layers.isEmpty()) throw new IllegalArgumentException("a layers batch needs at least one layer");
        VectorSchemaRoot root = stream.root();
        root.allocateNew();
        ListVector ev = (ListVector) root.getVector("eigenvalues");
        Float8Vector items = (Float8Vector) ev.getDataVector();
        int at = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpectrum l = layers.get(i);
            setLong(root, "checkpoint", i, checkpoint);
            setDouble(root, "epoch", i, epoch);
            setLong(root, "step", i, step);
            setLong(root, "layer", i, l.layer());
            setLong(root, "from_group", i, l.from());
            setLong(root, "to_group", i, l.to());
            setLong(root, "rows", i, l.rows());
            setLong(root, "cols", i, l.cols());
            setDouble(root, "lambda_max", i, l.lambdaMax());
            setDouble(root, "alpha", i, l.fit().alpha());
            setDouble(root, "x_min", i, l.fit().xMin());
            setDouble(root, "ks_distance", i, l.fit().ksDistance());
            setLong(root, "n_tail", i, l.fit().nTail());
            setDouble(root, "alpha_hat", i, l.alphaHat());
            setDouble(root, "log_spectral_norm", i, l.logSpectralNorm());
            setDouble(root, "log_frobenius_norm", i, l.logFrobeniusNorm());
            setDouble(root, "stable_rank", i, l.stableRank());
            ev.startNewValue(i);
            for (double v : l.eigenvalues()) items.setSafe(at++, v);
            ev.endValue(i, l.eigenvalues().length);
        }
        items.setValueCount(at);
        root.setRowCount(layers.size());
        stream.writeBatch();
    }

    private static void setLong(VectorSchemaRoot root, String name, int i, long v) { ((BigIntVector) root.getVector(name)).setSafe(i, v); }

    private static void setDouble(VectorSchemaRoot root, String name, int i, double v) { ((Float8Vector) root.getVector(name)).setSafe(i, v); }

    @Override
    public void close() throws IOException { stream.close(); }
}
