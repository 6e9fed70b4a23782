package org.thermolearn.thermo.entropy;

import org.thermolearn.thermo.spectrum.Spectrum;

/**
 * Entropy destruction and the efficiency of learning (theory.md §5.2–5.3, (S27)–(S32)).
 * <ul>
 *   <li>{@link #laplacianLambda}: ∇²F with q_i = λ_i, pure Gaussian: −(1/(2β)) Σ_{i ≤ N_G} λ_i^{−2};</li>
 *   <li>{@link #laplacianLnLambda}: ∇²F with q_i = y_i = ln λ_i: Σ_{i ≤ N_G} φ″(y_i) (S30) for a plug-in φ
 *       (trivial eigenvalues included, they contribute φ″(ln(1+m)) each);</li>
 *   <li>{@link #entropyRate}: dS_q/dβ = ±γ ∇²F (S28), sign by {@link LearningDirection}; destruction D = −dS_q/dβ (S29);</li>
 *   <li>{@link #twoPartDeltaF}: ΔF(y; β) = N_nt[ε φ(y) + (1 − ε) φ(y_r) − φ(0)], y_r = −εy/(1 − ε) (S31).</li>
 * </ul>
 */
public final class EntropyProduction {

    private EntropyProduction() { }

    /** −(1/(2β)) Σ λ^{−2} over all N_G eigenvalues. */
    public static double laplacianLambda(Spectrum s, double beta) {
        checkBeta(beta);
        return -s.sumOverLambda(l -> 1.0 / (l * l)) / (2 * beta);
    }

    /** Σ φ″(ln λ_i; β) over all N_G eigenvalues (S30), analytic φ″. */
    public static double laplacianLnLambda(Spectrum s, double beta, SingleModeFreeEnergy phi) {
        checkBeta(beta);
        return s.sumOverLnLambda(y -> phi.phiSecond(y, beta));
    }

    /**
     * The ln λ Laplacian of (S30) as an excess over a flat spectrum (every ln λ = 0, the initial-free reference):
     * Σ_nt [φ″(y_i) − φ″(0)] over the non-trivial ln λ only. For m = 0 the recorded column is the same quantity
     * plus a constant, {@code laplacianLnLambda(s, β, φ) = laplacianLnLambdaExcess(y_nt, β, φ) + N_G φ″(0)}; the
     * constant differs between architectures (N_G), so architectures are compared by the excess.
     */
    public static double laplacianLnLambdaExcess(double[] lnLambdaNontrivial, double beta, SingleModeFreeEnergy phi) {
        checkBeta(beta);
        double p0 = phi.phiSecond(0, beta), sum = 0;
        for (double y : lnLambdaNontrivial) if (Double.isFinite(y)) sum += phi.phiSecond(y, beta) - p0;
        return sum;
    }

    /**
     * The λ Laplacian as an excess over a flat spectrum: −(1/(2β)) Σ_nt (λ_i⁻² − 1); for m = 0,
     * {@code laplacianLambda(s, β) = laplacianLambdaExcess(y_nt, β) − N_G/(2β)}.
     */
    public static double laplacianLambdaExcess(double[] lnLambdaNontrivial, double beta) {
        checkBeta(beta);
        double sum = 0;
        for (double y : lnLambdaNontrivial) if (Double.isFinite(y)) sum += -(Math.exp(-2 * y) - 1) / (2 * beta);
        return sum;
    }

    /** dS_q/dβ = sign · γ · ∇²F (S28). */
    public static double entropyRate(double laplacian, double gamma, LearningDirection dir) {
        return dir.sign() * gamma * laplacian;
    }

    /** Two-part ΔF(y; β) of (S31) for N_nt non-trivial eigenvalues and moving fraction ε ∈ (0, 1). */
    public static double twoPartDeltaF(double y, double beta, int nNontrivial, double epsilon, SingleModeFreeEnergy phi) {
        checkBeta(beta);
        if (!(epsilon > 0 && epsilon < 1)) throw new IllegalArgumentException("fraction epsilon = " + epsilon + "; need 0 < epsilon < 1");
        double yr = -epsilon * y / (1 - epsilon);
        return nNontrivial * (epsilon * phi.phi(y, beta) + (1 - epsilon) * phi.phi(yr, beta) - phi.phi(0, beta));
    }

    /** ΔF(y; β) of (S31) on a grid of y values. */
    public static double[] twoPartDeltaF(double[] ys, double beta, int nNontrivial, double epsilon, SingleModeFreeEnergy phi) {
        double[] out = new double[ys.length];
        for (int i = 0; i < ys.length; i++) out[i] = twoPartDeltaF(ys[i], beta, nNontrivial, epsilon, phi);
        return out;
    }

    private static void checkBeta(double beta) {
        if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("beta = " + beta + "; must be positive and finite");
    }
}
