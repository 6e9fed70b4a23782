package org.thermolearn.thermo;

import org.thermolearn.thermo.ensemble.Complexity;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.ensemble.Moments;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.BlockIdentities;
import org.thermolearn.thermo.spectrum.Histogram;
import org.thermolearn.thermo.spectrum.Spectrum;


/**
 * Everything measured in one integration space of one snapshot: the {@link Spectrum} of Ĝ (S11, §8),
 * the block-product identities ((S33), (S34), P13; null for a non-nilpotent ŵ), the Gaussian ensemble
 * (S12)–(S19) at the option's β, complexity variants (S19, S21, S22), log-moments (S35), the
 * Laplacians of F (S28)–(S30) and the histogram of non-trivial ln λ (A16). The recorded scalars and their
 * names are defined by {@link org.thermolearn.thermo.metric.Metric}.
 */
public record SpaceAnalysis(IntegrationSpace space, Spectrum spectrum, BlockIdentities identities, GaussianEnsemble ensemble,
                            Complexity complexity, Moments moments, double laplacianFLambda, double laplacianFLnLambda,
                            double entropyRate, Histogram histogram, double seconds) {

    /** Total entropy S = S₀ + C with the operational complexity C = C_&gt;(λ_c) (S18, A4). */
    public double sTotal() { return ensemble.s0() + complexity.cGt(); }
}
