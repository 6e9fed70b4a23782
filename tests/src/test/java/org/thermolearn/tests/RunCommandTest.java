package org.thermolearn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunReader;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code thermolearn run} in-process: a complete small run, and every kind of bad input. */
class RunCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aSmallRunWritesEveryFileAndPassesItsOwnChecks() throws Exception {
        Path data = RunFixtures.syntheticData(tmp.resolve("data"));
        Path cfg = RunFixtures.config(tmp.resolve("c.yaml"), data, 3, "spaces: \"all,clamped\"");
        Path run = tmp.resolve("run");
        var r = RunFixtures.cli("run", "--config", cfg.toString(), "--output", run.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("done", RunStatus.read(run));
        for (String f : new String[]{"run.json", "metrics.arrow", "spectra.arrow", "checkpoints/ckpt-0.arrow", "checkpoints/ckpt-3.arrow",
                "figures/spectrum_heatmap_all.png", "figures/loss_boundary_vs_bulk.png"}) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        MetricsTable m = RunReader.open(run).metrics();
        assertEquals(4, m.rowCount());
        assertTrue(r.out().contains("ckpt  3"), r.out());
        for (int i = 0; i < m.rowCount(); i++) {
            assertEquals(0.0, m.column("sum_ln_lambda_all")[i], 1e-10, "P2 on every checkpoint");
            assertTrue(m.column("u_bulk")[i] <= m.column("u_boundary")[i] + 1e-12, "P6");
            assertEquals(m.column("s33_eigen_all")[i], m.column("s33_blocks_all")[i], 1e-8 * (1 + Math.abs(m.column("s33_blocks_all")[i])));
        }
        for (var spec : m.columns()) {
            assertFalse(spec.description().contains("undocumented"), "column " + spec.name() + " is documented in the Metric registry / docs/FORMAT.md");
        }
        // the recorded spectrum against G built here from each checkpoint's weights and biases (S11):
        // tr G = |I - F'w|_F^2 with f' = 1 - tanh^2(b) for the default tanh/tanh net; fails for a wrong F'
        var store = new org.thermolearn.thermo.record.CheckpointStore(run);
        for (int k = 0; k < m.rowCount(); k++) {
            var net = store.read(k).network();
            assertEquals(traceG(net, 0), m.column("sum_lambda_all")[k], 1e-9 * traceG(net, 0), "tr G, all, checkpoint " + k);
            assertEquals(traceG(net, 64), m.column("sum_lambda_clamped")[k], 1e-9 * traceG(net, 64), "tr G, clamped, checkpoint " + k);
        }
        assertEquals(64 + 16 + 12 + 4, m.column("n_g_all")[0]);
        assertEquals(16 + 12 + 4, m.column("n_g_clamped")[0]);
        assertTrue(m.column("test_accuracy")[3] > m.column("test_accuracy")[0], "the net learns");
        var json = Files.readString(run.resolve("run.json"));
        assertTrue(json.contains("linalg_backend") && json.contains("\"architecture\" : \"64-16-12-4\""), json);

        var again = RunFixtures.cli("run", "--config", cfg.toString(), "--output", run.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists and is not empty"), again.err());
        assertEquals(4, RunReader.open(run).metrics().rowCount(), "an existing run is never overwritten");

        var insp = RunFixtures.cli("inspect", run.toString());
        assertEquals(0, insp.code(), insp.err());
        assertTrue(insp.out().contains("status done, 4 checkpoints"), insp.out());
    }

    /** |I − F′w|²_F over the neurons from {@code from} on, with f′ = 1 − tanh²(b) (tanh hidden and output). */
    private static double traceG(org.thermolearn.core.network.Network net, int from) {
        assertEquals("TANH/TANH", net.hiddenActivation() + "/" + net.outputActivation());
        double[][] w = net.weights().toDense();
        double[] b = net.bias();
        double t = 0;
        for (int i = from; i < w.length; i++) {
            double th = Math.tanh(b[i]);
            double fp = i < 64 ? 0 : 1 - th * th;
            for (int j = from; j < w.length; j++) {
                double a = (i == j ? 1 : 0) - fp * w[i][j];
                t += a * a;
            }
        }
        return t;
    }

    @Test
    void badInputEndsWithExitCode2AndWritesNothing() throws Exception {
        Path data = RunFixtures.syntheticData(tmp.resolve("data"));
        Path out = tmp.resolve("never");
        String[][] cases = {
                {"config key 'learningRate'", "--set", "learningRate=abc"},
                {"unknown config key 'learningrate'", "--set", "learningrate=0.1"},
                {"preset", "--preset", "huge"},
                {"architecture", "--arch", "784-x-10"},
                {"the first and last widths must be 64 and 4", "--arch", "784-100-10"},
                {"momentum", "--momentum", "1.5"},
                {"spaces", "--spaces", "bulk"},
                {"needs outputActivation sigmoid", "--loss", "bce"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 5];
            args[0] = "run";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            args[c.length] = "--output";
            args[c.length + 1] = out.toString();
            args[c.length + 2] = "--data";
            args[c.length + 3] = data.toString();
            args[c.length + 4] = "--train-count=500";
            var r = RunFixtures.cli(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.err());
            assertTrue(r.err().contains(c[0]), "message names the problem: " + r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", args));
        }
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "architecture: 64-16-4\nepochs: three\n");
        var r = RunFixtures.cli("run", "--config", cfg.toString(), "--output", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'epochs'") && r.err().contains("integer"), r.err());
        Files.writeString(cfg, "architecture: 64-16-4\nbatchsize: 3\n");
        r = RunFixtures.cli("run", "--config", cfg.toString(), "--output", out.toString());
        assertTrue(r.err().contains("did you mean 'batchSize'"), r.err());
        r = RunFixtures.cli("run", "--config", tmp.resolve("missing.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does not exist"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void divergenceStopsTheRunAndKeepsWhatWasWritten() throws Exception {
        Path data = RunFixtures.syntheticData(tmp.resolve("data"));
        Path cfg = RunFixtures.config(tmp.resolve("c.yaml"), data, 5, "outputActivation: identity\nhiddenActivation: identity\ninitScale: 3");
        Path run = tmp.resolve("run");
        var r = RunFixtures.cli("run", "--config", cfg.toString(), "--output", run.toString(), "--lr", "1e6");
        assertEquals(3, r.code(), "divergence exits with 3: " + r.err());
        assertTrue(RunStatus.read(run).startsWith("failed: diverged at epoch 1"), RunStatus.read(run));
        assertEquals(1, RunReader.open(run).metrics().rowCount(), "checkpoint 0 is kept");
    }
}
