package org.thermolearn.tests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.core.data.Dataset;
import org.thermolearn.core.data.IdxDirectory;
import org.thermolearn.core.data.MnistRepository;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.model.ModelFiles;
import org.thermolearn.core.model.Npz;
import org.thermolearn.core.model.Tensor;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.ForwardPass;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.ThermoAnalysis;
import org.thermolearn.thermo.ThermoAnalysisResult;
import org.thermolearn.thermo.layers.LayerSpectrum;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.LayersTable;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.RunReader;
import org.thermolearn.thermo.record.SpectrumRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 against the real producer: tests/python/torch_models.py trains a 784-64-32-10 tanh MLP with Debian's
 * python3-torch for one epoch on 3 000 MNIST images (Fashion-MNIST from /usr/share/datasets when MNIST cannot be
 * fetched) and saves it as ONNX (torch.onnx.export), .npz (numpy.savez) and safetensors (written by the script from
 * the published layout), with an independent numpy computation of G's spectrum and of the per-layer power-law fits.
 * Skips, saying why, when python3-torch, python3-numpy or python3-onnx is missing.
 */
@Tag("slow")
class ImportedModelsTest {

    static final String PYTHON = "/usr/bin/python3";
    static final Path SCRIPT = Path.of("python", "torch_models.py");

    @TempDir
    static Path work;
    static Path models;
    static Path data;
    static final Linalg LA = Linalg.auto();

