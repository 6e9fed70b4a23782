package org.thermolearn.core.network;

import java.util.Arrays;

/**
 * How the N neurons of the state vector x are grouped: group 0 holds the n_in input neurons,
 * the last group the n_out output neurons, the groups in between are hidden ("bulk") neurons
 * (theory.md §0.2, §1.4). Offsets o_g = Σ_{k&lt;g} n_k place each group in x.
 *
 * <p>The projectors P̂_in and P̂_out of the septuple are the diagonal 0/1 masks returned by
 * {@link #inputProjector()} and {@link #outputProjector()}; P̂_∂ = P̂_in + P̂_out.
 */
public final class NeuronLayout {

    private final int[] sizes;
    private final int[] offsets;
    private final int n;

    private NeuronLayout(int[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output group, got "
                    + sizes.length + " group(s); give widths like 784-100-10");
        }
        this.sizes = sizes.clone();
        this.offsets = new int[sizes.length + 1];
        for (int g = 0; g < sizes.length; g++) {
            if (sizes[g] <= 0) {
                throw new IllegalArgumentException("group " + g + " has width " + sizes[g] + "; every width must be positive");
            }
            if ((long) offsets[g] + sizes[g] > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the widths add up to more than " + (Integer.MAX_VALUE - 8) + " neurons; use smaller widths");
            }
            offsets[g + 1] = offsets[g] + sizes[g];
        }
        this.n = offsets[sizes.length];
    }

    /** A layout with the given group widths, inputs first and outputs last. */
    public static NeuronLayout of(int... sizes) {
        return new NeuronLayout(sizes);
    }

    /** Parses widths written as "784-100-100-10". */
    public static NeuronLayout parse(String widths) {
        String[] parts = widths.trim().split("-");
        int[] s = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                s[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("architecture '" + widths + "': '" + parts[i]
                        + "' is not a width; write widths separated by '-', e.g. 784-100-10");
            }
        }
        return new NeuronLayout(s);
    }

    public int groupCount() { return sizes.length; }

    public int size(int group) { return sizes[group]; }

    public int offset(int group) { return offsets[group]; }

    public int[] sizes() { return sizes.clone(); }

    /** N: total number of neurons. */
    public int n() { return n; }

    /** n_in: number of input neurons (group 0). */
    public int nIn() { return sizes[0]; }

    /** n_out: number of output neurons (last group). */
    public int nOut() { return sizes[sizes.length - 1]; }

    /** R = N − n_in: number of non-input neurons. */
    public int r() { return n - sizes[0]; }

    public int outputGroup() { return sizes.length - 1; }

    /** Number of hidden ("bulk") neurons N − n_in − n_out. */
    public int hiddenCount() { return n - sizes[0] - nOut(); }

    /** The group a neuron index belongs to. */
    public int groupOf(int neuron) {
        if (neuron < 0 || neuron >= n) throw new IndexOutOfBoundsException("neuron " + neuron + " of " + n);
        int g = Arrays.binarySearch(offsets, neuron);
        return g >= 0 ? g : -g - 2;
    }

    /** Diagonal of P̂_in: 1 on input neurons. */
    public double[] inputProjector() { return groupMask(0); }

    /** Diagonal of P̂_out: 1 on output neurons. */
    public double[] outputProjector() { return groupMask(outputGroup()); }

    private double[] groupMask(int g) {
        double[] p = new double[n];
        Arrays.fill(p, offsets[g], offsets[g + 1], 1.0);
        return p;
    }

    /** "784-100-10". */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < sizes.length; g++) {
            if (g > 0) b.append('-');
            b.append(sizes[g]);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuronLayout other && Arrays.equals(sizes, other.sizes);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(sizes); }
}
