package org.thermolearn.core.train;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mini-batches taken in the order of {@link Trainer#permutation} (pinned in LossAndStepAccountingTest), a
 * last batch smaller than the others, two inputs and two outputs, plain SGD without L2 or momentum: a 2-1-2
 * net (tanh hidden, identity outputs) updated by hand, sample by sample, and compared with {@link Trainer}.
 */
class MiniBatchOrderTest {

    private static final double[][] X = {{0.7, -0.2}, {-1.2, 0.5}, {0.4, 0.9}};
    private static final double[][] Y = {{0.3, -0.1}, {-0.5, 0.2}, {0.1, 0.6}};

    @Test
    void twoEpochsOfBatchesOfTwoThenOne() {
        // parameters: w1 (1x2), b1, w2 (2x1), b2 (2)
        double[] w1 = {0.8, -0.4};
        double b1 = 0.1;
        double[] w2 = {-1.5, 0.6};
        double[] b2 = {0.2, -0.3};
        NeuronLayout l = NeuronLayout.of(2, 1, 2);
        Network net = new Network(l, new WeightMatrix(l, List.of(new Block(0, 1, 1, 2, w1.clone()), new Block(1, 2, 2, 1, w2.clone()))),
                new double[]{0, 0, b1, b2[0], b2[1]}, Activation.TANH, Activation.IDENTITY);
        double lr = 0.3;
        long seed = 5;
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] order = Trainer.permutation(3, seed, epoch);
            for (int[] batch : new int[][]{{order[0], order[1]}, {order[2]}}) {
                double[] gw1 = new double[2], gw2 = new double[2], gb2 = new double[2];
                double gb1 = 0;
                for (int s : batch) {
                    double h = Math.tanh(w1[0] * X[s][0] + w1[1] * X[s][1] + b1);
                    double back = 0;
                    for (int k = 0; k < 2; k++) {
                        double e = w2[k] * h + b2[k] - Y[s][k];
                        gw2[k] += e * h / batch.length;
                        gb2[k] += e / batch.length;
                        back += e * w2[k];
                    }
                    double d1 = back * (1 - h * h);
                    gw1[0] += d1 * X[s][0] / batch.length;
                    gw1[1] += d1 * X[s][1] / batch.length;
                    gb1 += d1 / batch.length;
                }
                for (int k = 0; k < 2; k++) {
                    w1[k] -= lr * gw1[k];
                    w2[k] -= lr * gw2[k];
                    b2[k] -= lr * gb2[k];
                }
                b1 -= lr * gb1;
            }
        }
        double[] x = new double[6], y = new double[6];
        for (int s = 0; s < 3; s++) {
            System.arraycopy(X[s], 0, x, 2 * s, 2);
            System.arraycopy(Y[s], 0, y, 2 * s, 2);
        }
        Trainer t = new Trainer(net, Optimizer.sgd(lr), Loss.SQUARED_ERROR, 2, seed, EjmlLinalg.INSTANCE);
        Samples data = new Samples(x, y, new int[3], 3, 2, 2);
        t.trainEpoch(data);
        t.trainSteps(data, 2);
        Network n = t.snapshot();
        double[] tw1 = n.weights().blocks().get(0).w(), tw2 = n.weights().blocks().get(1).w();
        for (int k = 0; k < 2; k++) {
            assertEquals(w1[k], tw1[k], 1e-13, "w1 " + k);
            assertEquals(w2[k], tw2[k], 1e-13, "w2 " + k);
            assertEquals(b2[k], n.bias()[3 + k], 1e-13, "b2 " + k);
        }
        assertEquals(b1, n.bias()[2], 1e-13, "b1");
        // restoring the state mid-way continues identically
        Trainer a = new Trainer(net, Optimizer.sgd(lr), Loss.SQUARED_ERROR, 2, seed, EjmlLinalg.INSTANCE);
        a.trainSteps(data, 3);
        Trainer b = new Trainer(a.state(), Optimizer.sgd(lr), Loss.SQUARED_ERROR, 2, seed, EjmlLinalg.INSTANCE);
        a.trainSteps(data, 1);
        b.trainSteps(data, 1);
        assertEquals(a.snapshot(), b.snapshot());
        assertEquals(n, a.snapshot(), "four steps either way");
    }
}
