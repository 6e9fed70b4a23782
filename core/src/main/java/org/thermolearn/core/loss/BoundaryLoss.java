package org.thermolearn.core.loss;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.ForwardPass;
import org.thermolearn.core.network.Network;

/**
 * The boundary loss (S3) H_∂ = ½ Σ_{i∈out} (x_i − x̄_i)², where x̄ is the fixed point (S2) of the
 * clamped dynamics, i.e. the ordinary forward pass (P10): all the error sits on the output neurons.
 * Stored as ½Σ (the physics normalisation); the per-output mean square and the RMS are reported
 * alongside (§9 A12).
 *
 * <p>The forward pass runs batched in chunks of {@value #CHUNK} samples, the same chunking as
 * {@link BulkLoss}'s default, so that the bulk-loss start value reproduces these numbers bit for bit.
 */
public final class BoundaryLoss {

    /** Samples per forward-pass batch. */
    public static final int CHUNK = 1000;

    private BoundaryLoss() { }

    /**
     * H_∂ for every sample.
     *
     * @param inputs  samples × n_in, row-major
     * @param targets samples × n_out, row-major
     * @throws IllegalArgumentException on a non-feed-forward or non-finite network, on array lengths that do not
     *                                  match the layout, or on NaN/infinite data
     */
    public static BoundaryLossResult evaluate(Network net, double[] inputs, double[] targets, Linalg la) {
        int samples = Checks.samples(net, inputs, targets);
        int nIn = net.layout().nIn(), nOut = net.layout().nOut();
        double[] per = new double[samples];
        double[] out = new double[samples * nOut];
        double sumSq = 0;
        for (int c0 = 0; c0 < samples; c0 += CHUNK) {
            int nb = Math.min(CHUNK, samples - c0);
            double[] in = java.util.Arrays.copyOfRange(inputs, c0 * nIn, (c0 + nb) * nIn);
            double[] y = ForwardPass.outputs(net, in, nb, la);
            System.arraycopy(y, 0, out, c0 * nOut, nb * nOut);
            for (int s = 0; s < nb; s++) {
                double acc = 0;
                int tb = (c0 + s) * nOut, yb = s * nOut;
                for (int j = 0; j < nOut; j++) {
                    double e = targets[tb + j] - y[yb + j];
                    acc += e * e;
                }
                per[c0 + s] = 0.5 * acc;
                sumSq += acc;
            }
        }
        double mean = 0;
        for (double v : per) mean += v;
        mean /= samples;
        double mse = sumSq / ((double) samples * nOut);
        return new BoundaryLossResult(per, mean, mse, Math.sqrt(mse), out);
    }
}
