package org.thermolearn.core.train;

import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How initial weights are drawn (biases start at 0, §6.2). With fan-in n = the number of inputs of the
 * receiving group (summed over all blocks into it) and fan-out m:
 * NORMAL w ~ N(0, σ²/n) (the paper's small-σ default), XAVIER w ~ N(0, σ²·2/(n+m)),
 * HE w ~ N(0, σ²·2/n). σ is {@code scale}.
 */
public record Initialization(Kind kind, double scale) {

    public enum Kind { NORMAL, XAVIER, HE }

    public Initialization {
        if (!(scale >= 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("init scale must be ≥ 0, got " + scale);
    }

    public static Initialization normal(double sigma) { return new Initialization(Kind.NORMAL, sigma); }

    /** Draws a network for the architecture from the seed. */
    public Network create(Architecture arch, long seed) {
        NeuronLayout l = arch.layout();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] fanIn = new int[l.groupCount()];
        List<int[]> edges = arch.edges();
        for (int[] e : edges) fanIn[e[1]] += l.size(e[0]);
        List<Block> blocks = new ArrayList<>();
        for (int[] e : edges) {
            int rows = l.size(e[1]), cols = l.size(e[0]);
            double var = switch (kind) {
                case NORMAL -> scale * scale / fanIn[e[1]];
                case XAVIER -> scale * scale * 2.0 / (fanIn[e[1]] + rows);
                case HE -> scale * scale * 2.0 / fanIn[e[1]];
            };
            double sd = Math.sqrt(var);
            double[] w = new double[rows * cols];
            for (int i = 0; i < w.length; i++) w[i] = sd * gaussian(rng);
            blocks.add(new Block(e[0], e[1], rows, cols, w));
        }
        return new Network(l, new WeightMatrix(l, blocks), new double[l.n()], arch.hidden(), arch.output());
    }

    /** Standard normal by the Marsaglia polar method (deterministic, JDK-version independent). */
    public static double gaussian(SplittableRandom rng) {
        double u, v, s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    public static Kind parseKind(String name) {
        for (Kind k : Kind.values()) if (k.name().equalsIgnoreCase(name.trim())) return k;
        throw new IllegalArgumentException("unknown initialisation '" + name + "'; choose normal, xavier or he");
    }
}
