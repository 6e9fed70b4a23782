package org.thermolearn.core.loss;

import org.thermolearn.core.network.Network;

/** Argument checks shared by the loss classes; every failure names the thing, the value and the fix. */
final class Checks {

    private Checks() { }

    /**
     * Validates a feed-forward network and the flat row-major data arrays (samples × n_in inputs,
     * samples × n_out targets) and returns the number of samples.
     */
    static int samples(Network net, double[] inputs, double[] targets) {
        if (net == null) throw new IllegalArgumentException("network is null");
        if (inputs == null) throw new IllegalArgumentException("inputs array is null");
        if (targets == null) throw new IllegalArgumentException("targets array is null");
        if (!net.weights().isFeedForward()) {
            throw new IllegalArgumentException("the loss needs a feed-forward ŵ (blocks from earlier to later groups only); "
                    + net + " has a backward block");
        }
        if (net.hasNonFinite()) {
            throw new IllegalArgumentException("network " + net + " has a NaN or infinite weight or bias");
        }
        int nIn = net.layout().nIn(), nOut = net.layout().nOut();
        if (inputs.length % nIn != 0) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values, not a multiple of n_in = " + nIn
                    + "; pass samples x n_in values, row-major");
        }
        int samples = inputs.length / nIn;
        if (targets.length != (long) samples * nOut) {
            throw new IllegalArgumentException("targets hold " + targets.length + " values but " + samples + " samples x n_out = "
                    + nOut + " need " + ((long) samples * nOut) + "; pass samples x n_out values, row-major");
        }
        if (samples == 0) throw new IllegalArgumentException("no samples: the inputs array is empty");
        finite("inputs", inputs, nIn);
        finite("targets", targets, nOut);
        return samples;
    }

    static void finite(String what, double[] a, int rowLength) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(what + " value " + a[i] + " at sample " + (i / rowLength) + ", column "
                        + (i % rowLength) + " is not finite; clean the data (NaN/inf) before computing a loss");
            }
        }
    }
}
