package org.thermolearn.thermo;

import org.thermolearn.thermo.ensemble.Complexity;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.ensemble.Moments;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.BlockIdentities;
import org.thermolearn.thermo.spectrum.Histogram;
import org.thermolearn.thermo.spectrum.Spectrum;
import org.thermolearn.thermo.spectrum.SpectrumChecks;

import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Everything measured in one integration space of one snapshot: the {@link Spectrum} of Ĝ (S11, §8),
 * the block-product identities ((S33), (S34), P13; null for a non-nilpotent ŵ), the Gaussian ensemble
 * (S12)–(S19) at the option's β, complexity variants (S19, S21, S22), log-moments (S35), the
 * Laplacians of F (S28)–(S30) and the histogram of non-trivial ln λ (A16). {@link #columns()} flattens
 * the scalars to snake_case names.
 */
public record SpaceAnalysis(IntegrationSpace space, Spectrum spectrum, BlockIdentities identities, GaussianEnsemble ensemble,
                            Complexity complexity, Moments moments, double laplacianFLambda, double laplacianFLnLambda,
                            double entropyRate, Histogram histogram, double seconds) {

    /** Total entropy S = S₀ + C with the operational complexity C = C_&gt;(λ_c) (S18, A4). */
    public double sTotal() { return ensemble.s0() + complexity.cGt(); }

    /** The scalars as ordered snake_case columns (no space prefix). */
    public LinkedHashMap<String, Double> columns() {
        LinkedHashMap<String, Double> c = new LinkedHashMap<>();
        SpectrumChecks ch = spectrum.checks();
        double[] y = spectrum.lnLambdaNontrivial();
        c.put("n_g", (double) spectrum.nG());
        c.put("n_nontrivial", (double) spectrum.nNontrivial());
        c.put("n_trivial", (double) spectrum.nTrivial());
        c.put("mass", spectrum.mass());
        c.put("ln_lambda_min", y.length == 0 ? Double.NaN : y[0]);
        c.put("ln_lambda_max", y.length == 0 ? Double.NaN : y[y.length - 1]);
        c.put("sum_ln_lambda", spectrum.lnDetG());
        c.put("sum_ln_lambda_kinetic", ch.sumLnLambda());
        c.put("sum_lambda", spectrum.sumOverLambda(l -> l));
        c.put("sum_inv_lambda", spectrum.sumOverLambda(l -> 1 / l));
        c.put("fro2_m", identities == null ? Double.NaN : identities.fro2M());
        c.put("trace_g_blocks", ch.traceBlocks());
        c.put("inv_trace_blocks", ch.invTraceBlocks());
        c.put("s33_eigen", ch.s33Eigen());
        c.put("s33_blocks", ch.s33Blocks());
        c.put("s33_layered", identities == null ? Double.NaN : identities.s33Layered());
        c.put("s34_eigen", ch.s34Eigen());
        c.put("s34_blocks", ch.s34Blocks());
        c.put("max_check_residual", ch.maxRelativeResidual(spectrum.nNontrivial()));
        c.put("beta", ensemble.beta());
        c.put("ln_z", ensemble.lnZ());
        c.put("z", ensemble.z());
        c.put("u", ensemble.u());
        c.put("f", ensemble.f());
        c.put("s", ensemble.s());
        c.put("s0", ensemble.s0());
        c.put("e0", ensemble.e0());
        c.put(cGtName(complexity.lambdaC()), complexity.cGt());
        c.put("effective_rank", (double) complexity.effectiveRank());
        c.put("c_m", complexity.cMass());
        c.put("c_ln_det", complexity.cLnDet());
        c.put("s_total", sTotal());
        for (int n = 1; n < moments.mu().length; n++) c.put("mu" + n, moments.mu(n));
        for (int n = 1; n < moments.muNt().length; n++) c.put("mu" + n + "_nt", moments.muNt(n));
        c.put("skewness_nt", moments.skewnessNt());
        for (int n = 1; n < moments.kappa().length; n++) c.put("kappa" + n, moments.kappa(n));
        c.put("laplacian_f_lambda", laplacianFLambda);
        c.put("laplacian_f_ln_lambda", laplacianFLnLambda);
        c.put("entropy_rate", entropyRate);
        c.put("compressed_size", (double) spectrum.compressedSize());
        c.put("left_tail_from_inverse", spectrum.leftTailFromInverse() ? 1.0 : 0.0);
        c.put("seconds", seconds);
        return c;
    }

    /** "c_gt_1" for λ_c = 1, otherwise e.g. "c_gt_0p5". */
    static String cGtName(double lambdaC) {
        if (lambdaC == Math.rint(lambdaC) && Math.abs(lambdaC) < 1e9) return "c_gt_" + (long) lambdaC;
        return "c_gt_" + String.format(Locale.ROOT, "%s", lambdaC).replace('.', 'p').replace('-', 'm');
    }
}
