package org.thermolearn.core.loss;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.NetlibLinalg;
import org.thermolearn.core.network.Network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched L-BFGS on a row objective that is not a network, and the thread-count independence of the bulk loss. */
class BatchedMinimiserTest {

    /** Row s: the Rosenbrock function in 4 dimensions scaled by (1 + s), minimum 0 at (1, 1, 1, 1). */
    static final class Rosenbrock implements RowObjective {
        final double[] scale = new double[64];

        Rosenbrock() {
            for (int s = 0; s < scale.length; s++) scale[s] = 1 + s;
        }

        @Override
        public int dimension() { return 4; }

        @Override
        public void evaluate(int rows, double[] x, double[] values, double[] gradient) {
            for (int s = 0; s < rows; s++) {
                int b = s * 4;
                double v = 0;
                if (gradient != null) java.util.Arrays.fill(gradient, b, b + 4, 0.0);
                for (int i = 0; i < 3; i++) {
                    double u = x[b + i + 1] - x[b + i] * x[b + i], w = 1 - x[b + i];
                    v += 100 * u * u + w * w;
                    if (gradient != null) {
                        gradient[b + i] += scale[s] * (-400 * x[b + i] * u - 2 * w);
                        gradient[b + i + 1] += scale[s] * 200 * u;
                    }
                }
                values[s] = scale[s] * v;
            }
        }

        @Override
        public void moveRow(int from, int to) { scale[to] = scale[from]; }
    }

    @Test
    void minimisesAnyRowObjectiveToTheGradientTolerance() {
        Rosenbrock obj = new Rosenbrock();
        BatchedLbfgs lbfgs = new BatchedLbfgs(64, 4, 6);
        double[] x = lbfgs.states();
        for (int s = 0; s < 64; s++) for (int j = 0; j < 4; j++) x[s * 4 + j] = -1.2 + 0.05 * ((s + j) % 7);
        RowMinima r = lbfgs.minimise(obj, 64, 1e-9, 5000, false, true);
        assertEquals(0, r.notConverged());
        assertEquals(0, r.stalled());
        for (int s = 0; s < 64; s++) {
            assertTrue(r.gradInf()[s] <= 1e-9, "row " + s + ": |grad| " + r.gradInf()[s]);
            assertTrue(r.values()[s] <= r.start()[s], "row " + s);
            for (int j = 0; j < 4; j++) assertEquals(1.0, r.states()[s * 4 + j], 1e-8, "row " + s + " coordinate " + j);
            assertTrue(r.evaluations()[s] > 1);
        }
    }

    @Test
    void budgetExhaustionIsCounted() {
        Rosenbrock obj = new Rosenbrock();
        BatchedLbfgs lbfgs = new BatchedLbfgs(64, 4, 6);
        double[] x = lbfgs.states();
        for (int i = 0; i < 64 * 4; i++) x[i] = -1.2;
        RowMinima r = lbfgs.minimise(obj, 10, 1e-12, 5, false, false);
        assertEquals(10, r.notConverged() + r.stalled());
        for (int s = 0; s < 10; s++) assertTrue(r.evaluations()[s] <= 5);
        assertEquals(null, r.states());
    }

    @Test
    void bulkLossIsTheSameOnOneThreadAndTwo() {
        Network net = TestNets.tanh(9, 1.5, new int[] {7, 6, 5, 4}, new int[] {0, 2});
        double[] in = TestNets.uniform(1, 250 * 7, -1, 1), out = TestNets.uniform(2, 250 * 4, -0.9, 0.9);
        var las = new java.util.ArrayList<org.thermolearn.core.linalg.Linalg>(java.util.List.of(EjmlLinalg.INSTANCE));
        NetlibLinalg.loadNative().ifPresent(las::add);
        for (var la : las) {
            BulkLossOptions o = BulkLossOptions.DEFAULT.withChunkSize(40).withHiddenStates(true);
            BulkLossResult one = new BulkLoss(la, o, 1).evaluate(net, in, out), two = new BulkLoss(la, o, 2).evaluate(net, in, out);
            assertArrayEquals(one.perSample(), two.perSample(), 0.0, la.name());
            assertArrayEquals(one.hiddenStates(), two.hiddenStates(), 0.0, la.name());
            assertArrayEquals(one.gradInf(), two.gradInf(), 0.0, la.name());
            assertEquals(one.meanIterations(), two.meanIterations(), 0.0);
            assertTrue(one.allConverged());
        }
    }
}
