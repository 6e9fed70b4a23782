package org.thermolearn.thermo;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;

import java.util.SplittableRandom;

@Tag("slow")
class ProfileSlowTest {
    @Test
    void stages() {
        Linalg la = Linalg.select("native");
        Network big = Nets.random(8, 3.0, 0.5, new int[]{784, 1000, 1000, 10});
        long t = System.nanoTime();
        GOperator op = GOperator.of(big, IntegrationSpace.ALL, null, 0);
        System.out.printf("op %.3f%n", (System.nanoTime() - t) * 1e-9); t = System.nanoTime();
        op.powers(la);
        System.out.printf("powers %.3f%n", (System.nanoTime() - t) * 1e-9); t = System.nanoTime();
        int n = 2794;
        double[] a = new double[n * n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextDouble();
        double[] g = new double[n * n];
        t = System.nanoTime();
        la.gemm(true, false, n, n, n, 1.0, a, a, 0.0, g);
        System.out.printf("gemm %.3f%n", (System.nanoTime() - t) * 1e-9); t = System.nanoTime();
        la.symmetricEigenvalues(n, g);
        System.out.printf("syevd %.3f%n", (System.nanoTime() - t) * 1e-9); t = System.nanoTime();
        la.singularValues(n, n, a);
        System.out.printf("gesdd %.3f%n", (System.nanoTime() - t) * 1e-9); t = System.nanoTime();
        la.qrR(784, 1000, java.util.Arrays.copyOf(a, 784 * 1000));
        System.out.printf("qr %.3f%n", (System.nanoTime() - t) * 1e-9);
    }

    @Test
    void smallStages() {
        Linalg la = Linalg.select("native");
        Network net = Nets.random(7, 3.0, 0.5, new int[]{784, 100, 100, 10});
        for (int rep = 0; rep < 4; rep++) {
            long t = System.nanoTime();
            GOperator op = GOperator.of(net, IntegrationSpace.ALL, null, 0);
            long t1 = System.nanoTime();
            op.powers(la);
            long t2 = System.nanoTime();
            org.thermolearn.thermo.spectrum.BlockIdentities.of(op, la);
            long t3 = System.nanoTime();
            var sp = new org.thermolearn.thermo.spectrum.SpectrumSolver(la).spectrum(op);
            long t4 = System.nanoTime();
            new org.thermolearn.thermo.spectrum.SpectrumSolver(la).spectrum(op.inSpace(IntegrationSpace.CLAMPED));
            long t5 = System.nanoTime();
            var all = ThermoAnalysis.analyse(net, AnalysisOptions.defaults(), la);
            long t6 = System.nanoTime();
            System.out.printf("small: op %.4f powers %.4f ident %.4f specAll %.4f (inv %s) specCl %.4f analyse %.4f%n", (t1 - t) * 1e-9, (t2 - t1) * 1e-9,
                    (t3 - t2) * 1e-9, (t4 - t3) * 1e-9, sp.leftTailFromInverse(), (t5 - t4) * 1e-9, (t6 - t5) * 1e-9);
        }
    }
}
