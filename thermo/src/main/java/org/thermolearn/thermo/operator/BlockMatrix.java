package org.thermolearn.thermo.operator;

import org.thermolearn.core.linalg.Linalg;

import java.util.Arrays;

/**
 * A square matrix over the neuron groups of a layout, stored as optional dense blocks
 * {@code block(to, from)} (row-major, rows = receivers), the storage theory.md §1.4 asks for.
 * Used for M = F′ŵ and its powers (F′ŵ)^k (§8 item 9), so that the trace identities (S33), (S34)
 * and P13 and the finite Neumann inverse (§8 item 6) are chains of block products and never an
 * N×N array. Immutable once built by its factory methods.
 */
public final class BlockMatrix {

    private final int[] sizes;
    private final double[][][] blocks; // [to][from], null = zero block

    BlockMatrix(int[] sizes, double[][][] blocks) {
        this.sizes = sizes;
        this.blocks = blocks;
    }

    /**
     * A block matrix from explicit blocks {@code blocks[to][from]} (null = zero), each of length
     * sizes[to]·sizes[from]. The arrays are taken over, not copied.
     */
    public static BlockMatrix of(int[] sizes, double[][][] blocks) {
        if (blocks.length != sizes.length) throw new IllegalArgumentException("need " + sizes.length + " block rows, got " + blocks.length);
        for (int t = 0; t < sizes.length; t++) {
            for (int f = 0; f < sizes.length; f++) {
                double[] b = blocks[t][f];
                if (b != null && b.length != sizes[t] * sizes[f]) {
                    throw new IllegalArgumentException("block " + f + "->" + t + " has " + b.length + " entries, expected " + sizes[t] * sizes[f]);
                }
            }
        }
        return new BlockMatrix(sizes.clone(), blocks);
    }

