package org.thermolearn.thermo;

import org.thermolearn.thermo.ensemble.Complexity;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.ensemble.Moments;
import org.thermolearn.thermo.entropy.EntropyProduction;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.BlockIdentities;
import org.thermolearn.thermo.spectrum.Histogram;
import org.thermolearn.thermo.spectrum.Spectrum;
import org.thermolearn.thermo.stochastic.Estimate;
import org.thermolearn.thermo.stochastic.StochasticSpectrum;

/**
 * Everything measured in one integration space of one snapshot: the {@link Spectrum} of Ĝ (S11, §8),
 * the block-product identities ((S33), (S34), P13; null for a non-nilpotent ŵ), the Gaussian ensemble
 * (S12)–(S19) at the option's β, complexity variants (S19, S21, S22), log-moments (S35), the
 * Laplacians of F (S28)–(S30) and the histogram of non-trivial ln λ (A16). The recorded scalars and their
 * names are defined by {@link org.thermolearn.thermo.metric.Metric}.
 *
 * <p>On the stochastic route (issue 11) {@code spectrum} is null (there is no eigenvalue list) and
 * {@code stochastic} holds the estimates with their standard errors; the other records then hold the
 * estimated values (the histogram holds rounded estimated counts).
 */
public record SpaceAnalysis(IntegrationSpace space, Spectrum spectrum, BlockIdentities identities, GaussianEnsemble ensemble,
                            Complexity complexity, Moments moments, double laplacianFLambda, double laplacianFLnLambda,
                            double entropyRate, Histogram histogram, double seconds, StochasticSpectrum stochastic) {

    /** The analysis of a stochastic estimate (ground energy E₀ exact, §3.2). */
    public static SpaceAnalysis ofStochastic(StochasticSpectrum st, double e0, AnalysisOptions o, double seconds) {
        GaussianEnsemble ens = GaussianEnsemble.of(st.nG(), st.lnDet().value(), e0, o.beta());
        Complexity cx = new Complexity(o.lambdaC(), st.cGt().value(), o.rankEpsilon(), Math.round(st.effectiveRank().value()),
                o.complexityMass(), st.cMass().value(), -0.5 * st.lnDet().value());
        Moments mo = new Moments(values(st.mu()), values(st.muNt()), st.skewnessNt().value(), values(st.kappa()));
        double rate = EntropyProduction.entropyRate(st.laplacianLnLambda().value(), o.gamma(), o.direction());
        double under = 0, over = 0;
        double[] y = st.lnNodes(), w = st.nodeWeights();
        for (int i = 0; i < y.length; i++) {
            if (y[i] < st.histLo()) under += w[i];
            else if (!(y[i] < st.histHi())) over += w[i];
        }
        Histogram h = new Histogram(st.histLo(), st.histHi(), st.histogramCounts(), Math.round(under), Math.round(over));
        return new SpaceAnalysis(st.space(), null, st.identities(), ens, cx, mo, st.laplacianLambda().value(),
                st.laplacianLnLambda().value(), rate, h, seconds, st);
    }

    private static double[] values(Estimate[] e) {
        double[] v = new double[e.length];
        for (int i = 0; i < e.length; i++) v[i] = e[i].value();
        return v;
    }

    /** True if the values come from the stochastic route (no eigenvalue list). */
    public boolean isStochastic() { return stochastic != null; }

    /** N_G (exact on both routes). */
    public int nG() { return stochastic != null ? stochastic.nG() : spectrum.nG(); }

    /** Number of trivial eigenvalues (exact on both routes, P3; on the stochastic route N_G − n_c). */
    public int nTrivial() { return stochastic != null ? stochastic.nTrivial() : spectrum.nTrivial(); }

    /** N_nt: counted on the exact route, n_c (the compressed size) on the stochastic route. */
    public int nNontrivial() { return stochastic != null ? stochastic.nCompressed() : spectrum.nNontrivial(); }

    /** Total entropy S = S₀ + C with the operational complexity C = C_&gt;(λ_c) (S18, A4). */
    public double sTotal() { return ensemble.s0() + complexity.cGt(); }
}
