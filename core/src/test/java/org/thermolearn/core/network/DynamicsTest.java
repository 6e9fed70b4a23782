package org.thermolearn.core.network;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.train.Initialization;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class DynamicsTest {

    private static double[] randomInput(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextDouble();
        return x;
    }

    private static Network randomNet(Architecture a, long seed) {
        Network n = Initialization.normal(2.0).create(a, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        double[] b = n.bias();
        for (int i = n.layout().nIn(); i < b.length; i++) b[i] = 0.3 * (r.nextDouble() - 0.5);
        return n;
    }

    @Test
    void p10FixedPointAfterExactlyLMinusOneStepsEqualsForwardPass() {
        for (int[] widths : new int[][]{{5, 4, 3}, {6, 5, 4, 3}, {7, 6, 5, 4, 3}, {8, 3, 3, 3, 3, 2}}) {
            Network net = randomNet(Architecture.layered(widths), 11);
            int levels = net.weights().levels();
            assertEquals(widths.length, levels);
            double[] in = randomInput(widths[0], 3);
            Dynamics.FixedPoint fp = Dynamics.fixedPoint(net, in, 100);
            assertTrue(fp.converged());
            assertEquals(levels - 1, fp.iterations(), "iterations for " + java.util.Arrays.toString(widths));
            double[][] fwd = ForwardPass.run(net, in, 1, EjmlLinalg.INSTANCE);
            for (int g = 1; g < widths.length; g++) {
                for (int j = 0; j < widths[g]; j++) {
                    assertEquals(fwd[g][j], fp.state()[net.layout().offset(g) + j], 1e-15);
                }
            }
        }
    }

    @Test
    void p10HoldsWithSkipEdges() {
        Architecture a = new Architecture(NeuronLayout.of(6, 5, 4, 3), List.of(new int[]{0, 2}, new int[]{1, 3}), Activation.TANH, Activation.SIGMOID);
        Network net = randomNet(a, 5);
        assertEquals(4, net.weights().levels());
        double[] in = randomInput(6, 9);
        Dynamics.FixedPoint fp = Dynamics.fixedPoint(net, in, 100);
        assertEquals(3, fp.iterations());
        double[] out = ForwardPass.outputs(net, in, 1, EjmlLinalg.INSTANCE);
        for (int j = 0; j < 3; j++) assertEquals(out[j], fp.state()[15 + j], 1e-15);
        // a skip edge that spans the whole net shortens nothing: the longest path still has 3 edges
        Architecture b = new Architecture(NeuronLayout.of(6, 5, 4, 3), List.of(new int[]{0, 3}), Activation.TANH, Activation.TANH);
        assertEquals(4, randomNet(b, 1).weights().levels());
    }

    @Test
    void p1NilpotencyAndABackwardEdgeBreaksIt() {
        Network net = randomNet(Architecture.layered(3, 3, 3), 2);
        assertTrue(net.weights().isNilpotent());
        double[][] w = net.weights().toDense();
        double[][] w2 = mul(w, w), w3 = mul(w2, w);
        assertTrue(maxAbs(w2) > 0, "ŵ² ≠ 0 for the talk's 3-3-3 example");
        assertEquals(0.0, maxAbs(w3), 0.0, "ŵ³ = 0");
        List<Block> blocks = new java.util.ArrayList<>(net.weights().blocks());
        double[] back = new double[9];
        back[0] = 0.5;
        blocks.add(new Block(2, 1, 3, 3, back));
        WeightMatrix cyclic = new WeightMatrix(net.layout(), blocks);
        assertFalse(cyclic.isFeedForward());
        assertFalse(cyclic.isNilpotent());
        double[][] c = cyclic.toDense();
        double[][] p = c;
        for (int k = 1; k < 9; k++) p = mul(p, c);
        assertTrue(maxAbs(p) > 0, "a backward edge gives paths of every length");
        // a zero backward block is structurally backward but still nilpotent
        blocks.set(blocks.size() - 1, new Block(2, 1, 3, 3, new double[9]));
        assertTrue(new WeightMatrix(net.layout(), blocks).isNilpotent());
    }

    @Test
    void badShapesAreRejectedWithAClearMessage() {
        NeuronLayout l = NeuronLayout.of(3, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(l, List.of(new Block(0, 1, 3, 3, new double[9]))));
        assertTrue(e.getMessage().contains("needs 2x3"), e.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> NeuronLayout.parse("784-x-10"));
        assertTrue(p.getMessage().contains("'x'"), p.getMessage());
    }

    static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) c[i][j] += a[i][k] * b[k][j];
        return c;
    }

    static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] r : a) for (double v : r) m = Math.max(m, Math.abs(v));
        return m;
    }
}
