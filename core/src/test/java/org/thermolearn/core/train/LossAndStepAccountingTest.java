package org.thermolearn.core.train;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output deltas and batch losses of every {@link Loss} written out element by element, the loss the
 * trainer reports, its step/epoch/learning-rate bookkeeping and the pinned sample order (mutation-testing
 * survivors of issue 18, docs/MUTATION.md).
 */
class LossAndStepAccountingTest {

    // batch 2 × 2 outputs
    private static final double[] A = {0.2, 0.7, 0.9, 0.4};
    private static final double[] Y = {0.0, 1.0, 1.0, 0.0};

    @Test
    void squaredErrorDeltaUsesTheOutputDerivativeOnEveryElement() {
        double[] delta = new double[4];
        double loss = Loss.SQUARED_ERROR.outputDelta(A, Y, 2, 2, Activation.SIGMOID, delta);
        double expectedLoss = 0;
        for (int i = 0; i < 4; i++) {
            expectedLoss += 0.5 * (A[i] - Y[i]) * (A[i] - Y[i]);
            assertEquals((A[i] - Y[i]) * A[i] * (1 - A[i]), delta[i], 1e-16, "delta " + i);
        }
        assertEquals(expectedLoss, loss, 1e-15);
        assertEquals(0.5 * (0.04 + 0.09 + 0.01 + 0.16), loss, 1e-15);
    }

