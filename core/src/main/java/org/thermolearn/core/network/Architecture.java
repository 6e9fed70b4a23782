package org.thermolearn.core.network;

import java.util.ArrayList;
import java.util.List;

/**
 * What a network is made of before its weights are drawn: the layout, the edges between groups
 * (layered g → g+1 always, plus optional skip/residual edges between any earlier and later group),
 * and the hidden and output activations.
 */
public record Architecture(NeuronLayout layout, List<int[]> skipEdges, Activation hidden, Activation output) {

    public Architecture {
        skipEdges = List.copyOf(skipEdges);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int[] e : skipEdges) {
            if (e.length == 2 && !seen.add(e[0] + ">" + e[1])) {
                throw new IllegalArgumentException("skip edge " + e[0] + ">" + e[1] + " is given twice; list each edge once");
            }
            if (e.length != 2 || e[0] < 0 || e[1] >= layout.groupCount() || e[0] >= e[1] || e[1] == e[0] + 1) {
                throw new IllegalArgumentException("skip edge " + java.util.Arrays.toString(e) + " must join an earlier group to a later, "
                        + "non-adjacent group of " + layout + " (groups 0.." + (layout.groupCount() - 1) + ")");
            }
        }
    }

    /** A layered tanh network with the given widths. */
    public static Architecture layered(int... widths) {
        return new Architecture(NeuronLayout.of(widths), List.of(), Activation.TANH, Activation.TANH);
    }

    /**
     * Parses "784-100-100-10" optionally followed by skip edges "+0>2,1>3" (group indices).
     */
    public static Architecture parse(String spec, Activation hidden, Activation output) {
        String[] parts = spec.trim().split("\\+", 2);
        NeuronLayout layout = NeuronLayout.parse(parts[0]);
        List<int[]> skips = new ArrayList<>();
        if (parts.length == 2) {
            for (String e : parts[1].split(",")) {
                String[] ft = e.trim().split(">");
                try {
                    skips.add(new int[]{Integer.parseInt(ft[0].trim()), Integer.parseInt(ft[1].trim())});
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException("skip edge '" + e + "' in '" + spec + "': write FROM>TO with group indices, e.g. 784-100-100-10+0>2");
                }
            }
        }
        return new Architecture(layout, skips, hidden, output);
    }

    public Architecture withActivations(Activation h, Activation o) { return new Architecture(layout, skipEdges, h, o); }

    /** The edges {from, to} in block order: layered first, then skips. */
    public List<int[]> edges() {
        List<int[]> e = new ArrayList<>();
        for (int g = 0; g + 1 < layout.groupCount(); g++) e.add(new int[]{g, g + 1});
        e.addAll(skipEdges);
        return e;
    }

    /** Number of weights over all edges (a long: it may exceed what one array can hold). */
    public long weightCount() {
        long w = 0;
        for (int[] e : edges()) w += (long) layout.size(e[0]) * layout.size(e[1]);
        return w;
    }

    /** Number of hidden layers (groups strictly between input and output). */
    public int hiddenLayers() { return layout.groupCount() - 2; }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(layout.toString());
        for (int i = 0; i < skipEdges.size(); i++) b.append(i == 0 ? "+" : ",").append(skipEdges.get(i)[0]).append('>').append(skipEdges.get(i)[1]);
        return b.toString();
    }
}