    @BeforeAll
    static void trainWithPyTorch() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "skipped: " + PYTHON + " missing (Debian python3)");
        Assumptions.assumeTrue(python(work.resolve("probe.log"), "-c", "import torch, numpy, onnx") == 0,
                "skipped: Debian's python3-torch, python3-numpy and python3-onnx are needed "
                        + "(apt-get install -y --no-install-recommends python3-torch python3-numpy python3-onnx)");
        data = dataDir();
        models = work.resolve("models");
        int rc = python(work.resolve("train.log"), SCRIPT.toString(), "train", "--data", data.toString(), "--out", models.toString(),
                "--arch", "784-64-32-10", "--count", "3000", "--seed", "1");
        assertEquals(0, rc, () -> "torch_models.py train failed:\n" + read(work.resolve("train.log")));
    }

    static Path dataDir() {
        try {
            MnistRepository repo = MnistRepository.locate(null);
            repo.ensure();
            return repo.dir();
        } catch (RuntimeException e) { // DataException when MNIST cannot be fetched
            Assumptions.assumeTrue(Files.isDirectory(IdxDirectory.FASHION_MNIST_DEBIAN),
                    "skipped: neither MNIST (" + e.getMessage() + ") nor Fashion-MNIST (" + IdxDirectory.FASHION_MNIST_DEBIAN + ") is available");
            return IdxDirectory.FASHION_MNIST_DEBIAN;
        }
    }

    static int python(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    static double[] ref(String name) {
        return Npz.read(models.resolve("reference.npz")).get(name).data();
    }

    static Network read(String file) {
        return ModelFiles.read(models.resolve(file), Activation.TANH, Activation.IDENTITY);
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": count");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        assertTrue(worst <= tol, what + ": largest difference " + worst + " > " + tol);
    }

    @Test
    void theThreeFormatsGiveOneNetworkWhoseGSpectrumMatchesNumpy() {
        Network onnx = read("model.onnx"), npz = read("model.npz"), st = read("model.safetensors");
        assertEquals("784-64-32-10", onnx.layout().toString());
        assertEquals(npz, onnx);
        assertEquals(npz, st);
        assertEquals(Activation.TANH, onnx.hiddenActivation());
        assertEquals(Activation.IDENTITY, onnx.outputActivation());
        ThermoAnalysisResult a = ThermoAnalysis.analyse(onnx, AnalysisOptions.defaults(), LA);
        assertClose(ref("ln_all"), a.get(IntegrationSpace.ALL).spectrum().lnLambdaNontrivial(), 1e-10, "ln λ, all N");
        assertClose(ref("ln_clamped"), a.get(IntegrationSpace.CLAMPED).spectrum().lnLambdaNontrivial(), 1e-10, "ln λ, clamped");
    }

    @Test
    void analyseWritesTheRunFormatAndItsSpectraEqualTheToolkitsOwnAnalysisAndNumpy() throws Exception {
        Path out = work.resolve("analysed-st");
        RunFixtures.Result r = RunFixtures.cli("analyse", models.resolve("model.safetensors").toString(), "--output", out.toString(), "--no-figures");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("alpha_hat") && r.out().contains("784-64-32-10"), r.out());
        RunReader rr = RunReader.open(out);
        assertEquals(1, rr.metrics().rowCount());
        ThermoAnalysisResult own = ThermoAnalysis.analyse(read("model.npz"), AnalysisOptions.defaults(), LA);
        List<SpectrumRow> rows = rr.spectra().rows();
        assertEquals(2, rows.size());
        for (SpectrumRow s : rows) {
            IntegrationSpace sp = s.space().equals(SpectrumRow.ALL) ? IntegrationSpace.ALL : IntegrationSpace.CLAMPED;
            assertClose(own.get(sp).spectrum().lnLambdaNontrivial(), s.lnLambda(), 1e-12, "analyse vs ThermoAnalysis, " + s.space());
            assertClose(ref(sp == IntegrationSpace.ALL ? "ln_all" : "ln_clamped"), s.lnLambda(), 1e-10, "analyse vs numpy, " + s.space());
        }
        // per-layer ESD and the Clauset–Shalizi–Newman fit against the independent numpy implementation
        List<LayerSpectrum> layers = LayersTable.read(RunFiles.layers(out)).checkpoint(0);
        assertEquals(3, layers.size());
        for (LayerSpectrum l : layers) {
            double[] ev = ref("esd_" + l.layer());
            for (int i = 0; i < ev.length; i++) assertEquals(ev[i], l.eigenvalues()[i], 1e-12 * ev[ev.length - 1], "ESD of layer " + l.layer());
            double[] fit = ref("fit_" + l.layer());
            assertEquals(fit[0], l.fit().alpha(), 1e-9 * fit[0], "alpha of layer " + l.layer());
            assertEquals(fit[1], l.fit().xMin(), 1e-12 * fit[1], "x_min of layer " + l.layer());
            assertEquals(fit[2], l.fit().ksDistance(), 1e-9, "KS D of layer " + l.layer());
            assertEquals((int) fit[3], l.fit().nTail(), "tail of layer " + l.layer());
        }
        assertEquals(List.of(0L), rr.checkpoints());
    }

    @Test
    void withDataTheRowHoldsLossesAccuracyAndTemperature() throws Exception {
        Path out = work.resolve("analysed-data");
        RunFixtures.Result r = RunFixtures.cli("analyse", models.resolve("model.onnx").toString(), "--data", data.toString(),
                "--samples", "100", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Object> row = RunReader.open(out).metrics().rows().get(0);
        double acc = (Double) row.get("test_accuracy"), ub = (Double) row.get("u_boundary"), u = (Double) row.get("u_bulk");
        assertTrue(acc > 0.3 && acc <= 1, "one epoch on 3000 images should beat chance clearly: " + acc);
        assertTrue(u <= ub * (1 + 1e-9) && u > 0, "P6: U " + u + " <= U_∂ " + ub);
        assertTrue((Double) row.get("temperature_all") > 0);
        assertTrue(Files.isRegularFile(out.resolve("figures").resolve("layer_0_esd.png")));
        assertTrue(Files.isRegularFile(out.resolve("figures").resolve("spectrum_histograms_all.png")));
    }

    @Test
    void exportedNetworksReadBackByPyTorchGiveTheSameOutputs() throws Exception {
        // a ThermoLearn-trained net with a skip block (ONNX) and the PyTorch net round-tripped through ThermoLearn (ONNX and npz)
        Path synth = RunFixtures.syntheticData(work.resolve("synthetic"));
        Path cfg = RunFixtures.config(work.resolve("skip.yaml"), synth, 1, "");
        Files.writeString(cfg, Files.readString(cfg).replace("architecture: \"64-16-12-4\"", "architecture: \"64-16-12-4+0>2\""));
        Path run = work.resolve("skip-run");
        RunFixtures.Result trained = RunFixtures.cli("run", "--config", cfg.toString(), "--output", run.toString());
        assertEquals(0, trained.code(), trained.err());
        Path analysed = work.resolve("analysed-npz");
        RunFixtures.Result an = RunFixtures.cli("analyse", models.resolve("model.npz").toString(), "--output", analysed.toString(), "--no-figures");
        assertEquals(0, an.code(), an.err());

        record Case(Path run, Path dataDir, String format, String torchKey) { }
        for (Case c : List.of(new Case(run, synth, "onnx", "onnx"), new Case(analysed, data, "onnx", "onnx"), new Case(analysed, data, "npz", "npz"))) {
            Path file = work.resolve("export-" + c.run().getFileName() + "." + c.format());
            RunFixtures.Result e = RunFixtures.cli("export", c.run().toString(), "--format", c.format(), "--output", file.toString());
            assertEquals(0, e.code(), e.err());
            Network net = RunReader.open(c.run()).checkpoint(RunReader.open(c.run()).checkpoints().get(RunReader.open(c.run()).checkpoints().size() - 1)).network();
            assertEquals(net, ModelFiles.read(file, net.hiddenActivation(), net.outputActivation()), "ThermoLearn reads its own export back exactly");
            Path outs = work.resolve("torch-" + file.getFileName() + ".npz");
            int rc = python(work.resolve("readback.log"), SCRIPT.toString(), "readback", "--data", c.dataDir().toString(), "--count", "100",
                    "--" + c.format(), file.toString(), "--out", outs.toString());
            assertEquals(0, rc, () -> read(work.resolve("readback.log")));
            Dataset test = IdxDirectory.load(c.dataDir(), "d", 100).test();
            double[] x = java.util.Arrays.copyOf(test.images(), 100 * test.features());
            double[] mine = ForwardPass.outputs(net, x, 100, LA);
            Tensor theirs = Npz.read(outs).get(c.torchKey());
            assertArrayEquals(new int[]{100, net.layout().nOut()}, theirs.shape());
            assertClose(mine, theirs.data(), 1e-12, "outputs of " + file.getFileName() + " in PyTorch vs ThermoLearn");
        }
        // an nn.Sequential cannot hold a skip block: npz export of the skip net is refused with exit 2
        RunFixtures.Result bad = RunFixtures.cli("export", run.toString(), "--format", "npz", "--output", work.resolve("skip.npz").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("export it as ONNX"), bad.err());
        assertTrue(!Files.exists(work.resolve("skip.npz")));
    }
}
