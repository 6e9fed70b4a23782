package org.thermolearn.thermo.ensemble;

import org.thermolearn.thermo.spectrum.Spectrum;

/**
 * Log-moments of the spectrum of Ĝ (theory.md (S35), §9 A5):
 * <pre>
 *   μ_n    = (1/N_G)  Σ_{i ≤ N_G} (ln λ_i)^n         (trivial eigenvalues contribute ln(1+m)^n, 0 for m = 0)
 *   μ_n^nt = (1/N_nt) Σ_{non-trivial} (ln λ_i)^n
 *   γ      = μ₃^nt / (μ₂^nt)^{3/2}                   (standardised skewness about 0, as theory.md defines it)
 *   κ_n    = (1/N_G) tr[(Ĝ − Î)^n] = (1/N_G) Σ (λ_i − 1)^n
 * </pre>
 * Arrays are indexed by n (index 0 unused, holds 1 for μ₀).
 */
public record Moments(double[] mu, double[] muNt, double skewnessNt, double[] kappa) {

    /** Moments n = 1 … maxOrder (maxOrder ≥ 3). */
    public static Moments of(Spectrum s, int maxOrder) {
        if (maxOrder < 3) throw new IllegalArgumentException("maxOrder = " + maxOrder + "; need at least 3 for the skewness");
        double[] mu = new double[maxOrder + 1];
        double[] nt = new double[maxOrder + 1];
        double[] ka = new double[maxOrder + 1];
        double[] y = s.lnLambdaNontrivial();
        double[] lam = s.lambdaNontrivial();
        double yt = s.trivialLnLambda();
        double lt = s.trivialLambda() - 1;
        for (int n = 0; n <= maxOrder; n++) {
            double sumNt = 0, sumK = 0;
            for (int i = 0; i < y.length; i++) {
                sumNt += Math.pow(y[i], n);
                sumK += Math.pow(lam[i] - 1, n);
            }
            double all = sumNt + (s.nTrivial() == 0 ? 0 : s.nTrivial() * Math.pow(yt, n));
            double allK = sumK + (s.nTrivial() == 0 ? 0 : s.nTrivial() * Math.pow(lt, n));
            mu[n] = s.nG() == 0 ? Double.NaN : all / s.nG();
            nt[n] = y.length == 0 ? Double.NaN : sumNt / y.length;
            ka[n] = s.nG() == 0 ? Double.NaN : allK / s.nG();
        }
        double gamma = nt[2] > 0 ? nt[3] / Math.pow(nt[2], 1.5) : (y.length == 0 ? Double.NaN : 0.0);
        return new Moments(mu, nt, gamma, ka);
    }

    /** μ_n over N_G. */
    public double mu(int n) { return mu[n]; }

    /** μ_n over the non-trivial eigenvalues. */
    public double muNt(int n) { return muNt[n]; }

    /** κ_n = tr[(Ĝ − Î)^n]/N_G. */
    public double kappa(int n) { return kappa[n]; }
}
