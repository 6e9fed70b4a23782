package org.thermolearn.core.network;

import org.thermolearn.core.linalg.Linalg;

/**
 * The ordinary forward pass of a feed-forward network over a batch of B samples, group by group in
 * topological (group) order: z_g = Σ_{blocks h→g} a_h W_{gh}ᵀ + b_g, a_g = f(z_g). By P10 this is the
 * fixed point x̄ of the clamped dynamics (S1′, S2). Activations are stored per group as B × n_g
 * row-major arrays; group 0 holds the inputs.
 */
public final class ForwardPass {

    private ForwardPass() { }

    /** Runs the forward pass on {@code inputs} (B × n_in, row-major). */
    public static double[][] run(Network net, double[] inputs, int batch, Linalg la) {
        NeuronLayout l = net.layout();
        if (!net.weights().isFeedForward()) {
            throw new IllegalArgumentException("the forward pass needs a feed-forward ŵ; this one has a backward block (use Dynamics.fixedPoint)");
        }
        if (inputs.length != batch * l.nIn()) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values, expected " + batch + " x " + l.nIn());
        }
        double[][] a = new double[l.groupCount()][];
        a[0] = inputs;
        for (int g = 1; g < l.groupCount(); g++) {
            a[g] = preActivation(net, a, g, batch, la);
            net.activation(g).applyInPlace(a[g], 0, a[g].length);
        }
        return a;
    }

    /** z_g = Σ_{blocks h→g} a_h W_{gh}ᵀ + b_g for a batch, given the activations of earlier groups. */
    public static double[] preActivation(Network net, double[][] a, int g, int batch, Linalg la) {
        NeuronLayout l = net.layout();
        int ng = l.size(g);
        double[] z = new double[batch * ng];
        int bo = l.offset(g);
        double[] bias = net.bias();
        for (int s = 0; s < batch; s++) System.arraycopy(bias, bo, z, s * ng, ng);
        for (Block b : net.weights().blocks()) {
            if (b.to() != g) continue;
            la.gemm(false, true, batch, ng, b.cols(), 1.0, a[b.from()], b.w(), 1.0, z);
        }
        return z;
    }

    /** The output activations (B × n_out) of the forward pass. */
    public static double[] outputs(Network net, double[] inputs, int batch, Linalg la) {
        double[][] a = run(net, inputs, batch, la);
        return a[net.layout().outputGroup()];
    }
}
