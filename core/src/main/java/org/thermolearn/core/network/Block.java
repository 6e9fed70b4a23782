package org.thermolearn.core.network;

/**
 * One dense block of the full weight matrix ŵ: the edges from every neuron of group {@code from}
 * to every neuron of group {@code to}, stored row-major with rows = receivers (w_ij = edge j → i,
 * theory.md §0.2). Shape size(to) × size(from). A block with {@code from < to} is feed-forward
 * (layered or skip); {@code from >= to} is recurrent or backward and makes ŵ non-nilpotent.
 *
 * <p>The array is owned by the block; callers must not modify it unless they own the network
 * (the trainer's mutable state).
 */
public record Block(int from, int to, int rows, int cols, double[] w) {

    public Block {
        if (w.length != rows * cols) {
            throw new IllegalArgumentException("block " + from + "->" + to + ": expected " + rows + "x" + cols
                    + " = " + (rows * cols) + " weights, found " + w.length);
        }
    }

    /** True if this block points forward in group order (from &lt; to). */
    public boolean isForward() { return from < to; }

    public double get(int row, int col) { return w[row * cols + col]; }

    public Block copy() { return new Block(from, to, rows, cols, w.clone()); }
}
