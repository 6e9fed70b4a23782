package org.thermolearn.core.network;

import java.util.Arrays;

/**
 * The septuple (x, P̂_in, P̂_out, ŵ, b, f, H) of theory.md §1.1 without the state x: the layout
 * (which fixes P̂_in and P̂_out), the block weight matrix ŵ, the bias b (zero on inputs) and the
 * component-wise activation f, one for hidden groups and one for the output group. The loss H is
 * chosen by the caller (boundary (S3) or bulk (S4)).
 *
 * <p>A {@code Network} is a snapshot: its arrays are never modified after construction; the
 * trainer works on its own copy and hands out fresh snapshots.
 */
public record Network(NeuronLayout layout, WeightMatrix weights, double[] bias,
                      Activation hiddenActivation, Activation outputActivation) {

    public Network {
        if (!weights.layout().equals(layout)) {
            throw new IllegalArgumentException("weights are laid out as " + weights.layout() + " but the network as " + layout);
        }
        if (bias.length != layout.n()) {
            throw new IllegalArgumentException("bias has length " + bias.length + ", expected N = " + layout.n());
        }
        for (int i = 0; i < layout.nIn(); i++) {
            if (bias[i] != 0) throw new IllegalArgumentException("bias on input neuron " + i + " is " + bias[i] + "; inputs carry no bias");
        }
    }

    /** A tanh network (the paper's default). */
    public static Network tanh(WeightMatrix weights, double[] bias) {
        return new Network(weights.layout(), weights, bias, Activation.TANH, Activation.TANH);
    }

    /** The activation acting on group {@code g} (g ≥ 1). */
    public Activation activation(int g) {
        return g == layout.outputGroup() ? outputActivation : hiddenActivation;
    }

    /** The activation of neuron i (i non-input). */
    public Activation activationOfNeuron(int i) {
        return activation(layout.groupOf(i));
    }

    /** A deep copy. */
    public Network copy() {
        return new Network(layout, weights.copy(), bias.clone(), hiddenActivation, outputActivation);
    }

    /** True if any weight or bias is NaN or infinite. */
    public boolean hasNonFinite() {
        for (double v : bias) if (!Double.isFinite(v)) return true;
        for (Block b : weights.blocks()) for (double v : b.w()) if (!Double.isFinite(v)) return true;
        return false;
    }

    /** The diagonal of F′ = diag f′(b) (S9; f′ at the bias, A2 default); 0 on input neurons. */
    public double[] fPrimeAtBias() {
        double[] d = new double[layout.n()];
        for (int g = 1; g < layout.groupCount(); g++) {
            Activation a = activation(g);
            for (int i = layout.offset(g); i < layout.offset(g + 1); i++) d[i] = a.df(bias[i]);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Network other)) return false;
        if (!layout.equals(other.layout) || hiddenActivation != other.hiddenActivation
                || outputActivation != other.outputActivation || !Arrays.equals(bias, other.bias)) return false;
        var a = weights.blocks();
        var b = other.weights.blocks();
        if (a.size() != b.size()) return false;
        for (int k = 0; k < a.size(); k++) {
            if (a.get(k).from() != b.get(k).from() || a.get(k).to() != b.get(k).to()
                    || !Arrays.equals(a.get(k).w(), b.get(k).w())) return false;
        }
        return true;
    }

    @Override
    public int hashCode() { return layout.hashCode() * 31 + Arrays.hashCode(bias); }

    @Override
    public String toString() {
        return "Network[" + layout + ", " + weights.blocks().size() + " blocks, " + hiddenActivation + "/" + outputActivation + "]";
    }
}
