package org.thermolearn.core.train;

/**
 * A set of supervised samples in the form the trainer consumes: inputs (count × n_in) and targets
 * (count × n_out), both row-major, and the class labels used for accuracy.
 */
public record Samples(double[] inputs, double[] targets, int[] labels, int count, int nIn, int nOut) {

    public Samples {
        if (inputs.length != (long) count * nIn) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values, expected " + count + " x " + nIn);
        }
        if (targets.length != (long) count * nOut) {
            throw new IllegalArgumentException("targets hold " + targets.length + " values, expected " + count + " x " + nOut);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values, expected " + count);
        }
    }

    /** One-hot targets with values {@code low} (off) and {@code high} (on), e.g. {0,1} or {−1,+1}. */
    public static Samples oneHot(double[] inputs, int[] labels, int nIn, int classes, double low, double high) {
        int n = labels.length;
        double[] t = new double[n * classes];
        java.util.Arrays.fill(t, low);
        for (int s = 0; s < n; s++) {
            if (labels[s] < 0 || labels[s] >= classes) {
                throw new IllegalArgumentException("label " + labels[s] + " of sample " + s + " is outside 0.." + (classes - 1));
            }
            t[s * classes + labels[s]] = high;
        }
        return new Samples(inputs, t, labels.clone(), n, nIn, classes);
    }

    /** Samples [from, to). */
    public Samples slice(int from, int to) {
        if (from < 0 || to > count || from > to) throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + count);
        return new Samples(java.util.Arrays.copyOfRange(inputs, from * nIn, to * nIn),
                java.util.Arrays.copyOfRange(targets, from * nOut, to * nOut),
                java.util.Arrays.copyOfRange(labels, from, to), to - from, nIn, nOut);
    }
}
