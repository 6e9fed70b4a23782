package org.thermolearn.thermo.record;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** spectra.arrow format version 2 (issue 11): stochastic rows round-trip, version-1 files still read. */
class SpectraFormatV2Test {

    @TempDir
    Path dir;

    @Test
    void stochasticAndExactRowsRoundTripInOneBatch() throws IOException {
        Path f = RunFiles.spectra(dir);
        SpectrumRow exact = new SpectrumRow(0, 1.0, 10, SpectrumRow.ALL, 5, 2, new double[]{-1, 0.5, 0.5});
        SpectrumRow st = SpectrumRow.stochastic(0, 1.0, 10, SpectrumRow.CLAMPED, 4, 1, -2, 2, new double[]{0.5, 1.5, 0.5, 0.5},
                new double[]{0.1, 0.2, 0.1, 0.1}, new double[]{-1.2, 0.1, 0.7}, new double[]{1, 1.5, 0.5});
        try (SpectraWriter w = SpectraWriter.create(f, Map.of())) {
            w.append(exact, st);
        }
        SpectraTable t = RunReader.readSpectra(f);
        assertEquals(List.of(exact, st), t.rows());
        assertEquals("2", t.metadata().get(RunFiles.VERSION_KEY));
        assertTrue(t.rows().get(1).isStochastic());
        assertFalse(t.rows().get(0).isStochastic());
        assertEquals(0, t.rows().get(1).lnLambda().length, "no eigenvalue list on the stochastic route");
    }

    @Test
    void quantilesFollowTheEstimatedMeasure() {
        SpectrumRow st = SpectrumRow.stochastic(0, 0, 0, SpectrumRow.ALL, 10, 6, -2, 2, new double[0], new double[0],
                new double[]{1.0, -1.0}, new double[]{3, 1});
        assertArrayEquals(new double[]{-1, 1, 1, 1}, st.lnLambdaOrQuantiles(), 0.0);
        SpectrumRow ex = new SpectrumRow(0, 0, 0, SpectrumRow.ALL, 3, 1, new double[]{-1, 1});
        assertArrayEquals(new double[]{-1, 1}, ex.lnLambdaOrQuantiles(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> SpectrumRow.stochastic(0, 0, 0, SpectrumRow.ALL, 3, 1, -1, 1,
                new double[]{1}, new double[0], new double[0], new double[0]));
    }

    @Test
    void versionOneFilesAreReadAsExactRows() throws IOException {
        Path f = dir.resolve("v1.arrow");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(RunFiles.KIND_KEY, SpectraWriter.KIND);
        meta.put(RunFiles.VERSION_KEY, "1");
        try (BatchStream s = BatchStream.create(f, new Schema(SpectraWriter.FIELDS.subList(0, 7), meta))) {
            VectorSchemaRoot root = s.root();
            root.allocateNew();
            ((BigIntVector) root.getVector("checkpoint")).setSafe(0, 3);
            ((Float8Vector) root.getVector("epoch")).setSafe(0, 2.0);
            ((BigIntVector) root.getVector("step")).setSafe(0, 40);
            ((VarCharVector) root.getVector("space")).setSafe(0, "all".getBytes(StandardCharsets.UTF_8));
            ((BigIntVector) root.getVector("n_g")).setSafe(0, 4);
            ((BigIntVector) root.getVector("n_trivial")).setSafe(0, 2);
            ListVector ln = (ListVector) root.getVector("ln_lambda");
            Float8Vector items = (Float8Vector) ln.getDataVector();
            ln.startNewValue(0);
            items.setSafe(0, -0.5);
            items.setSafe(1, 0.5);
            ln.endValue(0, 2);
            items.setValueCount(2);
            root.setRowCount(1);
            s.writeBatch();
        }
        SpectraTable t = RunReader.readSpectra(f);
        assertEquals(List.of(new SpectrumRow(3, 2.0, 40, "all", 4, 2, new double[]{-0.5, 0.5})), t.rows());
        assertEquals(SpectrumRow.EXACT, t.rows().get(0).route());
    }
}
