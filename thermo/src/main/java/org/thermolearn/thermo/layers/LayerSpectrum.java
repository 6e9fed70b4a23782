package org.thermolearn.thermo.layers;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;

/**
 * The weight spectrum of one block W of ŵ (shape rows × cols = receivers × senders), the heavy-tailed
 * self-regularisation metrics of WeightWatcher beside the G spectrum. With N = max(rows, cols) and
 * M = min(rows, cols), the empirical spectral density (ESD) is the M eigenvalues of the correlation matrix
 * X = WᵀW / N (or W Wᵀ / N, which has the same non-zero eigenvalues), λ_i = σ_i² / N with σ_i the singular
 * values of W. From it:
 * <ul>
 *   <li>{@code fit}: the power law p(λ) ∝ λ^{−α} of its tail ({@link PowerLawFit}, Clauset–Shalizi–Newman);</li>
 *   <li>{@code alphaHat} α̂ = α · log₁₀ λ_max (WeightWatcher's "alpha_weighted");</li>
 *   <li>{@code logSpectralNorm} = log₁₀ λ_max (λ_max = ‖W‖₂² / N);</li>
 *   <li>{@code logFrobeniusNorm} = log₁₀ Σλ_i = log₁₀ (‖W‖_F² / N);</li>
 *   <li>{@code stableRank} = Σλ_i / λ_max = ‖W‖_F² / ‖W‖₂².</li>
 * </ul>
 * Only α, D and the stable rank are independent of the 1/N normalisation; the logarithms shift by log₁₀ N
 * against an un-normalised convention.
 *
 * @param layer       index of the block in ŵ's block order (0 = first layered block)
 * @param from        sending group
 * @param to          receiving group
 * @param rows        rows of W (receivers, size of group {@code to})
 * @param cols        columns of W (senders, size of group {@code from})
 * @param eigenvalues the ESD λ_1 ≤ … ≤ λ_M, ascending
 */
public record LayerSpectrum(int layer, int from, int to, int rows, int cols, double[] eigenvalues, PowerLawFit fit,
                            double lambdaMax, double alphaHat, double logSpectralNorm, double logFrobeniusNorm, double stableRank) {

    /** The spectrum of block {@code b}, numbered {@code layer}, by the singular values of W. */
    public static LayerSpectrum of(int layer, Block b, Linalg la) {
        double[] sv = la.singularValues(b.rows(), b.cols(), b.w());
        int big = Math.max(b.rows(), b.cols());
        int m = Math.min(b.rows(), b.cols());
        double[] ev = new double[m];
        for (int i = 0; i < m; i++) {
            double s = i < sv.length ? sv[sv.length - 1 - i] : 0;
            ev[i] = s * s / big;
        }
        java.util.Arrays.sort(ev);
        return fromEigenvalues(layer, b.from(), b.to(), b.rows(), b.cols(), ev);
    }

    /** The metrics of a given ESD (ascending eigenvalues of X = WᵀW / N). */
    public static LayerSpectrum fromEigenvalues(int layer, int from, int to, int rows, int cols, double[] ascending) {
        double lmax = ascending.length == 0 ? Double.NaN : ascending[ascending.length - 1];
        double sum = 0;
        for (double v : ascending) sum += v;
        PowerLawFit fit = PowerLawFit.fit(ascending);
        double logMax = Math.log10(lmax);
        return new LayerSpectrum(layer, from, to, rows, cols, ascending, fit, lmax, fit.alpha() * logMax, logMax,
                Math.log10(sum), sum / lmax);
    }

    /** "0->1 (100x784)". */
    public String label() { return from + "->" + to + " (" + rows + "x" + cols + ")"; }
}
