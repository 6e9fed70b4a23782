package org.thermolearn.thermo.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code kill -9} of a writing JVM, and the cost of one durable append (printed, not asserted). */
@Tag("slow")
class KillAndOverheadTest {

    @TempDir
    Path dir;

    @Test
    void sigkillLeavesEveryFinishedCheckpointReadable() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), KillTarget.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int last = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("appended ")) last = Integer.parseInt(line.substring(9));
                if (last >= 25) break;
            }
            p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close()
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(last >= 25, "child stopped early, last append " + last);
        MetricsTable m = RunReader.open(dir).metrics();
        SpectraTable s = RunReader.open(dir).spectra();
        assertTrue(m.rowCount() >= last + 1, m.rowCount() + " rows, but " + (last + 1) + " appends had returned");
        long[] cps = m.longColumn("checkpoint");
        for (int k = 0; k < cps.length; k++) assertEquals(k, cps[k]);
        assertTrue(s.batches() >= last + 1);
        for (int k = 0; k < s.batches(); k++) assertEquals(Fixtures.spectrum(k).get(1), s.rows().get(2 * k + 1));
        // resume path: keep the complete batches, append more, the file stays valid
        try (MetricsWriter w = MetricsWriter.reopen(RunFiles.metrics(dir), m.rowCount())) {
            w.append(Fixtures.row(m.rowCount()));
        }
        assertEquals(m.rowCount() + 1, RunReader.open(dir).metrics().rowCount());
    }

    @Test
    void appendWithFsyncOverhead() throws Exception {
        List<ColumnSpec> cols = new java.util.ArrayList<>();
        for (int c = 0; c < 40; c++) cols.add(ColumnSpec.float64("q" + c, "1", "quantity " + c, ""));
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int c = 0; c < 40; c++) row.put("q" + c, c * 0.1);
        double[] ln = new double[110]; // 784-100-10: non-trivial spectrum size order
        for (int i = 0; i < ln.length; i++) ln[i] = -3 + 0.05 * i;
        int n = 100;
        try (MetricsWriter w = MetricsWriter.create(RunFiles.metrics(dir), cols, Map.of());
             SpectraWriter s = SpectraWriter.create(RunFiles.spectra(dir), Map.of())) {
            for (int k = 0; k < 10; k++) w.append(row); // warm-up
            long t0 = System.nanoTime();
            for (int k = 0; k < n; k++) w.append(row);
            long t1 = System.nanoTime();
            for (int k = 0; k < n; k++) {
                s.append(new SpectrumRow(k, k, k, SpectrumRow.ALL, 120, 10, ln), new SpectrumRow(k, k, k, SpectrumRow.CLAMPED, 110, 10, ln));
            }
            long t2 = System.nanoTime();
            System.out.printf("metrics append+fsync (40 float64 columns): %.3f ms/row; spectra append+fsync (2 x 110 ln λ): %.3f ms/batch%n",
                    (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n);
        }
        // what was appended is what is read back (the timing above is only printed)
        MetricsTable m = RunReader.open(dir).metrics();
        assertEquals(110, m.rowCount());
        for (int c = 0; c < 40; c += 13) for (double v : m.column("q" + c)) assertEquals(c * 0.1, v, 0);
        SpectraTable sp = RunReader.open(dir).spectra();
        assertEquals(n, sp.batches());
        assertEquals(n, sp.rows(SpectrumRow.CLAMPED).size());
        assertEquals(new SpectrumRow(n - 1, n - 1, n - 1, SpectrumRow.CLAMPED, 110, 10, ln), sp.rows(SpectrumRow.CLAMPED).get(n - 1));
        CheckpointStore store = new CheckpointStore(dir);
        var layout = org.thermolearn.core.network.NeuronLayout.parse("784-100-10");
        var weights = org.thermolearn.core.network.WeightMatrix.zeros(layout);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (var b : weights.blocks()) for (int i = 0; i < b.w().length; i++) b.w()[i] = rng.nextDouble() - 0.5;
        double[] bias = new double[894];
        for (int i = 784; i < bias.length; i++) bias[i] = rng.nextDouble() - 0.5;
        org.thermolearn.core.network.Network big = new org.thermolearn.core.network.Network(layout, weights, bias,
                org.thermolearn.core.network.Activation.TANH, org.thermolearn.core.network.Activation.SIGMOID);
        store.write(Checkpoint.of(0, big));
        long t3 = System.nanoTime();
        for (int k = 1; k <= 5; k++) store.write(Checkpoint.of(k, big));
        long t4 = System.nanoTime();
        Checkpoint back = store.read(5);
        long t5 = System.nanoTime();
        System.out.printf("checkpoint 784-100-10 (79 510 weights): write %.1f ms, read %.1f ms%n", (t4 - t3) / 1e6 / 5, (t5 - t4) / 1e6);
        assertEquals(big, back.network(), "weights, biases and activations read back bit for bit");
    }
}
