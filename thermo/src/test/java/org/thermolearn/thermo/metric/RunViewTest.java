package org.thermolearn.thermo.metric;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.MetricsWriter;
import org.thermolearn.thermo.record.RunFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one read side: typed columns, and one rule for a missing column (an error naming it, the run and the reason). */
class RunViewTest {

    /** A run with λ_c = 0.5, only the all-N space and no losses. */
    static Path run(Path dir) throws Exception {
        Files.createDirectories(dir);
        List<ColumnSpec> cols = List.of(Metric.keyColumns().get(0), Metric.keyColumns().get(1), Metric.keyColumns().get(2),
                Metric.TEST_ACCURACY.spec(null, 1), Metric.C_GT.spec(IntegrationSpace.ALL, 0.5), Metric.SKEWNESS_NT.spec(IntegrationSpace.ALL, 0.5));
        try (MetricsWriter w = MetricsWriter.create(RunFiles.metrics(dir), cols, Map.of())) {
            for (int k = 0; k < 3; k++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("checkpoint", (long) k);
                row.put("epoch", (long) (2 * k));
                row.put("step", (long) (10 * k));
                row.put("test_accuracy", 0.5 + 0.1 * k);
                row.put("c_gt_0p5_all", -1.0 * k);
                row.put("skewness_nt_all", -0.01 * k);
                w.append(row);
            }
        }
        return dir;
    }

    @Test
    void readsTypedColumns(@TempDir Path tmp) throws Exception {
        RunView v = RunView.open(run(tmp.resolve("r1")));
        assertEquals("r1", v.name());
        assertEquals(3, v.rows());
        assertArrayEquals(new double[]{0, 2, 4}, v.epochs(), 0);
        assertArrayEquals(new double[]{0.5, 0.6, 0.7}, v.column(Metric.TEST_ACCURACY), 1e-15);
        assertEquals(-0.02, v.last(Metric.SKEWNESS_NT, IntegrationSpace.ALL), 1e-15);
        assertTrue(v.has(Metric.SKEWNESS_NT, IntegrationSpace.ALL));
        assertFalse(v.has(Metric.SKEWNESS_NT, IntegrationSpace.CLAMPED));
        assertTrue(v.spectrum(IntegrationSpace.ALL).isEmpty(), "no spectra.arrow: no spectra, no error");
    }

    @Test
    void aMissingColumnIsAnErrorNamingItTheRunAndWhy(@TempDir Path tmp) throws Exception {
        RunView v = RunView.open(run(tmp.resolve("r1")));
        MissingColumnException c = assertThrows(MissingColumnException.class, () -> v.column(Metric.C_GT, IntegrationSpace.ALL));
        assertEquals("c_gt_1_all", c.column());
        assertTrue(c.getMessage().contains("run r1") && c.getMessage().contains("'c_gt_1_all'") && c.getMessage().contains("lambdaC")
                && c.getMessage().contains("c_gt_0p5_all"), c.getMessage());
        MissingColumnException s = assertThrows(MissingColumnException.class, () -> v.column(Metric.SKEWNESS_NT, IntegrationSpace.CLAMPED));
        assertTrue(s.getMessage().contains("clamped space was not analysed"), s.getMessage());
        MissingColumnException u = assertThrows(MissingColumnException.class, () -> v.column(Metric.U_BULK));
        assertTrue(u.getMessage().contains("no losses") && u.getMessage().contains("bulkSamples"), u.getMessage());
        MissingColumnException t = assertThrows(MissingColumnException.class, () -> v.column("no_such_metric"));
        assertTrue(t.getMessage().contains("--columns list"), t.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("r2"));
        RunView e = RunView.open(empty);
        assertEquals(0, e.rows());
        MissingColumnException n = assertThrows(MissingColumnException.class, () -> e.column(Metric.TEST_ACCURACY));
        assertTrue(n.getMessage().contains("no metrics.arrow yet"), n.getMessage());
    }
}
