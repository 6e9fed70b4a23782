package org.thermolearn.core.loss;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Times the bulk loss of 10 000 samples for a 784-100-10 tanh net (task goal: ≤ 5 s with native BLAS) and prints
 * wall and process-CPU time (the CPU time is the better number on a shared machine; run with
 * OPENBLAS_NUM_THREADS=1 there). Options on the mvn command line (surefire forwards them): -Dbench.ejml=true also times the
 * pure-Java backend, -Dbench.memory=N sets the L-BFGS memory. Timings are not asserted (design.md: timing goals belong to JMH in tests/). Only correctness
 * invariants are asserted.
 */
@Tag("slow")
class BulkLossBenchmarkTest {

    private static final int SAMPLES = 10_000;

    @Test
    void mnistSized() {
        double[] in = TestNets.sparseImages(11, SAMPLES, 784);
        double[] t = TestNets.oneHot(12, SAMPLES, 10);
        Linalg nat = Linalg.auto();
        for (double scale : new double[] {1, 3}) {
            // scale 1: N(0, 1/n_in) init; scale 3: a trained-like scale (larger weights and biases)
            Network net = TestNets.random(5, scale, scale == 1 ? 0.0 : 0.5,
                    org.thermolearn.core.network.Activation.TANH, org.thermolearn.core.network.Activation.TANH,
                    new int[] {784, 100, 10});
            // the pure-Java backend is timed only on request (-Dbench.ejml=true) or when native is absent
            boolean ejml = Boolean.getBoolean("bench.ejml") || !nat.isNative();
            for (Linalg la : ejml && nat.isNative() ? new Linalg[] {nat, EjmlLinalg.INSTANCE} : new Linalg[] {ejml ? EjmlLinalg.INSTANCE : nat}) {
                BulkLoss bl = new BulkLoss(la, BulkLossOptions.DEFAULT.withMemory(Integer.getInteger("bench.memory", 10)));
                bl.evaluate(net, java.util.Arrays.copyOf(in, 784 * 500), java.util.Arrays.copyOf(t, 10 * 500)); // warm-up
                long t0 = System.nanoTime();
                BoundaryLossResult b = BoundaryLoss.evaluate(net, in, t, la);
                long t1 = System.nanoTime();
                long c1 = processCpu();
                BulkLossResult r = bl.evaluate(net, in, t);
                long t2 = System.nanoTime();
                long c2 = processCpu();
                System.out.printf(Locale.ROOT, "bulk loss 784-100-10, %d samples, scale %.0f, %s: %.3f s wall, %.3f s process CPU (boundary %.3f s); "
                                + "U_bd %.5f U %.5f ratio %.4f; max |grad| %.2e, evals max %d mean %.1f, capped %d, stalled %d%n",
                        SAMPLES, scale, la.name(), (t2 - t1) / 1e9, (c2 - c1) / 1e9, (t1 - t0) / 1e9, b.mean(), r.mean(), r.mean() / b.mean(),
                        r.maxGradInf(), r.iterations(), r.meanIterations(), r.notConverged(), r.stalled());
                for (int s = 0; s < SAMPLES; s++) assertTrue(r.perSample()[s] <= b.perSample()[s], "P6 at sample " + s);
            }
        }
    }

    /** CPU time of the whole JVM process (all threads, native BLAS threads included), ns; −1 if unavailable. */
    static long processCpu() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
