package org.thermolearn.thermo.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.core.network.Network;

class RecordRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void metricsRoundTripIsBitExactAndKeepsMetadata() throws IOException {
        Path f = RunFiles.metrics(dir);
        try (MetricsWriter w = MetricsWriter.create(f, Fixtures.columns(), Fixtures.provenance())) {
            for (int k = 0; k < Fixtures.TRICKY.length; k++) w.append(Fixtures.row(k));
            assertEquals(Fixtures.TRICKY.length, w.rowCount());
        }
        MetricsTable t = RunReader.open(dir).metrics();
        assertFalse(t.truncatedTail());
        assertTrue(t.closed());
        assertEquals(List.of("checkpoint", "epoch", "temperature", "entropy_s0", "note"), t.names());
        assertEquals(Fixtures.columns(), t.columns(), "unit, description and formula survive as field metadata");
        assertEquals("S23", t.spec("temperature").formula());
        assertEquals(Fixtures.provenance().get("provenance"), t.metadata().get("provenance"));
        assertEquals("metrics", t.metadata().get(RunFiles.KIND_KEY));
        double[] temp = t.column("temperature");
        for (int k = 0; k < temp.length; k++) {
            assertEquals(Double.doubleToRawLongBits(Fixtures.TRICKY[k]), Double.doubleToRawLongBits(temp[k]), "row " + k);
            assertEquals(Fixtures.row(k).values(), withoutDouble(t.rows().get(k), Fixtures.row(k).values()), "row " + k);
        }
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, t.longColumn("checkpoint"));
        assertEquals("β̂ ≈ ∞, tab-free", t.stringColumn("note").get(0));
    }

    /** Replaces each Double by the expected one when their bits agree, so NaN compares equal. */
    private static Map<String, Object> withoutDouble(Map<String, Object> got, Map<String, Object> want) {
        Map<String, Object> r = new LinkedHashMap<>(got);
        r.replaceAll((k, v) -> v instanceof Double d && want.get(k) instanceof Double e
                && Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(e) ? e : v);
        return r;
    }

    @Test
    void badRowsAreRejectedByNameAndWriteNothing() throws IOException {
        Path f = dir.resolve("m.arrow");
        try (MetricsWriter w = MetricsWriter.create(f, Fixtures.columns(), Map.of())) {
            Map<String, Object> row = new LinkedHashMap<>(Fixtures.row(0).values());
            row.remove("entropy_s0");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.append(row));
            assertTrue(e.getMessage().contains("'entropy_s0'"), e.getMessage());

            Map<String, Object> extra = new LinkedHashMap<>(Fixtures.row(0).values());
            extra.put("temprature", 1.0);
            e = assertThrows(IllegalArgumentException.class, () -> w.append(extra));
            assertTrue(e.getMessage().contains("unknown column 'temprature'"), e.getMessage());

            Map<String, Object> wrong = new LinkedHashMap<>(Fixtures.row(0).values());
            wrong.put("checkpoint", 1.5);
            e = assertThrows(IllegalArgumentException.class, () -> w.append(wrong));
            assertTrue(e.getMessage().contains("'checkpoint'"), e.getMessage());

            w.append(Fixtures.row(1));
        }
        MetricsTable t = RunReader.readMetrics(f);
        assertEquals(1, t.rowCount());
        assertEquals(1L, t.rows().get(0).get("checkpoint"));
        assertThrows(IllegalArgumentException.class, () -> ColumnSpec.float64("Temp", "1", "", ""));
        assertThrows(IllegalArgumentException.class, () -> Row.of().put("a", 1.0).put("a", 2.0));
    }

    @Test
    void createRefusesToOverwrite() throws IOException {
        Path f = dir.resolve("m.arrow");
        MetricsWriter.create(f, Fixtures.columns(), Map.of()).close();
        long size = Files.size(f);
        assertThrows(FileAlreadyExistsException.class, () -> MetricsWriter.create(f, Fixtures.columns(), Map.of()));
        assertEquals(size, Files.size(f));
        assertThrows(CorruptRecordFileException.class, () -> RunReader.readSpectra(f), "a metrics file is not a spectra file");
    }

    @Test
    void spectraRoundTrip() throws IOException {
        Path f = RunFiles.spectra(dir);
        try (SpectraWriter w = SpectraWriter.create(f, Map.of("run_id", "x"))) {
            for (int k = 0; k < 5; k++) w.append(Fixtures.spectrum(k));
            assertThrows(IllegalArgumentException.class, () -> w.append(Fixtures.spectrum(5).get(0), Fixtures.spectrum(6).get(1)));
        }
        SpectraTable t = RunReader.readSpectra(f);
        assertEquals(5, t.batches());
        assertFalse(t.truncatedTail());
        for (int k = 0; k < 5; k++) {
            assertEquals(Fixtures.spectrum(k).get(0), t.rows().get(2 * k));
            assertEquals(Fixtures.spectrum(k).get(1), t.rows().get(2 * k + 1));
        }
        assertEquals(5, t.rows(SpectrumRow.CLAMPED).size());
        assertEquals("x", t.metadata().get("run_id"));
    }

    @Test
    void checkpointRoundTripIsBitIdentical() throws IOException {
        Network net = Fixtures.network(7);
        Map<String, double[]> arrays = new LinkedHashMap<>();
        arrays.put("velocity.0->1", Fixtures.TRICKY.clone());
        arrays.put("empty", new double[0]);
        Map<String, long[]> longs = Map.of("rng.state", new long[] {Long.MIN_VALUE, -1L, 0x9E3779B97F4A7C15L});
        Map<String, String> attrs = Map.of("optimizer", "momentum", "optimizer.lr", "0.1", "epoch", "3");
        CheckpointStore store = new CheckpointStore(dir);
        Path p = store.write(new Checkpoint(3, net, attrs, arrays, longs));
        assertEquals(dir.resolve("checkpoints/ckpt-3.arrow"), p);
        store.write(Checkpoint.of(12, Fixtures.network(8)));
        assertEquals(List.of(3L, 12L), store.indices());
        try (var files = Files.list(p.getParent())) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }

        Checkpoint c = RunReader.open(dir).checkpoint(3);
        assertEquals(net, c.network());
        assertEquals(3, c.index());
        assertEquals(attrs, c.attributes());
        assertEquals(arrays.keySet(), c.arrays().keySet());
        for (String k : arrays.keySet()) assertBits(arrays.get(k), c.arrays().get(k));
        assertArrayEquals(longs.get("rng.state"), c.longArrays().get("rng.state"));
        for (int b = 0; b < net.weights().blocks().size(); b++) {
            assertBits(net.weights().blocks().get(b).w(), c.network().weights().blocks().get(b).w());
        }

        // overwrite is atomic and replaces the content
        store.write(Checkpoint.of(3, Fixtures.network(9)));
        assertEquals(Fixtures.network(9), store.read(3).network());
    }

    @Test
    void truncatedCheckpointGivesAnErrorNamingTheFile() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        Path p = store.write(Checkpoint.of(0, Fixtures.network(1)));
        byte[] all = Files.readAllBytes(p);
        for (int cut : new int[] {0, 5, 100, all.length / 2, all.length - 8, all.length - 1}) {
            Files.write(p, java.util.Arrays.copyOf(all, cut));
            CorruptRecordFileException e = assertThrows(CorruptRecordFileException.class, () -> store.read(0), "cut at " + cut);
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            assertEquals(p, e.file());
        }
        Files.write(p, all);
        assertEquals(Fixtures.network(1), store.read(0).network());
    }

    static void assertBits(double[] want, double[] got) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), "element " + i);
        }
    }
}
