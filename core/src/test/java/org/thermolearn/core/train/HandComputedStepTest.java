package org.thermolearn.core.train;

import org.junit.jupiter.api.Tag;
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
 * SGD steps on a 1-1-1 net (tanh hidden, identity output, squared error) written out with scalars, sharing
 * nothing with {@link Trainer} or {@link Backprop}: h = tanh(w₁x + b₁), o = w₂h + b₂, L = ½(o − y)² averaged
 * over the batch; g₂ = (o − y)h, g_b₂ = o − y, g₁ = (o − y)w₂(1 − h²)x, g_b₁ = (o − y)w₂(1 − h²).
 * Update (Optimizer): v ← μv + g + λw for weights (L2 λ on weights only), v_b ← μv_b + g_b, θ ← θ − η(e)v;
 * with μ = 0 simply θ ← θ − η(e)(g + λw). Two samples in one batch: one step per epoch, so η(e) follows
 * the schedule step by step and the shuffle cannot matter.
 */
@Tag("essential")
class HandComputedStepTest {

    private static final double[] X = {0.7, -1.2};
    private static final double[] Y = {0.3, -0.5};

    private static Network net(double w1, double b1, double w2, double b2) {
        NeuronLayout l = NeuronLayout.of(1, 1, 1);
        return new Network(l, new WeightMatrix(l, List.of(new Block(0, 1, 1, 1, new double[]{w1}), new Block(1, 2, 1, 1, new double[]{w2}))),
                new double[]{0, b1, b2}, Activation.TANH, Activation.IDENTITY);
    }

    /** {w1, b1, w2, b2} after {@code steps} steps, by hand. */
    private static double[] byHand(double[] p0, double eta, double mu, double l2, Schedule schedule, int steps) {
        double w1 = p0[0], b1 = p0[1], w2 = p0[2], b2 = p0[3];
        double vw1 = 0, vb1 = 0, vw2 = 0, vb2 = 0;
        for (int t = 0; t < steps; t++) {
            double gw1 = 0, gb1 = 0, gw2 = 0, gb2 = 0;
            for (int s = 0; s < X.length; s++) {
                double h = Math.tanh(w1 * X[s] + b1);
                double e = w2 * h + b2 - Y[s];
                gw2 += e * h / X.length;
                gb2 += e / X.length;
                double d1 = e * w2 * (1 - h * h);
                gw1 += d1 * X[s] / X.length;
                gb1 += d1 / X.length;
            }
            double lr = eta * switch (schedule.kind()) {
                case CONSTANT -> 1.0;
                case STEP -> Math.pow(schedule.gamma(), Math.floor(t / schedule.everyEpochs()));
                case EXPONENTIAL -> Math.pow(schedule.gamma(), t);
            };
            vw1 = mu * vw1 + gw1 + l2 * w1;
            vw2 = mu * vw2 + gw2 + l2 * w2;
            vb1 = mu * vb1 + gb1;
            vb2 = mu * vb2 + gb2;
            w1 -= lr * vw1;
            w2 -= lr * vw2;
            b1 -= lr * vb1;
            b2 -= lr * vb2;
        }
        return new double[]{w1, b1, w2, b2};
    }

    private static double[] byTrainer(double[] p0, Optimizer opt, int steps) {
        Samples data = new Samples(X.clone(), Y.clone(), new int[2], 2, 1, 1);
        Trainer t = new Trainer(net(p0[0], p0[1], p0[2], p0[3]), opt, Loss.SQUARED_ERROR, 2, 11, EjmlLinalg.INSTANCE);
        t.trainSteps(data, steps);
        Network n = t.snapshot();
        return new double[]{n.weights().blocks().get(0).w()[0], n.bias()[1], n.weights().blocks().get(1).w()[0], n.bias()[2]};
    }

    private static void same(double[] expected, double[] actual, String what) {
        String[] names = {"w1", "b1", "w2", "b2"};
        for (int k = 0; k < 4; k++) assertEquals(expected[k], actual[k], 1e-13, what + ": " + names[k]);
    }

    private static final double[] P0 = {0.8, 0.1, -1.5, 0.2};

    @Test
    void oneStepOfPlainSgdWithL2MatchesTheNumbersWrittenOut() {
        // h1 = tanh(0.66) = 0.5783634130445057, h2 = tanh(-0.86) = -0.6962576726866815
        // e1 = -1.5 h1 + 0.2 - 0.3 = -0.9675451195667586, e2 = -1.5 h2 + 0.2 + 0.5 = 1.7443865090300221
        // g_w2 = (e1 h1 + e2 h2)/2 = -0.8870675943352364, g_b2 = (e1 + e2)/2 = 0.38842069473163177
        // g_w1 = (e1(-1.5)(1-h1²)0.7 + e2(-1.5)(1-h2²)(-1.2))/2 = 1.146922800705891, g_b1 = (e1(-1.5)(1-h1²) + e2(-1.5)(1-h2²))/2 = -0.19114110283861485
        // eta = 0.1, lambda = 0.01: w1 = 0.8 - 0.1(g_w1 + 0.008), w2 = -1.5 - 0.1(g_w2 - 0.015), biases without L2
        double[] after = byTrainer(P0, Optimizer.sgd(0.1).withL2(0.01), 1);
        same(new double[]{0.8 - 0.1 * (1.146922800705891 + 0.008), 0.1 - 0.1 * -0.19114110283861485,
                -1.5 - 0.1 * (-0.8870675943352364 - 0.015), 0.2 - 0.1 * 0.38842069473163177}, after, "one step");
    }

    @Test
    void plainSgdWithL2AndAStepSchedule() {
        Schedule s = Schedule.step(0.5, 2);
        same(byHand(P0, 0.3, 0, 0.05, s, 5), byTrainer(P0, Optimizer.sgd(0.3).withL2(0.05).withSchedule(s), 5), "sgd + L2 + step");
    }

    @Test
    void momentumWithL2AndAnExponentialSchedule() {
        Schedule s = Schedule.exponential(0.8);
        same(byHand(P0, 0.2, 0.9, 0.05, s, 6),
                byTrainer(P0, Optimizer.sgd(0.2).withMomentum(0.9).withL2(0.05).withSchedule(s), 6), "momentum + L2 + exponential");
    }

    @Test
    void momentumWithoutL2AndConstantRate() {
        same(byHand(P0, 0.2, 0.5, 0, Schedule.constant(), 4), byTrainer(P0, Optimizer.sgd(0.2).withMomentum(0.5), 4), "momentum");
    }

    @Test
    void theSchedulesGiveTheRatesWrittenOut() {
        assertEquals(0.3, Schedule.constant().rate(0.3, 7.5), 0);
        assertEquals(0.3, Schedule.step(0.5, 2).rate(0.3, 1.99), 0);
        assertEquals(0.15, Schedule.step(0.5, 2).rate(0.3, 2.0), 1e-17);
        assertEquals(0.075, Schedule.step(0.5, 2).rate(0.3, 5.5), 1e-17);
        assertEquals(0.3 * 0.8 * 0.8 * Math.sqrt(0.8), Schedule.exponential(0.8).rate(0.3, 2.5), 1e-16);
    }
}