    @Test
    void binaryCrossEntropyLossAndDelta() {
        double[] delta = new double[4];
        double loss = Loss.BINARY_CROSS_ENTROPY.outputDelta(A, Y, 2, 2, Activation.SIGMOID, delta);
        double expected = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.9) + Math.log(0.6));
        assertEquals(expected, loss, 1e-14);
        assertArrayEquals(new double[]{0.2, -0.3, -0.1, 0.4}, delta, 1e-15);
        // saturated outputs stay finite (clamped at 1e-15)
        double[] d2 = new double[1];
        assertEquals(-Math.log(1e-15), Loss.BINARY_CROSS_ENTROPY.outputDelta(new double[]{0.0}, new double[]{1.0}, 1, 1, Activation.SIGMOID, d2), 1e-9);
        assertEquals(-1.0, d2[0], 0);
    }

    @Test
    void softmaxCrossEntropyPerSample() {
        double[] z = {1.0, -0.5, 0.3, 2.0};
        double[] y = {1.0, 0.0, 0.0, 1.0};
        double[] delta = new double[4];
        double loss = Loss.SOFTMAX_CROSS_ENTROPY.outputDelta(z, y, 2, 2, Activation.IDENTITY, delta);
        double p0 = Math.exp(1.0) / (Math.exp(1.0) + Math.exp(-0.5));
        double p1 = Math.exp(2.0) / (Math.exp(0.3) + Math.exp(2.0));
        assertEquals(-Math.log(p0) - Math.log(p1), loss, 1e-14);
        assertArrayEquals(new double[]{p0 - 1, 1 - p0, 1 - p1, p1 - 1}, delta, 1e-15);
    }

    @Test
    void namesAliasesAndTheTheoryFlag() {
        assertSame(Loss.SQUARED_ERROR, Loss.parse(" MSE "));
        assertSame(Loss.SQUARED_ERROR, Loss.parse("boundary"));
        assertSame(Loss.BINARY_CROSS_ENTROPY, Loss.parse("binary-cross-entropy"));
        assertSame(Loss.SOFTMAX_CROSS_ENTROPY, Loss.parse("ce"));
        var e = assertThrows(IllegalArgumentException.class, () -> Loss.parse("hinge"));
        assertTrue(e.getMessage().contains("unknown loss 'hinge'"), e.getMessage());
        assertTrue(Loss.SQUARED_ERROR.withinTheory());
        assertTrue(Loss.BINARY_CROSS_ENTROPY.withinTheory());
        assertFalse(Loss.SOFTMAX_CROSS_ENTROPY.withinTheory());
        assertEquals(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY.requiredOutputActivation());
        assertEquals(Activation.IDENTITY, Loss.SOFTMAX_CROSS_ENTROPY.requiredOutputActivation());
        assertEquals(null, Loss.SQUARED_ERROR.requiredOutputActivation());
    }

    private static Network oneOneOne() {
        NeuronLayout l = NeuronLayout.of(1, 1, 1);
        return new Network(l, new WeightMatrix(l, List.of(new Block(0, 1, 1, 1, new double[]{0.8}), new Block(1, 2, 1, 1, new double[]{-1.5}))),
                new double[]{0, 0.1, 0.2}, Activation.TANH, Activation.IDENTITY);
    }

    private static double halfSquaredError(double x, double y) {
        double o = -1.5 * Math.tanh(0.8 * x + 0.1) + 0.2;
        return 0.5 * (o - y) * (o - y);
    }

    @Test
    void theReportedLossIsTheMeanPerSampleBeforeTheUpdate() {
        double[] x = {0.7, -1.2, 0.4}, y = {0.3, -0.5, 0.1};
        Samples data = new Samples(x, y, new int[3], 3, 1, 1);
        // one batch of all three samples: the loss of the initial network, averaged
        Trainer full = new Trainer(oneOneOne(), Optimizer.sgd(0.1), Loss.SQUARED_ERROR, 3, 1, EjmlLinalg.INSTANCE);
        double expected = (halfSquaredError(0.7, 0.3) + halfSquaredError(-1.2, -0.5) + halfSquaredError(0.4, 0.1)) / 3;
        assertEquals(expected, full.trainSteps(data, 1), 1e-15);
        assertTrue(Double.isNaN(full.trainSteps(data, 0)), "no step, no loss");
        // Backprop returns the summed batch loss
        Backprop bp = new Backprop(Loss.SQUARED_ERROR, EjmlLinalg.INSTANCE);
        assertEquals(3 * expected, bp.compute(oneOneOne(), x, y, 3), 1e-15);
        assertEquals(3 * expected, bp.compute(oneOneOne(), x, y, 3), 1e-15, "buffers reused");
    }

    @Test
    void stepsEpochsAndTheScheduledRate() {
        double[] x = {0.7, -1.2, 0.4}, y = {0.3, -0.5, 0.1};
        Samples data = new Samples(x, y, new int[3], 3, 1, 1);
        Optimizer opt = Optimizer.sgd(0.4).withSchedule(Schedule.step(0.5, 1));
        Trainer t = new Trainer(oneOneOne(), opt, Loss.SQUARED_ERROR, 2, 9, EjmlLinalg.INSTANCE);
        assertEquals(2, t.stepsPerEpoch(3), "a batch of 2 and a last batch of 1");
        assertEquals(1, new Trainer(oneOneOne(), opt, Loss.SQUARED_ERROR, 1, 9, EjmlLinalg.INSTANCE).stepsPerEpoch(1));
        assertEquals(0.4, t.learningRate(3), 0);
        t.trainSteps(data, 1);
        assertEquals(1, t.step());
        assertEquals(0.5, t.epoch(3), 0);
        assertEquals(0.4, t.learningRate(3), 0);
        double rest = t.trainEpoch(data);
        assertEquals(2, t.step(), "trainEpoch runs to the end of the current epoch only");
        assertEquals(1.0, t.epoch(3), 0);
        assertEquals(0.2, t.learningRate(3), 1e-17);
        assertTrue(rest > 0 && Double.isFinite(rest));
        t.trainEpoch(data);
        assertEquals(4, t.step());
        assertEquals(0.1, t.learningRate(3), 1e-17);
        assertThrows(IllegalArgumentException.class, () -> new Trainer(oneOneOne(), opt, Loss.SQUARED_ERROR, 0, 9, EjmlLinalg.INSTANCE));
    }

    @Test
    void optimizerAndScheduleRefuseOnlyWhatIsOutsideTheirRange() {
        assertEquals(0.0, Optimizer.sgd(1e-9).withMomentum(0).withL2(0).momentum(), 0);
        assertEquals(0.999, Optimizer.sgd(0.1).withMomentum(0.999).momentum(), 0);
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.1).withMomentum(1));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.1).withMomentum(-1e-12));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.1).withL2(-1e-12));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.1).withL2(Double.NaN));
        assertEquals(1e-300, Schedule.step(1e-300, 1e-300).gamma(), 0);
        assertThrows(IllegalArgumentException.class, () -> Schedule.step(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Schedule.step(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> Schedule.exponential(0));
        assertEquals(1e-300, Schedule.exponential(1e-300).gamma(), 0);
        assertEquals(Schedule.Kind.CONSTANT, new Schedule(Schedule.Kind.CONSTANT, 0, 0).kind(), "a constant rate needs neither gamma nor every");
        assertEquals(0.3, new Schedule(Schedule.Kind.EXPONENTIAL, 0.5, 0).rate(0.6, 1), 0, "every is only read by STEP");
    }

    @Test
    void theSampleOrderIsPinnedBySeedAndEpoch() {
        // pinned: changing the mixing of (seed, epoch) would silently change every recorded trajectory
        assertArrayEquals(new int[]{7, 5, 1, 2, 9, 4, 3, 6, 0, 8}, Trainer.permutation(10, 42, 3));
        assertArrayEquals(new int[]{6, 1, 3, 8, 5, 4, 0, 7, 9, 2}, Trainer.permutation(10, 42, 4));
        assertArrayEquals(new int[]{1, 3, 0, 5, 2, 4, 7, 9, 6, 8}, Trainer.permutation(10, 43, 3));
        assertArrayEquals(new int[]{0}, Trainer.permutation(1, 42, 3));
        assertNotEquals(java.util.Arrays.toString(Trainer.permutation(10, 42, 3)), java.util.Arrays.toString(Trainer.permutation(10, 42, 5)));
    }
}
