package org.thermolearn.tests.bench;

import org.thermolearn.core.data.Dataset;
import org.thermolearn.core.data.MnistRepository;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Initialization;
import org.thermolearn.core.train.Samples;

import java.util.SplittableRandom;

/** Fixtures shared by the benchmarks: networks with trained-like weights and MNIST-shaped data. */
public final class BenchNets {

    private BenchNets() { }

    /** Parses "784-100-10" into a layered tanh architecture. */
    public static Architecture arch(String spec) {
        return Architecture.parse(spec, Activation.TANH, Activation.TANH);
    }

    /**
     * A network drawn with {@code Initialization.normal(scale)} (w ~ N(0, scale²/fan-in)) and, unlike the
     * zero-bias initialisation, a random bias N(0, biasSd²) on every non-input neuron (so f′ at the bias
     * is spread out like after training).
     */
    public static Network trainedLike(String spec, double scale, double biasSd, long seed) {
        Network n = Initialization.normal(scale).create(arch(spec), seed);
        double[] b = n.bias().clone();
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n.layout().nIn(); i < b.length; i++) b[i] = biasSd * gaussian(rng);
        return new Network(n.layout(), n.weights(), b, n.hiddenActivation(), n.outputActivation());
    }

    /** The same network with every weight multiplied by {@code factor}. */
    public static Network scaleWeights(Network n, double factor) {
        Network c = n.copy();
        for (var blk : c.weights().blocks()) {
            double[] w = blk.w();
            for (int i = 0; i < w.length; i++) w[i] *= factor;
        }
        return c;
    }

    /** Backend by name: "native" (fails if OpenBLAS does not load), "java" (EJML) or "auto". */
    public static Linalg linalg(String backend) {
        return Linalg.select(backend);
    }

    /**
     * {@code count} samples: "mnist" = the first {@code count} MNIST training images (from the cache,
     * ~/.cache/thermolearn/mnist or $THERMOLEARN_DATA; falls back to the 10 000 test images when
     * {@code test} is set), "synthetic" = MNIST-shaped random sparse images (≈19% non-zero pixels in
     * [0, 1]) with random labels. Targets are one-hot {0, 1}.
     */
    public static Samples samples(String data, int count, boolean test, long seed) {
        if (data.equals("mnist")) {
            MnistRepository repo = MnistRepository.locate(null);
            Dataset d = test ? repo.loadTest() : repo.loadTraining();
            if (count > d.count()) throw new IllegalArgumentException("asked for " + count + " samples, MNIST has " + d.count());
            d = d.subset(0, count);
            return Samples.oneHot(d.images(), d.labels(), d.features(), d.classes(), 0.0, 1.0);
        }
        if (!data.equals("synthetic")) throw new IllegalArgumentException("data must be mnist or synthetic, got " + data);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[count * 784];
        int[] labels = new int[count];
        for (int s = 0; s < count; s++) {
            for (int j = 0; j < 784; j++) if (rng.nextDouble() < 0.19) x[s * 784 + j] = rng.nextDouble();
            labels[s] = rng.nextInt(10);
        }
        return Samples.oneHot(x, labels, 784, 10, 0.0, 1.0);
    }

    static double gaussian(SplittableRandom rng) {
        return org.thermolearn.core.train.Initialization.gaussian(rng);
    }

    /**
     * The dense baseline of the thermo benchmark: Ĝ = (I − F′ŵ)ᵀ(I − F′ŵ) formed as an N_G × N_G array
     * from {@code net.weights().toDense()} and {@code net.fPrimeAtBias()} (all-N space when
     * {@code firstNeuron == 0}, clamped space when it is n_in), then the symmetric eigensolver.
     * Returns the eigenvalues, ascending.
     */
    public static double[] denseSpectrum(Network net, int firstNeuron, Linalg la) {
        double[][] w = net.weights().toDense();
        double[] fp = net.fPrimeAtBias();
        int n = w.length - firstNeuron;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            double d = fp[firstNeuron + i];
            double[] row = w[firstNeuron + i];
            int base = i * n;
            for (int j = 0; j < n; j++) a[base + j] = -d * row[firstNeuron + j];
            a[base + i] += 1;
        }
        double[] g = new double[n * n];
        la.gemm(true, false, n, n, n, 1.0, a, a, 0.0, g);
        return la.symmetricEigenvalues(n, g);
    }
}
