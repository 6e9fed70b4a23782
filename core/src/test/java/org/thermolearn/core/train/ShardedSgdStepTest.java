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

/** The data-parallel step: the same bits on one thread or two, and the same bits as the one-pass {@link Backprop} step. */
class ShardedSgdStepTest {

    static List<Linalg> backends() {
        List<Linalg> l = new ArrayList<>(List.of(EjmlLinalg.INSTANCE));
        NetlibLinalg.loadNative().ifPresent(l::add);
        return l;
    }

    @Test
    void oneThreadAndTwoGiveTheSameBits() {
        Samples train = TrainerTest.blobs(203, 4);
        // skip edge, momentum, L2, a schedule and an odd batch: 37 rows are split into shards of 24 + 13 on two threads
        // (from ShardedSgdStep.MIN_PARALLEL_BATCH on), the last batch (203 mod 37 = 18 rows) runs as one shard
        Network init = Initialization.normal(1.0).create(Architecture.parse("8-9-7-3+0>2", Activation.TANH, Activation.TANH), 5);
        Optimizer opt = Optimizer.sgd(0.2).withMomentum(0.8).withL2(1e-3).withSchedule(Schedule.step(0.5, 1));
        for (Linalg la : backends()) {
            Trainer one = new Trainer(new TrainerState(init, null, null, 0), opt, Loss.SQUARED_ERROR, 37, 3, la, 1);
            Trainer two = new Trainer(new TrainerState(init, null, null, 0), opt, Loss.SQUARED_ERROR, 37, 3, la, 2);
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

    /**
     * One step of the trainer against Backprop's mean gradient and θ ← θ − η(g + λθ) (v ← μv + g + λθ for the
     * weights): bit for bit, since the shards do the same operations in the same order (the records of a run do not
     * change). Both backends.
     */
    @Test
    void oneStepMatchesTheBackpropReference() {
        Samples train = TrainerTest.blobs(40, 7);
        for (Loss loss : Loss.values()) {
            Activation out = loss.requiredOutputActivation() == null ? Activation.TANH : loss.requiredOutputActivation();
            Network init = Initialization.normal(1.0).create(Architecture.parse("8-6-5-3+0>2", Activation.TANH, out), 11);
            double lr = 0.3, mu = 0.5, lambda = 1e-2;
            for (Linalg la : backends()) for (double m : new double[]{0, mu}) {
                Optimizer opt = Optimizer.sgd(lr).withMomentum(m).withL2(lambda);
                Trainer t = new Trainer(new TrainerState(init, null, null, 0), opt, loss, 40, 9, la, 2);
                double meanLoss = t.trainSteps(train, 1);
                // reference: the batch in the trainer's order
                int[] order = Trainer.permutation(40, 9, 0);
                double[] x = new double[40 * 8], y = new double[40 * 3];
                for (int i = 0; i < 40; i++) {
                    System.arraycopy(train.inputs(), order[i] * 8, x, i * 8, 8);
                    System.arraycopy(train.targets(), order[i] * 3, y, i * 3, 3);
                }
                Backprop bp = new Backprop(loss, la);
                double lossSum = bp.compute(init, x, y, 40);
                assertEquals(lossSum / 40, meanLoss, 0.0, loss + " batch loss");
                Network got = t.snapshot();
                for (int k = 0; k < init.weights().blocks().size(); k++) {
                    Block b0 = init.weights().blocks().get(k);
                    double[] w = got.weights().blocks().get(k).w(), g = bp.gradW()[k];
                    for (int i = 0; i < w.length; i++) {
                        double v = g[i] + lambda * b0.w()[i]; // v starts at 0, so μv vanishes in step one
                        double want = b0.w()[i] - lr * v;
                        assertEquals(want, w[i], 0.0, la.name() + " " + loss + " mu " + m + " block " + k + " entry " + i);
                    }
                }
                for (int i = 8; i < init.bias().length; i++) {
                    assertEquals(init.bias()[i] - lr * bp.gradB()[i], got.bias()[i], 0.0, la.name() + " " + loss + " bias " + i);
                }
            }
        }
    }

    /** Whole epochs against the one-pass step (Backprop, then θ ← θ − η(g + λθ) / momentum), bit for bit, both backends. */
    @Test
    void epochsMatchTheOnePassStepBitForBit() {
        Samples train = TrainerTest.blobs(150, 8);
        for (Linalg la : backends()) {
            for (String arch : new String[]{"8-16-12-3", "8-40-20-3+0>2"}) {
                Network init = Initialization.normal(1.0).create(Architecture.parse(arch, Activation.TANH, Activation.TANH), 4);
                Optimizer opt = Optimizer.sgd(0.1).withMomentum(0.9).withL2(1e-3);
                Trainer t = new Trainer(new TrainerState(init, null, null, 0), opt, Loss.SQUARED_ERROR, 32, 5, la, 2);
                int steps = 12; // 5 steps per epoch, the last batch 22 rows (shards 16 + 6)
                double got = t.trainSteps(train, steps);
                Network ref = init.copy();
                List<Block> blocks = ref.weights().blocks();
                double[][] v = new double[blocks.size()][];
                for (int k = 0; k < v.length; k++) v[k] = new double[blocks.get(k).w().length];
                double[] vb = new double[ref.bias().length];
                double lossSum = 0;
                int seen = 0;
                Backprop bp = new Backprop(Loss.SQUARED_ERROR, la);
                for (int step = 0; step < steps; step++) {
                    int epoch = step / 5, from = (step % 5) * 32, b = Math.min(32, 150 - from);
                    int[] order = Trainer.permutation(150, 5, epoch);
                    double[] x = new double[b * 8], y = new double[b * 3];
                    for (int i = 0; i < b; i++) {
                        System.arraycopy(train.inputs(), order[from + i] * 8, x, i * 8, 8);
                        System.arraycopy(train.targets(), order[from + i] * 3, y, i * 3, 3);
                    }
                    lossSum += bp.compute(ref, x, y, b);
                    seen += b;
                    for (int k = 0; k < blocks.size(); k++) {
                        double[] w = blocks.get(k).w(), g = bp.gradW()[k];
                        for (int i = 0; i < w.length; i++) {
                            v[k][i] = 0.9 * v[k][i] + g[i] + 1e-3 * w[i];
                            w[i] -= 0.1 * v[k][i];
                        }
                    }
                    double[] bias = ref.bias();
                    for (int i = 8; i < bias.length; i++) {
                        vb[i] = 0.9 * vb[i] + bp.gradB()[i];
                        bias[i] -= 0.1 * vb[i];
                    }
                }
                assertEquals(lossSum / seen, got, 0.0, la.name() + " " + arch + " loss");
                assertEquals(ref, t.snapshot(), la.name() + " " + arch + ": weights and biases bit for bit");
            }
        }
    }
}
