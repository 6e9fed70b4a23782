package org.thermolearn.thermo.layers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.network.Block;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerLawFitTest {

    /** n draws of the Pareto law p(x) = (α−1) x_min^{α−1} x^{−α}, x ≥ x_min, by inversion. */
    static double[] pareto(double alpha, double xMin, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = xMin * Math.pow(1 - r.nextDouble(), -1 / (alpha - 1));
        return x;
    }

    @ParameterizedTest
    @ValueSource(doubles = {2, 3, 4})
    void recoversParetoExponentWithinPointOne(double alpha) {
        PowerLawFit f = PowerLawFit.fit(pareto(alpha, 0.5, 1000, 12));
        assertEquals(alpha, f.alpha(), 0.1, () -> "fit " + f);
        assertTrue(f.nTail() >= 100, () -> "tail too short: " + f);
        assertEquals(1000, f.n());
    }

    @ParameterizedTest
    @ValueSource(doubles = {2, 3, 4})
    void overManySeedsTheEstimateIsUnbiasedToFewHundredths(double alpha) {
        int seeds = 40, within = 0;
        double sum = 0;
        for (int s = 0; s < seeds; s++) {
            double a = PowerLawFit.fit(pareto(alpha, 1.0, 1000, 1000 + s)).alpha();
            sum += a;
            if (Math.abs(a - alpha) <= 0.1) within++;
        }
        assertEquals(alpha, sum / seeds, 0.05);
        // the standard error (α−1)/√n_tail is 0.03…0.1 at n = 1000: most single fits land within ±0.1
        assertTrue(within >= seeds / 2, within + " of " + seeds + " fits within 0.1");
    }

    @Test
    void mleAndKsMatchABruteForceEvaluationAtTheChosenXmin() {
        double[] x = pareto(2.5, 1, 300, 3);
        // add a non-power-law body below the tail: the KS choice must move x_min up into the tail
        double[] body = new SplittableRandom(4).doubles(300, 0.01, 1.0).toArray();
        double[] all = new double[600];
        System.arraycopy(x, 0, all, 0, 300);
        System.arraycopy(body, 0, all, 300, 300);
        PowerLawFit f = PowerLawFit.fit(all);
        assertTrue(f.xMin() >= 0.9, () -> "x_min " + f.xMin() + " should leave out the uniform body below 1");
        double[] tail = Arrays.stream(all).filter(v -> v >= f.xMin()).sorted().toArray();
        double s = 0;
        for (double v : tail) s += Math.log(v / f.xMin());
        assertEquals(1 + tail.length / s, f.alpha(), 1e-12);
        assertEquals(tail.length, f.nTail());
        double d = 0;
        for (int k = 0; k < tail.length; k++) {
            double p = 1 - Math.pow(tail[k] / f.xMin(), 1 - f.alpha());
            d = Math.max(d, Math.max(Math.abs((k + 1.0) / tail.length - p), Math.abs((double) k / tail.length - p)));
        }
        assertEquals(d, f.ksDistance(), 1e-12);
        // and no other candidate x_min is closer in D
        for (double xm : tail) {
            double[] t = Arrays.stream(all).filter(v -> v >= xm).sorted().toArray();
            if (t.length < PowerLawFit.MIN_TAIL) continue;
            double ls = 0;
            for (double v : t) ls += Math.log(v / xm);
            assertTrue(PowerLawFit.ksDistance(t, 0, 1 + t.length / ls) >= f.ksDistance() - 1e-15);
        }
    }

    @Test
    void tooFewPositiveValuesGiveNaN() {
        PowerLawFit f = PowerLawFit.fit(new double[]{0, 0, 1, 2, 3, -1});
        assertTrue(Double.isNaN(f.alpha()));
        assertEquals(3, f.n());
    }

    @Test
    void layerMetricsFollowTheirDefinitions() {
        SplittableRandom r = new SplittableRandom(7);
        int rows = 30, cols = 50;
        double[] w = r.doubles(rows * cols, -1, 1).toArray();
        LayerSpectrum l = LayerSpectrum.of(2, new Block(1, 2, rows, cols, w), EjmlLinalg.INSTANCE);
        assertEquals(30, l.eigenvalues().length);
        double fro = 0;
        for (double v : w) fro += v * v;
        double sum = Arrays.stream(l.eigenvalues()).sum();
        assertEquals(fro / 50, sum, 1e-10 * sum);                       // Σλ = ‖W‖_F² / N, N = max(rows, cols)
        assertEquals(Math.log10(fro / 50), l.logFrobeniusNorm(), 1e-12);
        assertEquals(sum / l.lambdaMax(), l.stableRank(), 1e-12);
        assertEquals(l.fit().alpha() * Math.log10(l.lambdaMax()), l.alphaHat(), 1e-12);
        for (int i = 1; i < 30; i++) assertTrue(l.eigenvalues()[i] >= l.eigenvalues()[i - 1]);
        // λ_max = ‖W‖₂² / N: the power iteration on WᵀW agrees
        double[] v = new double[cols];
        Arrays.fill(v, 1);
        double lam = 0;
        for (int it = 0; it < 2000; it++) {
            double[] u = new double[rows];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) u[i] += w[i * cols + j] * v[j];
            double[] z = new double[cols];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) z[j] += w[i * cols + j] * u[i];
            double n = Math.sqrt(Arrays.stream(z).map(q -> q * q).sum());
            lam = n;
            for (int j = 0; j < cols; j++) v[j] = z[j] / n;
        }
        assertEquals(lam / 50, l.lambdaMax(), 1e-9 * l.lambdaMax());
    }
}
