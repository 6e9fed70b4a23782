package org.thermolearn.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.core.model.Onnx;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;
import org.thermolearn.experiments.analyse.ModelAnalysis;
import org.thermolearn.experiments.notebook.ThermoLearn;
import org.thermolearn.thermo.record.LayersTable;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.RunReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code thermolearn analyse} and {@code export} without Python: models written by ThermoLearn's own ONNX writer, and bad input. */
class AnalyseCommandTest {

    static Network skipNet(int nIn) {
        SplittableRandom r = new SplittableRandom(11);
        NeuronLayout l = NeuronLayout.of(nIn, 16, 12, 4);
        WeightMatrix w = WeightMatrix.zeros(l, new int[]{0, 2});
        for (Block b : w.blocks()) for (int i = 0; i < b.w().length; i++) b.w()[i] = r.nextGaussian() / Math.sqrt(b.cols());
        double[] bias = new double[l.n()];
        for (int i = nIn; i < l.n(); i++) bias[i] = 0.1 * r.nextGaussian();
        return new Network(l, w, bias, Activation.TANH, Activation.IDENTITY);
    }

    @Test
    void analyseWritesTheRunFormatFromTheCommandLineAndTheNotebookAlike(@TempDir Path dir) throws Exception {
        Network net = skipNet(64);
        Path model = dir.resolve("skip.onnx");
        Onnx.write(net, model, "test");
        Path data = RunFixtures.syntheticData(dir.resolve("data"));
        Path out = dir.resolve("cli");
        RunFixtures.Result r = RunFixtures.cli("analyse", model.toString(), "--data", data.toString(), "--samples", "50", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("64-16-12-4+0>2") && r.out().contains("0->2"), r.out());
        for (String f : new String[]{"metrics.arrow", "spectra.arrow", "layers.arrow", "analysis.json", "status", "checkpoints/ckpt-0.arrow",
                "figures/layer_3_esd.png", "figures/spectrum_histograms_clamped.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals("done", Files.readString(out.resolve("status")).trim());
        assertEquals(net, RunReader.open(out).checkpoint(0).network());
        var row = RunReader.open(out).metrics().rows().get(0);
        assertTrue(Double.isFinite((Double) row.get("u_bulk")) && Double.isFinite((Double) row.get("temperature_clamped")));
        // the notebook facade computes the same thing
        ModelAnalysis.Result nb = ThermoLearn.analyse(new ModelAnalysis.Request(model, Activation.TANH, Activation.IDENTITY, data, 50,
                dir.resolve("notebook"), false));
        var cliLayers = LayersTable.read(RunFiles.layers(out)).checkpoint(0);
        assertEquals(4, nb.layers().size());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(cliLayers.get(k).eigenvalues(), nb.layers().get(k).eigenvalues(), 0);
            assertEquals(cliLayers.get(k).fit(), nb.layers().get(k).fit());
        }
        assertArrayEquals(RunReader.open(out).spectra().rows().get(0).lnLambda(), nb.analysis().spaces().get(0).spectrum().lnLambdaNontrivial(), 0);
        assertTrue(nb.table().contains("alpha_hat"));
    }

    /** --route stochastic: the estimated density in spectra.arrow, the table, and a clear line for bad probe counts. */
    @Test
    void analyseOnTheStochasticRoute(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("skip.onnx");
        Onnx.write(skipNet(64), model, "test");
        Path out = dir.resolve("st");
        RunFixtures.Result r = RunFixtures.cli("analyse", model.toString(), "--route", "stochastic", "--no-figures", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        var row = RunReader.open(out).metrics().rows().get(0);
        assertEquals(1.0, (Double) row.get("route_all"));
        assertTrue((Double) row.get("c_gt_1_se_all") > 0);
        RunFixtures.Result bad = RunFixtures.cli("analyse", model.toString(), "--route", "stochastic", "--probes", "4", "--output", dir.resolve("bad").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("probes") && bad.err().lines().count() == 1, bad.err());
        assertTrue(!Files.exists(dir.resolve("bad")));
        // the route flags are shared with run (RouteFlags): a value that is no number is one line too
        RunFixtures.Result word = RunFixtures.cli("analyse", model.toString(), "--lanczos-steps", "many", "--output", dir.resolve("word").toString());
        assertEquals(2, word.code());
        assertTrue(word.err().contains("--lanczos-steps many") && word.err().lines().count() == 1, word.err());
        assertTrue(!Files.exists(dir.resolve("word")));
    }

    @Test
    void trainingRecordsLayersAtEveryCheckpoint(@TempDir Path dir) throws Exception {
        Path data = RunFixtures.syntheticData(dir.resolve("data"));
        Path run = dir.resolve("run");
        RunFixtures.Result r = RunFixtures.cli("run", "--config", RunFixtures.config(dir.resolve("c.yaml"), data, 2, "").toString(), "--output", run.toString());
        assertEquals(0, r.code(), r.err());
        LayersTable t = LayersTable.read(RunFiles.layers(run));
        assertEquals(3, t.batches());
        assertEquals(9, t.rows().size());
        for (long k = 0; k < 3; k++) {
            Network net = RunReader.open(run).checkpoint(k).network();
            var layers = t.checkpoint(k);
            // the ESD of checkpoint k is that of the checkpoint's weights: Σλ = ‖W‖_F² / max(rows, cols)
            for (int b = 0; b < 3; b++) {
                double fro = 0;
                for (double v : net.weights().blocks().get(b).w()) fro += v * v;
                double sum = java.util.Arrays.stream(layers.get(b).eigenvalues()).sum();
                Block bl = net.weights().blocks().get(b);
                assertEquals(fro / Math.max(bl.rows(), bl.cols()), sum, 1e-10 * sum, "checkpoint " + k + " block " + b);
            }
        }
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "not a model");
        expectBad(out, text.toString(), "is not an ONNX model", "analyse", text.toString(), "--output", out.toString());
        Path missing = dir.resolve("missing.npz");
        expectBad(out, missing.toString(), "does not exist", "analyse", missing.toString(), "--output", out.toString());
        Path model = dir.resolve("skip.onnx");
        Onnx.write(skipNet(10), model, "test");
        Path npz = dir.resolve("m.npz");
        org.thermolearn.core.model.Npz.write(npz, org.thermolearn.core.model.SequentialStateDict.fromNetwork(
                new Network(NeuronLayout.of(10, 4), WeightMatrix.zeros(NeuronLayout.of(10, 4)), new double[14], Activation.TANH, Activation.TANH)));
        expectBad(out, "--activation", "softmax", "analyse", npz.toString(), "--activation", "softmax", "--output", out.toString());
        Path data = RunFixtures.syntheticData(dir.resolve("data"));
        expectBad(out, "64 inputs", "give the data the model was trained on", "analyse", model.toString(), "--data", data.toString(), "--output", out.toString());
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        RunFixtures.Result r = RunFixtures.cli("analyse", model.toString(), "--output", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not empty"), r.err());
        assertEquals(1, Files.list(out).count());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        Path none = dir.resolve("no-run");
        expectBad(none, none.toString(), "does not exist", "export", none.toString(), "--format", "onnx");
        expectBad(none, "--format", "choose one of", "export", dir.toString(), "--format", "xyz");
    }

    static void expectBad(Path notCreated, String mention, String fix, String... args) {
        RunFixtures.Result r = RunFixtures.cli(args);
        assertEquals(2, r.code(), () -> String.join(" ", args) + "\n" + r.err());
        assertTrue(r.err().contains(mention) && r.err().contains(fix), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(notCreated), notCreated + " must not be created");
    }
}
