package org.thermolearn.thermo.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Convergence diagnostics of Markov chains (rows = chains, columns = draws). */
public final class McmcDiagnostics {

    private McmcDiagnostics() { }

    /** Effective sample size of the pooled draws: M·N / τ, τ = 1 + 2 Σ ρ_t with Geyer's initial positive sequence. */
    public static double ess(double[][] chains) {
        int m = chains.length, n = chains[0].length;
        if (n < 4) return m * n;
        double[] rho = new double[n];
        int maxLag = Math.min(n - 1, 2000);
        for (double[] c : chains) {
            double mean = 0;
            for (double v : c) mean += v;
            mean /= n;
            double v0 = 0;
            for (double v : c) v0 += (v - mean) * (v - mean);
            if (v0 == 0) continue;
            for (int t = 0; t <= maxLag; t++) {
                double s = 0;
                for (int i = 0; i + t < n; i++) s += (c[i] - mean) * (c[i + t] - mean);
                rho[t] += s / v0 / m;
            }
        }
        double tau = -1;
        for (int t = 0; t + 1 < n; t += 2) {
            double pair = rho[t] + rho[t + 1];
            if (pair <= 0) break;
            tau += 2 * pair;
        }
        tau = Math.max(tau, 1.0 / Math.log10(Math.max(10, m * n)));
        return m * n / tau;
    }

    /** Split-R̂ (Gelman et al.; each chain split in halves). 1 for converged chains. */
    public static double splitRHat(double[][] chains) {
        int half = chains[0].length / 2;
        if (half < 2) return Double.NaN;
        List<double[]> parts = new ArrayList<>();
        for (double[] c : chains) {
            parts.add(Arrays.copyOfRange(c, 0, half));
            parts.add(Arrays.copyOfRange(c, half, 2 * half));
        }
        int m = parts.size();
        double[] means = new double[m];
        double w = 0, grand = 0;
        for (int k = 0; k < m; k++) {
            double[] p = parts.get(k);
            double s = 0;
            for (double v : p) s += v;
            means[k] = s / half;
            grand += means[k] / m;
            double ss = 0;
            for (double v : p) ss += (v - means[k]) * (v - means[k]);
            w += ss / (half - 1) / m;
        }
        double bOverN = 0;
        for (double mu : means) bOverN += (mu - grand) * (mu - grand);
        bOverN /= (m - 1);
        if (w == 0) return 1.0;
        double varPlus = (half - 1.0) / half * w + bOverN;
        return Math.sqrt(varPlus / w);
    }
}
