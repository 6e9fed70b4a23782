package org.thermolearn.thermo.stochastic;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.thermo.operator.BlockMatrix;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.spectrum.SpectrumSolver;

/**
 * The compressed operator A_c = I − L of (S36) (all-N space) or of theory.md §8 item 5 (clamped space,
 * A_c = I_R − M_RR), applied matrix-free to blocks of b vectors at once, so that all work is GEMM through
 * {@link Linalg#gemm} (native BLAS uses every core). The non-trivial eigenvalues of the kinetic part
 * AᵀA of Ĝ (S11) are the eigenvalues κ of Ĝ_c = A_cᵀA_c; the other N_G − n_c eigenvalues are exactly 1
 * (§8 items 3–5, P3).
 *
 * <p>L is strictly block lower-triangular (P1), so A_c is unit block lower-triangular and its inverse is
 * the finite Neumann series A_c⁻¹ = Σ_{k&lt;L} L^k (§8 item 6). It is applied here in Horner form, i.e. as
 * block forward substitution Y_t = X_t + Σ_{f&lt;t} L_{tf} Y_f, which costs one pass over the blocks, the
 * same as A_c X, and never forms a power of L. A_c⁻ᵀ is the matching back substitution.
 *
 * <p>A block X of b vectors is stored per group: {@code x[g]} is the size(g) × b row-major slice of the
 * rows of group g.
 */
public final class CompressedOperator {

    /** Bytes of one row panel of L in {@link #applyG} (a 32 × 4000 panel: the fastest on a 2-core EPYC, 1.3× over two passes). */
    static final long PANEL_BYTES = 1L << 20;

    private final BlockMatrix l;
    private final int[] sizes;
    private final int[] offsets;
    private final Linalg la;

    private CompressedOperator(BlockMatrix l, Linalg la) {
        this.l = l;
        this.la = la;
        int g = l.groupCount();
        sizes = new int[g];
        offsets = new int[g + 1];
        for (int i = 0; i < g; i++) {
            sizes[i] = l.size(i);
            offsets[i + 1] = offsets[i] + sizes[i];
        }
    }

    /**
     * A_c of the operator's integration space. Refuses a recurrent ŵ (F′ŵ not block-nilpotent, P1): its
     * inverse is no finite Neumann series and the compressed form (S36) does not exist, so only the exact
     * dense route applies.
     */
    public static CompressedOperator of(GOperator op, Linalg la) {
        if (la == null) throw new IllegalArgumentException("linear-algebra backend is null; use Linalg.select(\"auto\")");
        if (!op.isBlockNilpotent()) {
            throw new IllegalArgumentException("the stochastic route needs a feed-forward network: " + op.layout() + " has a backward/recurrent "
                    + "block, so (I - F'w)^-1 is not a finite Neumann series (§8 item 6); use the exact dense route (--route exact, N_G <= "
                    + GOperator.DENSE_LIMIT + ")");
        }
        return new CompressedOperator(SpectrumSolver.compressedLower(op, la), la);
    }

    /**
     * n_c without building anything: r + R in the all-N space (r = min(n_in, rows fed by the inputs), (S36)),
     * R in the clamped space (§8 item 5).
     */
    public static int compressedSize(GOperator op) {
        var layout = op.layout();
        if (op.space() == org.thermolearn.thermo.operator.IntegrationSpace.CLAMPED) return layout.r();
        int rowsI = 0;
        for (int g = 1; g < layout.groupCount(); g++) if (op.m().block(g, 0) != null) rowsI += layout.size(g);
        return Math.min(layout.nIn(), rowsI) + layout.r();
    }

    /** A_c = I − L for an explicit strictly block lower-triangular L (tests, other operators). */
    public static CompressedOperator ofLower(BlockMatrix l, Linalg la) {
        if (!l.isStrictlyBlockLower()) {
            throw new IllegalArgumentException("L must be strictly block lower-triangular (a feed-forward F'w, P1); a recurrent block needs the exact route");
        }
        return new CompressedOperator(l, la);
    }

    /** n_c = r + R (all-N) or R (clamped): the dimension of Ĝ_c and the number of eigenvalues that can differ from 1. */
    public int dimension() { return offsets[sizes.length]; }

    public int groupCount() { return sizes.length; }

    public int size(int g) { return sizes[g]; }

    public int offset(int g) { return offsets[g]; }

    /** The strictly lower part L. */
    public BlockMatrix lower() { return l; }

    /** Non-zero entries of L (the cost of one block product per vector is 2 × this many flops). */
    public long nonZeros() {
        long s = 0;
        for (int t = 0; t < sizes.length; t++) for (int f = 0; f < sizes.length; f++) if (l.block(t, f) != null) s += (long) sizes[t] * sizes[f];
        return s;
    }

