package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Appends the spectra of each checkpoint to {@code spectra.arrow}: one record batch per
 * checkpoint holding one {@link SpectrumRow} per integration space, forced to disk before
 * {@link #append} returns. Batch k of this file and row k of {@code metrics.arrow} belong to the
 * same checkpoint, which is what resume relies on.
 *
 * <p>Columns: {@code checkpoint} int64, {@code epoch} float64, {@code step} int64, {@code space}
 * utf8, {@code n_g} int64, {@code n_trivial} int64, {@code ln_lambda} list&lt;float64&gt;.
 */
public final class SpectraWriter implements AutoCloseable {

    /** The {@value RunFiles#KIND_KEY} of a spectra file. */
    public static final String KIND = "spectra";

    /** The fixed schema fields (without schema metadata). */
    public static final List<Field> FIELDS = List.of(
            ColumnSpec.int64("checkpoint", "1", "checkpoint index, 0-based in recording order (0 = initial network)").toField(),
            ColumnSpec.float64("epoch", "epoch", "training epoch at the checkpoint", "").toField(),
            ColumnSpec.int64("step", "step", "optimizer steps taken").toField(),
            ColumnSpec.utf8("space", "integration space of G: all | clamped").toField(),
            ColumnSpec.int64("n_g", "1", "dimension of G in this space").toField(),
            ColumnSpec.int64("n_trivial", "1", "number of trivial eigenvalues (lambda = 1) not listed").toField(),
            new Field("ln_lambda", new FieldType(false, ArrowType.List.INSTANCE, null,
                    Map.of(ColumnSpec.UNIT, "1", ColumnSpec.DESCRIPTION, "ln of the non-trivial eigenvalues of G",
                            ColumnSpec.FORMULA, "S11")),
                    List.of(new Field("item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null))));

    private final BatchStream stream;

    private SpectraWriter(BatchStream stream) { this.stream = stream; }

    /** Creates {@code file} (it must not exist) with schema-level metadata such as provenance. */
    public static SpectraWriter create(Path file, Map<String, String> metadata) throws IOException {
        return new SpectraWriter(BatchStream.create(file, new Schema(FIELDS, RunFiles.withKind(KIND, metadata))));
    }

    /** Reopens for a resumed run, keeping the first {@code keepBatches} checkpoints' batches. */
    public static SpectraWriter reopen(Path file, int keepBatches) throws IOException {
        MetricsWriter.checkKind(StreamRepair.scan(file), file, KIND);
        return new SpectraWriter(BatchStream.reopen(file, keepBatches));
    }

    public Path path() { return stream.path(); }

    /** Batches (checkpoints) in the file, including those kept by {@link #reopen}. */
    public long batchCount() { return stream.batches(); }

    /**
     * Writes the rows of one checkpoint as one record batch and forces it to disk.
     *
     * @throws IllegalArgumentException if there are no rows or they belong to different checkpoints
     */
    public void append(List<SpectrumRow> rows) throws IOException {
        if (rows.isEmpty()) throw new IllegalArgumentException("a spectra batch needs at least one row");
        long cp = rows.get(0).checkpoint();
        long total = 0;
        for (SpectrumRow r : rows) {
            if (r.checkpoint() != cp) {
                throw new IllegalArgumentException("one spectra batch holds one checkpoint; got rows of checkpoints " + cp + " and " + r.checkpoint());
            }
            total += r.lnLambda().length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("checkpoint " + cp + " has " + total + " eigenvalues, more than one Arrow list batch holds");
        }
        VectorSchemaRoot root = stream.root();
        root.allocateNew();
        BigIntVector checkpoint = (BigIntVector) root.getVector("checkpoint");
        Float8Vector epoch = (Float8Vector) root.getVector("epoch");
        BigIntVector step = (BigIntVector) root.getVector("step");
        VarCharVector space = (VarCharVector) root.getVector("space");
        BigIntVector nG = (BigIntVector) root.getVector("n_g");
        BigIntVector nTrivial = (BigIntVector) root.getVector("n_trivial");
        ListVector ln = (ListVector) root.getVector("ln_lambda");
        Float8Vector items = (Float8Vector) ln.getDataVector();
        int n = rows.size();
        int at = 0;
        for (int i = 0; i < n; i++) {
            SpectrumRow r = rows.get(i);
            checkpoint.setSafe(i, r.checkpoint());
            epoch.setSafe(i, r.epoch());
            step.setSafe(i, r.step());
            space.setSafe(i, r.space().getBytes(StandardCharsets.UTF_8));
            nG.setSafe(i, r.nG());
            nTrivial.setSafe(i, r.nTrivial());
            ln.startNewValue(i);
            for (double v : r.lnLambda()) items.setSafe(at++, v);
            ln.endValue(i, r.lnLambda().length);
        }
        items.setValueCount(at);
        root.setRowCount(n);
        stream.writeBatch();
    }

    /** Convenience for {@link #append(List)}. */
    public void append(SpectrumRow... rows) throws IOException { append(List.of(rows)); }

    @Override
    public void close() throws IOException { stream.close(); }
}
