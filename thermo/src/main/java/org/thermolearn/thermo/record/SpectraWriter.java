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
 * utf8, {@code n_g} int64, {@code n_trivial} int64, {@code ln_lambda} list&lt;float64&gt;; since format version 2
 * also {@code route} utf8, {@code density_lo}, {@code density_hi} float64 and {@code density},
 * {@code density_se}, {@code nodes}, {@code weights} list&lt;float64&gt; (empty/NaN on the exact route).
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
                    List.of(new Field("item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null))),
            ColumnSpec.utf8("route", "exact (eigenvalue list in ln_lambda) or stochastic (estimated density, no list)").toField(),
            ColumnSpec.float64("density_lo", "1", "lower edge of the density's ln lambda range (NaN on the exact route)", "A16").toField(),
            ColumnSpec.float64("density_hi", "1", "upper edge of the density's ln lambda range (NaN on the exact route)", "A16").toField(),
            doubles("density", "estimated count of non-trivial ln lambda per equal bin of [density_lo, density_hi) (stochastic route)", "A16"),
            doubles("density_se", "standard error of each density bin (stochastic route)", "A16"),
            doubles("nodes", "ln lambda of the Lanczos quadrature nodes of all probes (stochastic route)", "S11"),
            doubles("weights", "weights of the quadrature nodes; they sum to about n_g - n_trivial (stochastic route)", "S11"));

    private static Field doubles(String name, String description, String formula) {
        return new Field(name, new FieldType(false, ArrowType.List.INSTANCE, null,
                Map.of(ColumnSpec.UNIT, "1", ColumnSpec.DESCRIPTION, description, ColumnSpec.FORMULA, formula)),
                List.of(new Field("item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));
    }

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
            total += Math.max(r.lnLambda().length, r.nodes().length);
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
        VarCharVector route = (VarCharVector) root.getVector("route");
        Float8Vector lo = (Float8Vector) root.getVector("density_lo");
        Float8Vector hi = (Float8Vector) root.getVector("density_hi");
        int n = rows.size();
        for (int i = 0; i < n; i++) {
            SpectrumRow r = rows.get(i);
            checkpoint.setSafe(i, r.checkpoint());
            epoch.setSafe(i, r.epoch());
            step.setSafe(i, r.step());
            space.setSafe(i, r.space().getBytes(StandardCharsets.UTF_8));
            nG.setSafe(i, r.nG());
            nTrivial.setSafe(i, r.nTrivial());
            route.setSafe(i, r.route().getBytes(StandardCharsets.UTF_8));
            lo.setSafe(i, r.densityLo());
            hi.setSafe(i, r.densityHi());
        }
        writeList(root, "ln_lambda", rows, SpectrumRow::lnLambda);
        writeList(root, "density", rows, SpectrumRow::density);
        writeList(root, "density_se", rows, SpectrumRow::densitySe);
        writeList(root, "nodes", rows, SpectrumRow::nodes);
        writeList(root, "weights", rows, SpectrumRow::weights);
        root.setRowCount(n);
        stream.writeBatch();
    }

    private static void writeList(VectorSchemaRoot root, String name, List<SpectrumRow> rows, java.util.function.Function<SpectrumRow, double[]> f) {
        ListVector lv = (ListVector) root.getVector(name);
        Float8Vector items = (Float8Vector) lv.getDataVector();
        int at = 0;
        for (int i = 0; i < rows.size(); i++) {
            double[] v = f.apply(rows.get(i));
            lv.startNewValue(i);
            for (double x : v) items.setSafe(at++, x);
            lv.endValue(i, v.length);
        }
        items.setValueCount(at);
        lv.setValueCount(rows.size());
    }

    /** Convenience for {@link #append(List)}. */
    public void append(SpectrumRow... rows) throws IOException { append(List.of(rows)); }

    @Override
    public void close() throws IOException { stream.close(); }
}
