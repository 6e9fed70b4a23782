package org.thermolearn.core.loss;

/**
 * Boundary losses (S3) of a data set, with the normalisations of theory.md §9 A12.
 *
 * @param perSample      H_∂ per sample, ½ Σ_{i∈out} (target_i − x̄_i)² (S3)
 * @param mean           U_∂, the mean of {@code perSample} over the samples (§2.4, A15)
 * @param perOutputMse   Σ_samples Σ_out (target − x̄)² / (samples · n_out) = 2 U_∂ / n_out
 * @param rms            √perOutputMse, the root-mean-square output error the talk refers to (A12)
 * @param outputs        the forward-pass outputs x̄_out (samples × n_out, row-major)
 */
public record BoundaryLossResult(double[] perSample, double mean, double perOutputMse, double rms, double[] outputs) {

    /** Number of samples. */
    public int samples() { return perSample.length; }
}
