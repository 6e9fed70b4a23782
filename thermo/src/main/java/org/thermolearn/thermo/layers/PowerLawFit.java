package org.thermolearn.thermo.layers;

import java.util.Arrays;

/**
 * A power-law fit p(x) ∝ x^{−α} for x ≥ x_min of the upper tail of a sample, by the method of Clauset, Shalizi
 * and Newman (SIAM Review 51, 661 (2009)): for each candidate x_min (every distinct sample value leaving at least
 * {@link #MIN_TAIL} points in the tail) α is the continuous maximum-likelihood estimate
 * α = 1 + n_tail / Σ_{x_i ≥ x_min} ln(x_i / x_min) (CSN eq. 3.1), and the x_min kept is the one whose tail is
 * closest to its fitted law in the Kolmogorov–Smirnov distance D = sup_x |S(x) − P(x)|, where S is the empirical
 * CDF of the tail and P(x) = 1 − (x/x_min)^{1−α}. The supremum is taken on both sides of every step of S.
 * This is the fit WeightWatcher (Martin &amp; Mahoney) applies to the empirical spectral density of a layer.
 *
 * @param alpha      the fitted exponent α (NaN when the sample has fewer than {@link #MIN_TAIL} positive values)
 * @param xMin       the chosen lower bound of the tail
 * @param ksDistance the KS distance D of the chosen tail
 * @param nTail      number of sample values ≥ x_min
 * @param n          number of positive sample values considered
 */
public record PowerLawFit(double alpha, double xMin, double ksDistance, int nTail, int n) {

    /** The smallest tail a candidate x_min may leave (fewer points give no meaningful α). */
    public static final int MIN_TAIL = 5;

    /** The fit of the positive values of {@code sample} (non-positive and non-finite values are ignored). */
    public static PowerLawFit fit(double[] sample) {
        double[] x = Arrays.stream(sample).filter(v -> v > 0 && Double.isFinite(v)).sorted().toArray();
        int n = x.length;
        if (n < MIN_TAIL) return new PowerLawFit(Double.NaN, Double.NaN, Double.NaN, 0, n);
        double[] lnx = new double[n];
        for (int i = 0; i < n; i++) lnx[i] = Math.log(x[i]);
        double[] suffix = new double[n + 1]; // Σ_{k ≥ i} ln x_k
        for (int i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + lnx[i];
        double bestD = Double.POSITIVE_INFINITY, bestAlpha = Double.NaN, bestXmin = Double.NaN;
        int bestTail = 0;
        for (int i = 0; n - i >= MIN_TAIL; i++) {
            if (i > 0 && x[i] == x[i - 1]) continue; // each distinct value once; its tail includes all ties
            int m = n - i;
            double sumLog = suffix[i] - m * lnx[i];
            if (!(sumLog > 0)) continue; // all tail values equal: no slope to fit
            double alpha = 1 + m / sumLog;
            double d = ksDistance(x, i, alpha);
            if (d < bestD) {
                bestD = d;
                bestAlpha = alpha;
                bestXmin = x[i];
                bestTail = m;
            }
        }
        return new PowerLawFit(bestAlpha, bestXmin, bestD, bestTail, n);
    }

    /** D = sup |S − P| over the tail x[from..] (sorted ascending) for exponent α and x_min = x[from]. */
    static double ksDistance(double[] x, int from, double alpha) {
        int m = x.length - from;
        double xmin = x[from];
        double d = 0;
        for (int k = 0; k < m; k++) {
            double p = 1 - Math.pow(x[from + k] / xmin, 1 - alpha);
            d = Math.max(d, Math.max((k + 1.0) / m - p, p - (double) k / m));
        }
        return d;
    }
}
