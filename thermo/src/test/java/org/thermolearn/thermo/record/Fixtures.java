package org.thermolearn.thermo.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

/** Shared test data: doubles that a lossy encoding would change, and small networks. */
final class Fixtures {

    private Fixtures() { }

    /** Values whose bits must survive: signed zero, subnormals, extremes, infinities, NaN with payload. */
    static final double[] TRICKY = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, Double.MAX_VALUE, Math.PI, -1.0 / 3.0,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.longBitsToDouble(0x7ff8000000000123L), 1e-300, 123456789.125
    };

    static List<ColumnSpec> columns() {
        return List.of(
                ColumnSpec.int64("checkpoint", "1", "checkpoint index"),
                ColumnSpec.float64("epoch", "epoch", "training epoch", ""),
                ColumnSpec.float64("temperature", "1", "estimated temperature T hat", "S23"),
                ColumnSpec.float64("entropy_s0", "nat", "ensemble entropy S0", "S18"),
                ColumnSpec.utf8("note", "free text"));
    }

    static Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("provenance", "{\"toolkit\":\"0.1.0\",\"seed\":42,\"jvm\":\"17\",\"quote\":\"a\\\"b\"}");
        m.put("run_id", "test-run");
        return m;
    }

    static Row row(int k) {
        return Row.of().put("checkpoint", (long) k).put("epoch", k * 0.5)
                .put("temperature", TRICKY[k % TRICKY.length]).put("entropy_s0", -k * 1.25e-3 + 1.0 / 7.0)
                .put("note", k % 2 == 0 ? "β̂ ≈ ∞, tab-free" : "");
    }

    static List<SpectrumRow> spectrum(int k) {
        double[] all = new double[k % 4 + 1];
        for (int i = 0; i < all.length; i++) all[i] = TRICKY[(k + i) % TRICKY.length] - i;
        double[] clamped = k % 3 == 0 ? new double[0] : new double[] {Math.log(k + 0.5), -Math.log(k + 2.0)};
        return List.of(new SpectrumRow(k, k * 0.5, 100L * k, SpectrumRow.ALL, 10 + all.length, 10, all),
                new SpectrumRow(k, k * 0.5, 100L * k, SpectrumRow.CLAMPED, 10 + clamped.length, 10, clamped));
    }

    /** A 4-3-2-2 network with a skip block 0→3, random weights with a few tricky values. */
    static Network network(long seed) {
        NeuronLayout layout = NeuronLayout.of(4, 3, 2, 2);
        SplittableRandom r = new SplittableRandom(seed);
        List<Block> blocks = new ArrayList<>();
        int[][] edges = {{0, 1}, {1, 2}, {2, 3}, {0, 3}};
        for (int[] e : edges) {
            int rows = layout.size(e[1]), cols = layout.size(e[0]);
            double[] w = new double[rows * cols];
            for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();
            blocks.add(new Block(e[0], e[1], rows, cols, w));
        }
        blocks.get(0).w()[0] = -0.0;
        blocks.get(1).w()[1] = Double.MIN_VALUE;
        double[] bias = new double[layout.n()];
        for (int i = layout.nIn(); i < bias.length; i++) bias[i] = r.nextDouble() - 0.5;
        return new Network(layout, new WeightMatrix(layout, blocks), bias, Activation.SIGMOID, Activation.TANH);
    }
}
