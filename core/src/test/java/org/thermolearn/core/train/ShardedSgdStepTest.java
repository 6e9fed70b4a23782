package org.thermolearn.core.train;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.linalg.NetlibLinalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The data-parallel step: the same bits on one thread or two, and the same update as {@link Backprop} to round-off. */
class ShardedSgdStepTest {

    static List<Linalg> backends() {
        List<Linalg> l = new ArrayList<>(List.of(EjmlLinalg.INSTANCE));
        NetlibLinalg.loadNative().ifPresent(l::add);
        return l;
    }

    @Test
    void oneThreadAndTwoGiveTheSameBits() {
        Samples train = TrainerTest.blobs(203, 4);
        // skip edge, momentum, L2, a schedule and an odd batch (the last batch has 203 mod 13 = 8 rows)
        Network init = Initialization.normal(1.0).create(Architecture.parse("8-9-7-3+0>2", Activation.TANH, Activation.TANH), 5);
        Optimizer opt = Optimizer.sgd(0.2).withMomentum(0.8).withL2(1e-3).withSchedule(Schedule.step(0.5, 1));
        for (Linalg la : backends()) {
            Trainer one = new Trainer(new TrainerState(init, null, null, 0), opt, Loss.SQUARED_ERROR, 13, 3, la, 1);
            Trainer two = new Trainer(new TrainerState(init, null, null, 0), opt, Loss.SQUARED_ERROR, 13, 3, la, 2);
            assertEquals(1, one.threads());
            double l1 = one.trainSteps(train, 40), l2 = two.trainSteps(train, 40);
            assertEquals(l1, l2, 0.0, la.name());
            assertEquals(one.snapshot(), two.snapshot(), la.name() + ": weights and biases bit-identical");
            TrainerState s1 = one.state(), s2 = two.state();
            for (int k = 0; k < s1.velocityW().length; k++) assertArrayEquals(s1.velocityW()[k], s2.velocityW()[k], la.name());
            assertArrayEquals(s1.velocityB(), s2.velocityB());
        }
    }

    @Test
    void batchOfOneLeavesTheSecondShardEmpty() {
        Samples train = TrainerTest.blobs(5, 6);
        Network init = Initialization.normal(1.0).create(Architecture.layered(8, 4, 3), 2);
        Trainer a = new Trainer(new TrainerState(init, null, null, 0), Optimizer.sgd(0.1), Loss.SQUARED_ERROR, 1, 1, EjmlLinalg.INSTANCE, 2);
        Trainer b = new Trainer(new TrainerState(init, null, null, 0), Optimizer.sgd(0.1), Loss.SQUARED_ERROR, 1, 1, EjmlLinalg.INSTANCE, 1);
        a.trainEpoch(train);
        b.trainEpoch(train);
        assertEquals(a.snapshot(), b.snapshot());
        assertFalse(a.snapshot().hasNonFinite());
    }

    /** One step of the trainer against Backprop's mean gradient and θ ← θ − η(g + λθ) (v ← μv + g + λθ for the weights). */
    @Test
    void oneStepMatchesTheBackpropReference() {
        Samples train = TrainerTest.blobs(40, 7);
        for (Loss loss : Loss.values()) {
            Activation out = loss.requiredOutputActivation() == null ? Activation.TANH : loss.requiredOutputActivation();
            Network init = Initialization.normal(1.0).create(Architecture.parse("8-6-5-3+0>2", Activation.TANH, out), 11);
            double lr = 0.3, mu = 0.5, lambda = 1e-2;
            for (double m : new double[]{0, mu}) {
                Optimizer opt = Optimizer.sgd(lr).withMomentum(m).withL2(lambda);
                Trainer t = new Trainer(new TrainerState(init, null, null, 0), opt, loss, 40, 9, EjmlLinalg.INSTANCE, 2);
                double meanLoss = t.trainSteps(train, 1);
                // reference: the batch in the trainer's order
                int[] order = Trainer.permutation(40, 9, 0);
                double[] x = new double[40 * 8], y = new double[40 * 3];
                for (int i = 0; i < 40; i++) {
                    System.arraycopy(train.inputs(), order[i] * 8, x, i * 8, 8);
                    System.arraycopy(train.targets(), order[i] * 3, y, i * 3, 3);
                }
                Backprop bp = new Backprop(loss, EjmlLinalg.INSTANCE);
                double lossSum = bp.compute(init, x, y, 40);
                assertEquals(lossSum / 40, meanLoss, 1e-12 * Math.abs(lossSum / 40), loss + " batch loss");
                Network got = t.snapshot();
                for (int k = 0; k < init.weights().blocks().size(); k++) {
                    Block b0 = init.weights().blocks().get(k);
                    double[] w = got.weights().blocks().get(k).w(), g = bp.gradW()[k];
                    for (int i = 0; i < w.length; i++) {
                        double v = g[i] + lambda * b0.w()[i]; // v starts at 0, so μv vanishes in step one
                        double want = b0.w()[i] - lr * v;
                        assertEquals(want, w[i], 1e-13, loss + " mu " + m + " block " + k + " entry " + i);
                    }
                }
                for (int i = 8; i < init.bias().length; i++) {
                    assertEquals(init.bias()[i] - lr * bp.gradB()[i], got.bias()[i], 1e-13, loss + " bias " + i);
                }
            }
        }
    }
}
