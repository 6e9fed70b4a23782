package org.thermolearn.core.loss;

import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random networks and data for the loss tests. */
final class TestNets {

    private TestNets() { }

    /**
     * A network with layered blocks g → g+1 plus the given skip edges, weights N(0, scale²/n_from),
     * biases N(0, biasScale²).
     */
    static Network random(long seed, double scale, double biasScale, Activation hidden, Activation output,
                          int[] sizes, int[]... skips) {
        NeuronLayout l = NeuronLayout.of(sizes);
        Random r = new Random(seed);
        List<Block> blocks = new ArrayList<>();
        for (int g = 0; g + 1 < sizes.length; g++) blocks.add(block(r, scale, g, g + 1, sizes));
        for (int[] e : skips) blocks.add(block(r, scale, e[0], e[1], sizes));
        double[] bias = new double[l.n()];
        for (int i = l.nIn(); i < l.n(); i++) bias[i] = biasScale * r.nextGaussian();
        return new Network(l, new WeightMatrix(l, blocks), bias, hidden, output);
    }

    static Network tanh(long seed, double scale, int[] sizes, int[]... skips) {
        return random(seed, scale, 0.3, Activation.TANH, Activation.TANH, sizes, skips);
    }

    private static Block block(Random r, double scale, int from, int to, int[] sizes) {
        double[] w = new double[sizes[to] * sizes[from]];
        double sd = scale / Math.sqrt(sizes[from]);
        for (int i = 0; i < w.length; i++) w[i] = sd * r.nextGaussian();
        return new Block(from, to, sizes[to], sizes[from], w);
    }

    static double[] uniform(long seed, int count, double lo, double hi) {
        Random r = new Random(seed);
        double[] a = new double[count];
        for (int i = 0; i < count; i++) a[i] = lo + (hi - lo) * r.nextDouble();
        return a;
    }

    /** MNIST-like inputs: about 80 % zeros, the rest uniform in (0, 1]. */
    static double[] sparseImages(long seed, int samples, int nIn) {
        Random r = new Random(seed);
        double[] a = new double[samples * nIn];
        for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() < 0.8 ? 0 : 1 - r.nextDouble();
        return a;
    }

    /** One-hot {0,1} targets (A14 default). */
    static double[] oneHot(long seed, int samples, int nOut) {
        Random r = new Random(seed);
        double[] t = new double[samples * nOut];
        for (int s = 0; s < samples; s++) t[s * nOut + r.nextInt(nOut)] = 1;
        return t;
    }
}
