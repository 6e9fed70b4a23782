package org.thermolearn.core.loss;

/**
 * Bulk losses (S4)/(S6) of a data set together with the residuals of the minimisation that produced them.
 *
 * @param perSample      the minimised bulk loss H per sample
 * @param mean           U, the mean of {@code perSample} (§2.4, A15)
 * @param start          the objective at the forward-pass start (hidden = forward activations); with no potential this
 *                       is the boundary loss H_∂ (S3), and {@code perSample[s] <= start[s]} always holds (P6)
 * @param startMean      the mean of {@code start}
 * @param gradInf        per sample, the inf-norm of the gradient with respect to the hidden neurons at the final point
 * @param maxGradInf     the largest entry of {@code gradInf} (the residual of the minimisation)
 * @param iterations     the largest number of objective-and-gradient evaluations any sample used (start included)
 * @param meanIterations the mean number of evaluations per sample
 * @param notConverged   samples that reached {@link BulkLossOptions#maxIterations()} with gradient above gtol
 * @param stalled        samples stopped because no step of any length decreased the objective above round-off while
 *                       the gradient was still above gtol (a numerical stationary point; see {@code gradInf})
 * @param hiddenStates   the minimising hidden states, samples × hiddenCount row-major (hidden groups in group order,
 *                       i.e. neurons n_in … n_in + hiddenCount − 1 of x), or {@code null} if not requested
 * @param hiddenCount    the number of hidden ("bulk") neurons N − n_in − n_out
 * @param potential      the potential used
 */
public record BulkLossResult(double[] perSample, double mean, double[] start, double startMean, double[] gradInf,
                             double maxGradInf, int iterations, double meanIterations, int notConverged, int stalled,
                             double[] hiddenStates, int hiddenCount, Potential potential) {

    /** Number of samples. */
    public int samples() { return perSample.length; }

    /** U / U_start, i.e. U/U_∂ when there is no potential (P6: ≤ 1). */
    public double ratioToStart() { return startMean == 0 ? 0 : mean / startMean; }

    /** True if every sample reached gradient inf-norm ≤ gtol. */
    public boolean allConverged() { return notConverged == 0 && stalled == 0; }
}
