package org.thermolearn.core.train;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Network;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class TrainerTest {

    /** Two Gaussian blobs per class in 8 dimensions; learnable by a small net. */
    static Samples blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int classes = 3, d = 8;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            y[s] = r.nextInt(classes);
            for (int j = 0; j < d; j++) x[s * d + j] = (j % classes == y[s] ? 1.0 : 0.0) + 0.3 * Initialization.gaussian(r);
        }
        return Samples.oneHot(x, y, d, classes, 0, 1);
    }

    @Test
    void sgdLearnsAndIsBitIdenticalForTheSameSeed() {
        Samples train = blobs(600, 1);
        Network init = Initialization.normal(1.0).create(Architecture.layered(8, 16, 3), 7);
        Trainer a = new Trainer(init, Optimizer.sgd(0.5), Loss.SQUARED_ERROR, 16, 42, EjmlLinalg.INSTANCE);
        Trainer b = new Trainer(init, Optimizer.sgd(0.5), Loss.SQUARED_ERROR, 16, 42, EjmlLinalg.INSTANCE);
        double before = Evaluation.of(init, train, Loss.SQUARED_ERROR, EjmlLinalg.INSTANCE).accuracy();
        for (int e = 0; e < 10; e++) {
            a.trainEpoch(train);
            b.trainEpoch(train);
        }
        assertEquals(a.snapshot(), b.snapshot(), "same seed, same backend: bit-identical weights");
        double after = Evaluation.of(a.snapshot(), train, Loss.SQUARED_ERROR, EjmlLinalg.INSTANCE).accuracy();
        assertTrue(after > 0.95 && after > before, "accuracy " + before + " -> " + after);
        Trainer c = new Trainer(init, Optimizer.sgd(0.5), Loss.SQUARED_ERROR, 16, 43, EjmlLinalg.INSTANCE);
        c.trainEpoch(train);
        assertNotEquals(a.snapshot(), c.snapshot());
    }

    @Test
    void restoringStateMidEpochContinuesBitIdentically() {
        Samples train = blobs(200, 2);
        Network init = Initialization.normal(1.0).create(Architecture.layered(8, 6, 5, 3), 3);
        Optimizer opt = Optimizer.sgd(0.2).withMomentum(0.9).withL2(1e-4).withSchedule(Schedule.step(0.5, 2));
        Trainer full = new Trainer(init, opt, Loss.SQUARED_ERROR, 32, 5, EjmlLinalg.INSTANCE);
        full.trainSteps(train, 23);
        Trainer half = new Trainer(init, opt, Loss.SQUARED_ERROR, 32, 5, EjmlLinalg.INSTANCE);
        half.trainSteps(train, 10);
        Trainer resumed = new Trainer(half.state(), opt, Loss.SQUARED_ERROR, 32, 5, EjmlLinalg.INSTANCE);
        resumed.trainSteps(train, 13);
        assertEquals(23, resumed.step());
        assertEquals(full.snapshot(), resumed.snapshot());
    }

    @Test
    void backendsAgreeToRoundOff() {
        var nat = org.thermolearn.core.linalg.NetlibLinalg.loadNative();
        org.junit.jupiter.api.Assumptions.assumeTrue(nat.isPresent(), "native OpenBLAS not installed (apt-get install libopenblas0)");
        Linalg n = nat.get();
        Samples train = blobs(300, 3);
        Network init = Initialization.normal(1.0).create(Architecture.layered(8, 12, 3), 9);
        Trainer a = new Trainer(init, Optimizer.sgd(0.3), Loss.SQUARED_ERROR, 20, 1, EjmlLinalg.INSTANCE);
        Trainer b = new Trainer(init, Optimizer.sgd(0.3), Loss.SQUARED_ERROR, 20, 1, n);
        a.trainEpoch(train);
        b.trainEpoch(train);
        var wa = a.snapshot().weights().blocks();
        var wb = b.snapshot().weights().blocks();
        for (int k = 0; k < wa.size(); k++) {
            for (int i = 0; i < wa.get(k).w().length; i++) assertEquals(wa.get(k).w()[i], wb.get(k).w()[i], 1e-12);
        }
    }

    @Test
    void mismatchedDataIsRejected() {
        Network init = Initialization.normal(1.0).create(Architecture.layered(4, 3, 2), 1);
        Trainer t = new Trainer(init, Optimizer.sgd(0.1), Loss.SQUARED_ERROR, 8, 1, EjmlLinalg.INSTANCE);
        var e = assertThrows(IllegalArgumentException.class, () -> t.trainEpoch(blobs(10, 1)));
        assertTrue(e.getMessage().contains("first and last widths"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Trainer(init, Optimizer.sgd(0.1), Loss.BINARY_CROSS_ENTROPY, 8, 1, EjmlLinalg.INSTANCE));
    }
}