    /**
     * The dense Gram matrix (I + s·L)ᵀ(I + s·L) = I + s(L + Lᵀ) + LᵀL of this matrix L (s = ±1),
     * over all groups, row-major; LᵀL is formed block by block, so sparse block patterns cost only the
     * products of their non-zero blocks (§8: never a dense product of the whole matrix).
     */
    public double[] gramOfIdentityPlus(double s, Linalg la) {
        int g = sizes.length;
        int[] o = offsets(0);
        int n = o[g];
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) d[i * n + i] = 1;
        for (int t = 0; t < g; t++) {
            for (int f = 0; f < g; f++) {
                double[] b = blocks[t][f];
                if (b == null) continue;
                for (int i = 0; i < sizes[t]; i++) {
                    for (int j = 0; j < sizes[f]; j++) {
                        double v = s * b[i * sizes[f] + j];
                        d[(o[t] + i) * n + o[f] + j] += v;
                        d[(o[f] + j) * n + o[t] + i] += v;
                    }
                }
            }
        }
        for (int f1 = 0; f1 < g; f1++) {
            for (int f2 = f1; f2 < g; f2++) {
                double[] acc = null;
                for (int t = 0; t < g; t++) {
                    double[] a = blocks[t][f1], b = blocks[t][f2];
                    if (a == null || b == null) continue;
                    if (acc == null) acc = new double[sizes[f1] * sizes[f2]];
                    la.gemm(true, false, sizes[f1], sizes[f2], sizes[t], 1.0, a, b, 1.0, acc);
                }
                if (acc == null) continue;
                for (int i = 0; i < sizes[f1]; i++) {
                    for (int j = 0; j < sizes[f2]; j++) {
                        double v = acc[i * sizes[f2] + j];
                        d[(o[f1] + i) * n + o[f2] + j] += v;
                        if (f1 != f2) d[(o[f2] + j) * n + o[f1] + i] += v;
                    }
                }
            }
        }
        return d;
    }

    /** An all-zero block matrix over groups of the given sizes. */
    static BlockMatrix zeros(int[] sizes) {
        return new BlockMatrix(sizes.clone(), new double[sizes.length][sizes.length][]);
    }

    public int groupCount() { return sizes.length; }

    public int size(int g) { return sizes[g]; }

    /** The block from group {@code from} to group {@code to} (size(to) × size(from)), or null if it is zero. */
    public double[] block(int to, int from) { return blocks[to][from]; }

    /** True if every non-null block is strictly below the block diagonal in group order (to &gt; from). */
    public boolean isStrictlyBlockLower() {
        for (int t = 0; t < sizes.length; t++) {
            for (int f = t; f < sizes.length; f++) if (blocks[t][f] != null) return false;
        }
        return true;
    }

    /** True if no block is non-null. */
    public boolean isZero() {
        for (double[][] row : blocks) for (double[] b : row) if (b != null) return false;
        return true;
    }

    /** this · other, block by block through {@link Linalg#gemm}. */
    public BlockMatrix times(BlockMatrix other, Linalg la) {
        int g = sizes.length;
        double[][][] out = new double[g][g][];
        for (int t = 0; t < g; t++) {
            for (int f = 0; f < g; f++) {
                double[] acc = null;
                for (int k = 0; k < g; k++) {
                    double[] a = blocks[t][k];
                    double[] b = other.blocks[k][f];
                    if (a == null || b == null) continue;
                    if (acc == null) acc = new double[sizes[t] * sizes[f]];
                    la.gemm(false, false, sizes[t], sizes[f], sizes[k], 1.0, a, b, 1.0, acc);
                }
                out[t][f] = acc;
            }
        }
        return new BlockMatrix(sizes, out);
    }

    /** this + other. */
    public BlockMatrix plus(BlockMatrix other) {
        int g = sizes.length;
        double[][][] out = new double[g][g][];
        for (int t = 0; t < g; t++) {
            for (int f = 0; f < g; f++) {
                double[] a = blocks[t][f], b = other.blocks[t][f];
                if (a == null && b == null) continue;
                if (a == null) out[t][f] = b.clone();
                else if (b == null) out[t][f] = a.clone();
                else {
                    double[] s = a.clone();
                    for (int i = 0; i < s.length; i++) s[i] += b[i];
                    out[t][f] = s;
                }
            }
        }
        return new BlockMatrix(sizes, out);
    }

    /** ‖·‖_F² over the blocks whose row and column groups are both ≥ {@code firstGroup}. */
    public double frobenius2(int firstGroup) {
        double s = 0;
        for (int t = firstGroup; t < sizes.length; t++) {
            for (int f = firstGroup; f < sizes.length; f++) {
                double[] b = blocks[t][f];
                if (b == null) continue;
                for (double v : b) s += v * v;
            }
        }
        return s;
    }

    /** ⟨this, other⟩_F over the blocks whose row and column groups are both ≥ {@code firstGroup}. */
    public double frobeniusInner(BlockMatrix other, int firstGroup) {
        double s = 0;
        for (int t = firstGroup; t < sizes.length; t++) {
            for (int f = firstGroup; f < sizes.length; f++) {
                double[] a = blocks[t][f], b = other.blocks[t][f];
                if (a == null || b == null) continue;
                for (int i = 0; i < a.length; i++) s += a[i] * b[i];
            }
        }
        return s;
    }

    /** Offsets of the groups ≥ firstGroup inside the restricted dense index range. */
    int[] offsets(int firstGroup) {
        int[] o = new int[sizes.length + 1];
        for (int g = firstGroup; g < sizes.length; g++) o[g + 1] = o[g] + sizes[g];
        return o;
    }

    /** Dense row-major copy restricted to groups ≥ {@code firstGroup}; for tests and small sizes. */
    public double[] toDense(int firstGroup) {
        int[] o = offsets(firstGroup);
        int n = o[sizes.length];
        if ((long) n * n > Integer.MAX_VALUE - 8) throw new IllegalStateException("dense copy of " + n + "x" + n + " is too large");
        double[] d = new double[n * n];
        for (int t = firstGroup; t < sizes.length; t++) {
            for (int f = firstGroup; f < sizes.length; f++) {
                double[] b = blocks[t][f];
                if (b == null) continue;
                for (int i = 0; i < sizes[t]; i++) {
                    System.arraycopy(b, i * sizes[f], d, (o[t] + i) * n + o[f], sizes[f]);
                }
            }
        }
        return d;
    }

    /** y = this · x restricted to groups ≥ firstGroup (x and y in the restricted index range). */
    public double[] apply(double[] x, int firstGroup) {
        int[] o = offsets(firstGroup);
        double[] y = new double[o[sizes.length]];
        for (int t = firstGroup; t < sizes.length; t++) {
            for (int f = firstGroup; f < sizes.length; f++) {
                double[] b = blocks[t][f];
                if (b == null) continue;
                int c = sizes[f];
                for (int i = 0; i < sizes[t]; i++) {
                    double s = 0;
                    int base = i * c;
                    for (int j = 0; j < c; j++) s += b[base + j] * x[o[f] + j];
                    y[o[t] + i] += s;
                }
            }
        }
        return y;
    }

    /** y = thisᵀ · x restricted to groups ≥ firstGroup. */
    public double[] applyTransposed(double[] x, int firstGroup) {
        int[] o = offsets(firstGroup);
        double[] y = new double[o[sizes.length]];
        for (int t = firstGroup; t < sizes.length; t++) {
            for (int f = firstGroup; f < sizes.length; f++) {
                double[] b = blocks[t][f];
                if (b == null) continue;
                int c = sizes[f];
                for (int i = 0; i < sizes[t]; i++) {
                    double xi = x[o[t] + i];
                    if (xi == 0) continue;
                    int base = i * c;
                    for (int j = 0; j < c; j++) y[o[f] + j] += b[base + j] * xi;
                }
            }
        }
        return y;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BlockMatrix" + Arrays.toString(sizes) + " blocks:");
        for (int t = 0; t < sizes.length; t++) for (int f = 0; f < sizes.length; f++) if (blocks[t][f] != null) s.append(' ').append(f).append("->").append(t);
        return s.toString();
    }
}