    /** An all-zero block of b vectors. */
    public double[][] zeros(int b) {
        double[][] x = new double[sizes.length][];
        for (int g = 0; g < sizes.length; g++) x[g] = new double[sizes[g] * b];
        return x;
    }

    /** Y = A_c X = X − L X. */
    public double[][] applyA(double[][] x, int b) {
        double[][] y = copy(x);
        for (int t = 0; t < sizes.length; t++) {
            for (int f = 0; f < t; f++) {
                double[] blk = l.block(t, f);
                if (blk == null || sizes[t] == 0 || sizes[f] == 0) continue;
                la.gemm(false, false, sizes[t], b, sizes[f], -1.0, blk, x[f], 1.0, y[t]);
            }
        }
        return y;
    }

    /** Y = A_cᵀ X = X − Lᵀ X. */
    public double[][] applyAT(double[][] x, int b) {
        double[][] y = copy(x);
        for (int t = 0; t < sizes.length; t++) {
            for (int f = 0; f < t; f++) {
                double[] blk = l.block(t, f);
                if (blk == null || sizes[t] == 0 || sizes[f] == 0) continue;
                la.gemm(true, false, sizes[f], b, sizes[t], -1.0, blk, x[t], 1.0, y[f]);
            }
        }
        return y;
    }

    /** Y = A_c⁻¹ X = Σ_k L^k X (§8 item 6) by block forward substitution. */
    public double[][] solveA(double[][] x, int b) {
        double[][] y = copy(x);
        for (int t = 0; t < sizes.length; t++) {
            for (int f = 0; f < t; f++) {
                double[] blk = l.block(t, f);
                if (blk == null || sizes[t] == 0 || sizes[f] == 0) continue;
                la.gemm(false, false, sizes[t], b, sizes[f], 1.0, blk, y[f], 1.0, y[t]);
            }
        }
        return y;
    }

    /** Y = A_c⁻ᵀ X = Σ_k (Lᵀ)^k X by block back substitution. */
    public double[][] solveAT(double[][] x, int b) {
        double[][] y = copy(x);
        for (int f = sizes.length - 1; f >= 0; f--) {
            for (int t = f + 1; t < sizes.length; t++) {
                double[] blk = l.block(t, f);
                if (blk == null || sizes[t] == 0 || sizes[f] == 0) continue;
                la.gemm(true, false, sizes[f], b, sizes[t], 1.0, blk, y[t], 1.0, y[f]);
            }
        }
        return y;
    }

    /**
     * Ĝ_c X = A_cᵀ(A_c X): the kinetic part of (S11) on the compressed space, in one pass over L. Row block t of
     * U = A_c X needs only X, so it is formed a panel of rows at a time and the panel's transposed contributions
     * −L_{tf}[rows]ᵀU[rows] go into the result while the panel of L (≈ {@value #PANEL_BYTES} bytes) is still in cache:
     * L is read from memory once per application instead of twice. (The blocks of L are far larger than the cache and
     * a product with a block of b ≈ 16 vectors is bound by that memory traffic.)
     */
    public double[][] applyG(double[][] x, int b) {
        double[][] y = new double[sizes.length][];
        for (int g = 0; g < sizes.length; g++) y[g] = new double[sizes[g] * b];
        for (int t = 0; t < sizes.length; t++) {
            double[] u = x[t].clone();
            long width = 0;
            for (int f = 0; f < t; f++) if (l.block(t, f) != null && sizes[f] > 0) width += sizes[f];
            if (width > 0 && sizes[t] > 0) {
                int rows = (int) Math.max(1, Math.min(sizes[t], PANEL_BYTES / (8 * width)));
                for (int r0 = 0; r0 < sizes[t]; r0 += rows) {
                    int m = Math.min(rows, sizes[t] - r0);
                    for (int f = 0; f < t; f++) {
                        double[] blk = l.block(t, f);
                        if (blk == null || sizes[f] == 0) continue;
                        la.gemm(false, false, m, b, sizes[f], -1.0, blk, r0 * sizes[f], sizes[f], x[f], 0, b, 1.0, u, r0 * b, b);
                    }
                    for (int f = 0; f < t; f++) {
                        double[] blk = l.block(t, f);
                        if (blk == null || sizes[f] == 0) continue;
                        la.gemm(true, false, sizes[f], b, m, -1.0, blk, r0 * sizes[f], sizes[f], u, r0 * b, b, 1.0, y[f], 0, b);
                    }
                }
            }
            double[] yt = y[t];
            for (int i = 0; i < yt.length; i++) yt[i] += u[i];
        }
        return y;
    }

    /** Ĝ_c⁻¹ X = A_c⁻¹(A_c⁻ᵀ X). */
    public double[][] applyGInverse(double[][] x, int b) { return solveA(solveAT(x, b), b); }

    private static double[][] copy(double[][] x) {
        double[][] y = new double[x.length][];
        for (int g = 0; g < x.length; g++) y[g] = x[g].clone();
        return y;
    }
}
