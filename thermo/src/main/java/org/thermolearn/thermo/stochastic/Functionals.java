package org.thermolearn.thermo.stochastic;

import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.spectrum.BlockIdentities;

/**
 * The trace functionals Σ f(λ) over the n_c compressed eigenvalues that the analysis needs, evaluated on a
 * quadrature measure (κ_j, w_j) with λ = κ + m and y = ln λ, and the scalars built from their means with the
 * exact trivial part (N_G − n_c eigenvalues λ = 1 + m, P3) added back:
 * C_&gt;(λ_c) (S21), μ_n and μ_n^nt (S35), γ, κ_n, ∇²F in λ and ln λ (S28)–(S30), C_m, r_ε (S22),
 * ln det Ĝ (S13), Σ 1/λ (P13) and the ln λ histogram counts (A16).
 */
final class Functionals {

    private final int maxMoment;
    private final double lambdaC, eps, massC, beta, lo, hi, m;
    private final int bins;
    private final AnalysisOptions o;

    Functionals(AnalysisOptions o, double mass) {
        this.o = o;
        this.maxMoment = o.maxMoment();
        this.lambdaC = o.lambdaC();
        this.eps = o.rankEpsilon();
        this.massC = o.complexityMass();
        this.beta = o.beta();
        this.lo = o.histogramLo();
        this.hi = o.histogramHi();
        this.bins = o.histogramBins();
        this.m = mass;
    }

    /** Number of per-probe sums. */
    int count() { return 2 * maxMoment + 6 + bins; }

    int cGtIndex() { return 0; }

    int mu2Index() { return 2; }

    /** Index of γ = μ₃^nt/(μ₂^nt)^{3/2} (S35) among the scalars: the one ratio of means. */
    int skewnessIndex() { return 2 * maxMoment + 1; }

    /** Adds w·f(κ) for every functional into {@code out}. */
    void sums(double[] kappa, double[] w, double[] out) {
        int mm = maxMoment;
        for (int j = 0; j < kappa.length; j++) {
            double lam = kappa[j] + m;
            double y = Math.log(lam);
            double wj = w[j];
            double p = 1;
            for (int n = 1; n <= mm; n++) {
                p *= y;
                out[n - 1] += wj * p;
            }
            if (lam > lambdaC) out[mm] += wj * y;
            out[mm + 1] += wj / (lam * lam);
            out[mm + 2] += wj * o.phi().phiSecond(y, beta);
            if (massC > 0) out[mm + 3] += wj * Math.log(kappa[j] + massC);
            if (lam > eps) out[mm + 4] += wj;
            double q = 1;
            for (int n = 1; n <= mm; n++) {
                q *= lam - 1;
                out[mm + 4 + n] += wj * q;
            }
            out[2 * mm + 5] += wj / lam;
        }
        histogram(kappa, w, out, 2 * mm + 6);
    }

    /**
     * Adds the probe's histogram counts of ln λ. A Gauss measure puts each weight on one node, while the true
     * cumulative count at a node lies between the quadrature's counts just below and just above it
     * (Chebyshev–Markov–Stieltjes); the counts are therefore taken from the piecewise-linear cumulative count
     * through the jump midpoints (C_j − w_j/2 at node j, 0 at the smallest and the total at the largest node, where
     * the extreme Ritz values have converged), which spreads each node's weight over its neighbourhood.
     */
    private void histogram(double[] kappa, double[] w, double[] out, int at) {
        int k = kappa.length;
        if (k == 0) return;
        Integer[] idx = new Integer[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(kappa[a], kappa[b]));
        double[] x = new double[k], f = new double[k];
        double cum = 0, total = 0;
        for (double v : w) total += v;
        for (int i = 0; i < k; i++) {
            double wi = w[idx[i]];
            x[i] = Math.log(kappa[idx[i]] + m);
            f[i] = i == 0 ? 0 : (i == k - 1 ? total : cum + wi / 2);
            cum += wi;
        }
        if (k == 1) {
            if (x[0] >= lo && x[0] < hi) out[at + Math.min(bins - 1, (int) ((x[0] - lo) / ((hi - lo) / bins)))] += total;
            return;
        }
        double prev = cdf(x, f, lo);
        for (int b = 0; b < bins; b++) {
            double e = cdf(x, f, lo + (hi - lo) * (b + 1) / bins);
            out[at + b] += e - prev;
            prev = e;
        }
    }

