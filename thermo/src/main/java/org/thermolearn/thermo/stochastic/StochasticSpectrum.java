package org.thermolearn.thermo.stochastic;

import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.BlockIdentities;

/**
 * The spectrum of Ĝ (S11) in one integration space as estimated by stochastic Lanczos quadrature,
 * with every scalar of the analysis and its standard error ({@link Estimate}). N_G, the count of trivial
 * eigenvalues N_G − n_c (P3, §8 items 3–5) and the block-product traces ((S33), (S34), P13, in
 * {@link #identities()}) are exact.
 *
 * <p>Estimators: all trace functionals Σ_i f(λ_i) — C_&gt;(λ_c) (S21), μ_n and μ_n^nt (S35), κ_n, the
 * Laplacians (S28)–(S30), C_m, r_ε and the histogram counts (A16) — are Hutchinson estimates
 * z_cᵀ f(Ĝ_c) z_c with Gauss-quadrature f on the extended Krylov space of a Lanczos run on Ĝ_c and one on Ĝ_c⁻¹
 * (so both tails of ln λ come from the large end of an operator, where Lanczos converges fastest, and the middle from
 * their union, {@link ExtendedKrylovQuadrature}), averaged
 * over Rademacher probes z_c with the control variates z_cᵀĜ_c z_c (mean tr Ĝ_c, P13), z_cᵀĜ_c⁻¹z_c (mean
 * tr Ĝ_c⁻¹, P13) and the quadrature of Σ ln κ (mean 0, S20); γ = μ₃^nt/(μ₂^nt)^{3/2} is a ratio of such
 * means, with the jackknife's bias correction (its O(1/probes) bias was up to 2.5 SE at 16 probes). Standard errors
 * are jackknife errors over the probes (they include the re-fitted control-variate coefficients). The extremes ln λ_min and ln λ_max are the extreme Ritz values over all probes; their
 * "standard error" is the Lanczos residual bound β_k|u_kj| divided by the Ritz value (a bound on the
 * distance to an eigenvalue, in ln λ units).
 *
 * @param nG          N_G (exact)
 * @param nCompressed n_c: eigenvalues that can differ from 1 (exact); taken as N_nt
 * @param nTrivial    N_G − n_c (exact, P3)
 * @param probes      Rademacher probes used
 * @param steps       Lanczos steps per probe and operator
 * @param lnDet       Σ ln λ (exact 0 for m = 0, S20)
 * @param mu          μ_n over N_G, n = 0 … maxMoment (index 0 holds 1)
 * @param muNt        μ_n over the non-trivial eigenvalues
 * @param kappa       κ_n = (1/N_G) tr (Ĝ − Î)^n
 * @param histogram   estimated counts of non-trivial ln λ per bin of [histLo, histHi)
 * @param lnNodes     quadrature nodes ln λ (all probes)
 * @param nodeWeights their weights (sum ≈ n_c): the estimated spectral measure
 */
public record StochasticSpectrum(IntegrationSpace space, int nG, int nCompressed, int nTrivial, double mass, int probes, int steps,
                                 Estimate lnDet, Estimate lnLambdaMin, Estimate lnLambdaMax, Estimate cGt, Estimate effectiveRank,
                                 Estimate cMass, Estimate[] mu, Estimate[] muNt, Estimate skewnessNt, Estimate[] kappa,
                                 Estimate laplacianLambda, Estimate laplacianLnLambda, Estimate sumLambda, Estimate sumInvLambda,
                                 double histLo, double histHi, Estimate[] histogram, double[] lnNodes, double[] nodeWeights,
                                 BlockIdentities identities, int controlVariates, double seconds) {

    /** Estimated counts per histogram bin (rounded, negative estimates clipped to 0). */
    public long[] histogramCounts() {
        long[] c = new long[histogram.length];
        for (int i = 0; i < c.length; i++) c[i] = Math.max(0, Math.round(histogram[i].value()));
        return c;
    }

    /** Estimated counts per bin (unrounded). */
    public double[] density() {
        double[] d = new double[histogram.length];
        for (int i = 0; i < d.length; i++) d[i] = histogram[i].value();
        return d;
    }

    /** Standard errors of {@link #density()}. */
    public double[] densitySe() {
        double[] d = new double[histogram.length];
        for (int i = 0; i < d.length; i++) d[i] = histogram[i].se();
        return d;
    }
}
