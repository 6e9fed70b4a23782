package org.thermolearn.core.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The full N×N weight matrix ŵ of the septuple (item 4), stored as dense blocks between groups
 * (theory.md §1.4: never a dense N×N array for large N). Any directed acyclic graph over the groups
 * is allowed: layered edges, skip and residual edges from any earlier to any later group. A
 * backward or recurrent block is accepted but makes ŵ non-nilpotent ({@link #isNilpotent()}).
 */
public final class WeightMatrix {

    private final NeuronLayout layout;
    private final List<Block> blocks;

    public WeightMatrix(NeuronLayout layout, List<Block> blocks) {
        this.layout = layout;
        List<Block> copy = new ArrayList<>(blocks.size());
        boolean[][] seen = new boolean[layout.groupCount()][layout.groupCount()];
        for (Block b : blocks) {
            if (b.from() < 0 || b.from() >= layout.groupCount() || b.to() < 0 || b.to() >= layout.groupCount()) {
                throw new IllegalArgumentException("block " + b.from() + "->" + b.to() + " names a group outside 0.."
                        + (layout.groupCount() - 1) + " of layout " + layout);
            }
            if (b.to() == 0) {
                throw new IllegalArgumentException("block " + b.from() + "->0 feeds the input group; inputs are clamped (S1') and take no edges");
            }
            if (b.rows() != layout.size(b.to()) || b.cols() != layout.size(b.from())) {
                throw new IllegalArgumentException("block " + b.from() + "->" + b.to() + " has shape " + b.rows() + "x" + b.cols()
                        + " but layout " + layout + " needs " + layout.size(b.to()) + "x" + layout.size(b.from()));
            }
            if (seen[b.from()][b.to()]) {
                throw new IllegalArgumentException("block " + b.from() + "->" + b.to() + " is given twice");
            }
            seen[b.from()][b.to()] = true;
            copy.add(b);
        }
        this.blocks = Collections.unmodifiableList(copy);
    }

    /** Zero-valued layered blocks g → g+1 plus the given extra (skip) edges {from, to}. */
    public static WeightMatrix zeros(NeuronLayout layout, int[]... extraEdges) {
        List<Block> bl = new ArrayList<>();
        for (int g = 0; g + 1 < layout.groupCount(); g++) {
            bl.add(new Block(g, g + 1, layout.size(g + 1), layout.size(g), new double[layout.size(g + 1) * layout.size(g)]));
        }
        for (int[] e : extraEdges) {
            bl.add(new Block(e[0], e[1], layout.size(e[1]), layout.size(e[0]), new double[layout.size(e[1]) * layout.size(e[0])]));
        }
        return new WeightMatrix(layout, bl);
    }

    public NeuronLayout layout() { return layout; }

    public List<Block> blocks() { return blocks; }

    /** Blocks whose receiving group is {@code g}. */
    public List<Block> blocksInto(int g) {
        List<Block> r = new ArrayList<>();
        for (Block b : blocks) if (b.to() == g) r.add(b);
        return r;
    }

    /** Blocks whose sending group is {@code g}. */
    public List<Block> blocksFrom(int g) {
        List<Block> r = new ArrayList<>();
        for (Block b : blocks) if (b.from() == g) r.add(b);
        return r;
    }

    /** True if every block points forward in group order, i.e. ŵ is strictly block lower-triangular. */
    public boolean isFeedForward() {
        for (Block b : blocks) if (!b.isForward()) return false;
        return true;
    }

    /**
     * True if ŵ is nilpotent (P1). A feed-forward block structure is nilpotent by construction; a
     * backward block is checked by the group graph: ŵ is nilpotent iff no cycle of non-zero blocks exists.
     */
    public boolean isNilpotent() {
        if (isFeedForward()) return true;
        int gc = layout.groupCount();
        boolean[][] edge = new boolean[gc][gc];
        for (Block b : blocks) {
            for (double v : b.w()) if (v != 0) { edge[b.from()][b.to()] = true; break; }
        }
        // cycle detection by repeated removal of groups with no incoming edges
        int[] indeg = new int[gc];
        for (int i = 0; i < gc; i++) for (int j = 0; j < gc; j++) if (edge[i][j] && i != j) indeg[j]++;
        for (int i = 0; i < gc; i++) if (edge[i][i]) return false;
        boolean[] removed = new boolean[gc];
        for (int round = 0; round < gc; round++) {
            boolean progress = false;
            for (int g = 0; g < gc; g++) {
                if (!removed[g] && indeg[g] == 0) {
                    removed[g] = true;
                    progress = true;
                    for (int j = 0; j < gc; j++) if (edge[g][j] && j != g) indeg[j]--;
                }
            }
            if (!progress) break;
        }
        for (boolean r : removed) if (!r) return false;
        return true;
    }

    /**
     * L, the number of levels: one more than the longest path of blocks from the input group
     * (so ŵ^L = 0 and the clamped dynamics reaches its fixed point after L−1 steps, P10).
     * Only defined for feed-forward matrices.
     */
    public int levels() {
        if (!isFeedForward()) throw new IllegalStateException("ŵ has a backward block: levels are undefined (not nilpotent)");
        int[] depth = new int[layout.groupCount()];
        for (int g = 1; g < layout.groupCount(); g++) {
            int d = 0;
            for (Block b : blocks) if (b.to() == g) d = Math.max(d, depth[b.from()] + 1);
            depth[g] = d;
        }
        int max = 0;
        for (int d : depth) max = Math.max(max, d);
        return max + 1;
    }

    /** y = ŵ x for one state vector of length N. */
    public double[] multiply(double[] x) {
        double[] y = new double[layout.n()];
        for (Block b : blocks) {
            int ro = layout.offset(b.to()), co = layout.offset(b.from());
            for (int i = 0; i < b.rows(); i++) {
                double s = 0;
                int base = i * b.cols();
                for (int j = 0; j < b.cols(); j++) s += b.w()[base + j] * x[co + j];
                y[ro + i] += s;
            }
        }
        return y;
    }

    /** The dense N×N matrix, row-major; for tests and small N only. */
    public double[][] toDense() {
        if (layout.n() > 8192) {
            throw new IllegalStateException("toDense() is for small networks; N = " + layout.n() + " would need "
                    + (8L * layout.n() * layout.n() >> 20) + " MiB");
        }
        double[][] d = new double[layout.n()][layout.n()];
        for (Block b : blocks) {
            int ro = layout.offset(b.to()), co = layout.offset(b.from());
            for (int i = 0; i < b.rows(); i++) {
                for (int j = 0; j < b.cols(); j++) d[ro + i][co + j] = b.get(i, j);
            }
        }
        return d;
    }

    /** A deep copy (fresh arrays). */
    public WeightMatrix copy() {
        List<Block> c = new ArrayList<>(blocks.size());
        for (Block b : blocks) c.add(b.copy());
        return new WeightMatrix(layout, c);
    }

    /** Number of trainable weights. */
    public long parameterCount() {
        long k = 0;
        for (Block b : blocks) k += b.w().length;
        return k;
    }
}
