package org.thermolearn.core.train;

import org.thermolearn.core.network.Activation;

/**
 * The training loss on the output neurons, averaged over a mini-batch.
 * <ul>
 *   <li>{@link #SQUARED_ERROR}: ½Σ_out (a − y)², the paper's boundary loss (S3);</li>
 *   <li>{@link #BINARY_CROSS_ENTROPY}: −Σ_out [y ln a + (1 − y) ln(1 − a)] with sigmoid outputs —
 *       component-wise, so the thermodynamics of §3 still applies;</li>
 *   <li>{@link #SOFTMAX_CROSS_ENTROPY}: softmax over identity outputs. <b>Outside the theory</b> (A14):
 *       softmax is not component-wise, F′ is no longer diagonal. Offered only for comparison.</li>
 * </ul>
 */
public enum Loss {
    SQUARED_ERROR(true),
    BINARY_CROSS_ENTROPY(true),
    SOFTMAX_CROSS_ENTROPY(false);

    private final boolean withinTheory;

    Loss(boolean withinTheory) { this.withinTheory = withinTheory; }

    /** False for losses whose output map is not component-wise (A14). */
    public boolean withinTheory() { return withinTheory; }

    /** The output activation this loss requires, or null if any is allowed. */
    public Activation requiredOutputActivation() {
        return switch (this) {
            case SQUARED_ERROR -> null;
            case BINARY_CROSS_ENTROPY -> Activation.SIGMOID;
            case SOFTMAX_CROSS_ENTROPY -> Activation.IDENTITY;
        };
    }

    /**
     * Writes δ_out = ∂L/∂z_out for one batch (B × n_out) given output activations a and targets y,
     * and returns the summed (not averaged) loss of the batch.
     */
    public double outputDelta(double[] a, double[] y, int batch, int nOut, Activation out, double[] delta) {
        return outputDelta(a, 0, y, 0, batch, nOut, out, delta, 0, null, 0);
    }

    /**
     * {@link #outputDelta(double[], double[], int, int, Activation, double[])} on rows starting at the given offsets;
     * when {@code terms} is not null it also receives each entry's contribution to the loss (at {@code tOff}), so
     * that a caller can sum a batch computed in shards in the order of one pass: Σ terms in index order is the
     * returned value bit for bit (x − t and x + (−t) round alike).
     */
    double outputDelta(double[] a, int aOff, double[] y, int yOff, int batch, int nOut, Activation out,
                       double[] delta, int dOff, double[] terms, int tOff) {
        double loss = 0;
        switch (this) {
            case SQUARED_ERROR -> {
                for (int i = 0; i < batch * nOut; i++) {
                    double ai = a[aOff + i], e = ai - y[yOff + i];
                    double t = 0.5 * e * e;
                    loss += t;
                    if (terms != null) terms[tOff + i] = t;
                    delta[dOff + i] = e * out.dfFromValue(ai);
                }
            }
            case BINARY_CROSS_ENTROPY -> {
                for (int i = 0; i < batch * nOut; i++) {
                    double ai = a[aOff + i], yi = y[yOff + i];
                    double p = Math.min(Math.max(ai, 1e-15), 1 - 1e-15);
                    double t = yi * Math.log(p) + (1 - yi) * Math.log(1 - p);
                    loss -= t;
                    if (terms != null) terms[tOff + i] = -t;
                    delta[dOff + i] = ai - yi;
                }
            }
            case SOFTMAX_CROSS_ENTROPY -> {
                for (int s = 0; s < batch; s++) {
                    int o = s * nOut;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < nOut; k++) max = Math.max(max, a[aOff + o + k]);
                    double sum = 0;
                    for (int k = 0; k < nOut; k++) sum += Math.exp(a[aOff + o + k] - max);
                    double logSum = max + Math.log(sum);
                    for (int k = 0; k < nOut; k++) {
                        double p = Math.exp(a[aOff + o + k] - logSum);
                        double t = y[yOff + o + k] * (a[aOff + o + k] - logSum);
                        loss -= t;
                        if (terms != null) terms[tOff + o + k] = -t;
                        delta[dOff + o + k] = p - y[yOff + o + k];
                    }
                }
            }
        }
        return loss;
    }

    /** Case-insensitive lookup accepting mse/bce/softmax aliases. */
    public static Loss parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "squared_error", "mse", "se", "boundary" -> SQUARED_ERROR;
            case "binary_cross_entropy", "bce" -> BINARY_CROSS_ENTROPY;
            case "softmax_cross_entropy", "softmax", "ce" -> SOFTMAX_CROSS_ENTROPY;
            default -> throw new IllegalArgumentException("unknown loss '" + name
                    + "'; choose squared_error (mse), binary_cross_entropy (bce) or softmax_cross_entropy (outside the theory, A14)");
        };
    }
}