    /** The piecewise-linear cumulative count through (x_i, f_i) at t (0 below x_0, f_last above). */
    private static double cdf(double[] x, double[] f, double t) {
        int n = x.length;
        if (t <= x[0]) return 0;
        if (t >= x[n - 1]) return f[n - 1];
        int a = 0, b = n - 1;
        while (b - a > 1) {
            int c = (a + b) >>> 1;
            if (x[c] <= t) a = c; else b = c;
        }
        double dx = x[b] - x[a];
        return dx <= 0 ? f[b] : f[a] + (f[b] - f[a]) * (t - x[a]) / dx;
    }

    /** The scalars (layout: see {@link #toSpectrum}) from the means of the sums. */
    double[] scalars(double[] f, int nG, int nTriv, double m) {
        int mm = maxMoment;
        int nc = nG - nTriv;
        double[] s = new double[3 * mm + 8 + bins];
        double yt = Math.log1p(m), lt = 1 + m;
        s[0] = -0.5 * (f[mm] + (lt > lambdaC ? nTriv * yt : 0));
        double tp = 1;
        for (int n = 1; n <= mm; n++) {
            tp *= yt;
            s[n] = (f[n - 1] + nTriv * tp) / nG;
            s[mm + n] = f[n - 1] / nc;
        }
        double m2 = s[mm + 2], m3 = s[mm + 3];
        s[2 * mm + 1] = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0.0;
        double tq = 1;
        for (int n = 1; n <= mm; n++) {
            tq *= m;
            s[2 * mm + 1 + n] = (f[mm + 4 + n] + nTriv * tq) / nG;
        }
        s[3 * mm + 2] = -(f[mm + 1] + nTriv / (lt * lt)) / (2 * beta);
        s[3 * mm + 3] = f[mm + 2] + nTriv * o.phi().phiSecond(yt, beta);
        s[3 * mm + 4] = massC > 0 ? -0.5 * (f[mm + 3] + nTriv * Math.log1p(massC)) : Double.NaN;
        s[3 * mm + 5] = f[mm + 4] + (lt > eps ? nTriv : 0);
        s[3 * mm + 6] = m == 0 ? 0.0 : f[0] + nTriv * yt; // Σ ln κ = 0 exactly for a feed-forward ŵ (S20)
        s[3 * mm + 7] = f[2 * mm + 5] + nTriv / lt;
        for (int i = 0; i < bins; i++) s[3 * mm + 8 + i] = f[2 * mm + 6 + i];
        return s;
    }

    StochasticSpectrum toSpectrum(GOperator op, int nG, int nc, int nTriv, int probes, int steps, StochasticLanczosQuadrature.Result r,
                                  Estimate lnMin, Estimate lnMax, double[] nodes, double[] weights, BlockIdentities id, int controls,
                                  double seconds) {
        int mm = maxMoment;
        Estimate[] mu = new Estimate[mm + 1], muNt = new Estimate[mm + 1], kap = new Estimate[mm + 1];
        mu[0] = muNt[0] = kap[0] = Estimate.exact(1.0);
        for (int n = 1; n <= mm; n++) {
            mu[n] = r.get(n);
            muNt[n] = r.get(mm + n);
            kap[n] = r.get(2 * mm + 1 + n);
        }
        if (m == 0) {
            // μ₁ = Σ ln λ / N_G = 0 and κ₁ = (tr AᵀA − N_G)/N_G = ‖F′ŵ‖_F²/N_G are exact (S20, P13)
            mu[1] = Estimate.exact(0.0);
            if (id != null) kap[1] = Estimate.exact(id.fro2M() / nG);
        }
        Estimate[] h = new Estimate[bins];
        for (int i = 0; i < bins; i++) h[i] = r.get(3 * mm + 8 + i);
        Estimate sumLambda = id == null ? Estimate.exact(Double.NaN) : Estimate.exact(id.traceG() + m * nG);
        Estimate sumInv = m == 0 && id != null ? Estimate.exact(id.fro2Inverse()) : r.get(3 * mm + 7);
        return new StochasticSpectrum(op.space(), nG, nc, nTriv, m, probes, steps, r.get(3 * mm + 6), lnMin, lnMax, r.get(0),
                r.get(3 * mm + 5), r.get(3 * mm + 4), mu, muNt, r.get(2 * mm + 1), kap, r.get(3 * mm + 2), r.get(3 * mm + 3),
                sumLambda, sumInv, lo, hi, h, nodes, weights, id, controls, seconds);
    }
}
