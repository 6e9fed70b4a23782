package org.thermolearn.thermo.spectrum;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.thermo.operator.BlockMatrix;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;

import java.util.List;

/**
 * Computes the {@link Spectrum} of Ĝ (S11) behind one entry point (design.md: the route is chosen
 * behind one call, like EJML's decomposition factory).
 *
 * <p><b>Compressed route</b> (theory.md §8 items 1, 4, 5, 6). All-N space: let M_RI be the rows of
 * M = F′ŵ that receive edges from the input group (every such row block stacked, so skip edges from
 * the inputs are covered), thin QR M_RIᵀ = Q T and K = Tᵀ placed at those rows; then
 * A_c = [I_r 0; −K I_R − M_RR] ((S36), unit block lower-triangular) has σ(A_c)² = the non-trivial
 * eigenvalues, the other N − r − R are exactly 1. Only the R factor of the QR is needed. Clamped space:
 * A_c = I_R − M_RR. The left tail comes from the finite Neumann inverse
 * A_c^{-1} = [I_r 0; B^{-1}K B^{-1}], B^{-1} = Σ_{k&lt;L} M_RR^k (block products only); the merge takes
 * κ_i = σ_i(A_c)² where σ_i ≥ 1 and 1/σ(A_c^{-1})² for the matching index otherwise. Never allocates
 * anything N×N: the largest array is (r+R)².
 *
 * <p><b>Dense route</b> (reference, any ŵ incl. non-nilpotent): Ĝ = AᵀA formed explicitly, symmetric
 * eigensolver; refused above N_G = {@value GOperator#DENSE_LIMIT}.
 */
public final class SpectrumSolver {

    private static final int GRAM_THRESHOLD = 1500;
    private static final double AUTO_TAIL_CONDITION = 1e3;

    private final Linalg la;
    private final Route route;
    private final LeftTail leftTail;
    private final Method method;
    private final double tau;

    /** A solver with the defaults: AUTO route, left tail ALWAYS, AUTO method, τ = 1e-9. */
    public SpectrumSolver(Linalg la) {
        this(la, Route.AUTO, LeftTail.ALWAYS, Method.AUTO, Spectrum.DEFAULT_TAU);
    }

    public SpectrumSolver(Linalg la, Route route, LeftTail leftTail, Method method, double tau) {
        if (la == null) throw new IllegalArgumentException("linear-algebra backend is null; use Linalg.select(\"auto\")");
        if (!(tau > 0) || !Double.isFinite(tau)) throw new IllegalArgumentException("tau = " + tau + "; the trivial-eigenvalue threshold must be positive");
        this.la = la;
        this.route = route == null ? Route.AUTO : route;
        this.leftTail = leftTail == null ? LeftTail.ALWAYS : leftTail;
        this.method = method == null ? Method.AUTO : method;
        this.tau = tau;
    }

    /** The spectrum of Ĝ in the operator's space, including its mass. */
    public Spectrum spectrum(GOperator op) {
        Route r = route;
        if (r == Route.AUTO) {
            if (op.isBlockNilpotent()) r = Route.COMPRESSED;
            else if (op.nG() <= GOperator.DENSE_LIMIT) r = Route.DENSE;
            else {
                throw new IllegalStateException("F'w has a backward/recurrent block (not nilpotent, P1), so the compressed route (S36) "
                        + "does not apply, and N_G = " + op.nG() + " exceeds the dense limit " + GOperator.DENSE_LIMIT
                        + "; remove the backward block or analyse a smaller network");
            }
        }
        if (r == Route.COMPRESSED && !op.isBlockNilpotent()) {
            throw new IllegalStateException("the compressed route (S36) needs a nilpotent F'w with blocks only from earlier to later "
                    + "groups (P1), but " + op.layout() + " has a backward/recurrent non-zero block; use Route.DENSE or Route.AUTO "
                    + "(dense fallback for N_G <= " + GOperator.DENSE_LIMIT + ")");
        }
        return r == Route.DENSE ? dense(op) : compressed(op);
    }

    private Spectrum dense(GOperator op) {
        int n = op.nG();
        double[] g = op.withMass(0).denseG(la);
        double[] kin = la.symmetricEigenvalues(n, g);
        BlockIdentities blocks = op.isBlockNilpotent() ? BlockIdentities.of(op, la) : null;
        return Spectrum.fromKineticPart(op.space(), n, kin, n, op.mass(), tau, Route.DENSE, false, blocks);
    }

    private Spectrum compressed(GOperator op) {
        var layout = op.layout();
        BlockMatrix m = op.m();
        int gc = layout.groupCount();
        int nIn = layout.nIn();
        int rr = layout.r();
        List<BlockMatrix> powers = op.powers(la);
        BlockIdentities blocks = BlockIdentities.of(op, la);
        BlockMatrix neumann = powers.isEmpty() ? null : BlockIdentities.neumannTail(powers);
        // R-coordinates: offset of group g (g >= 1) among the non-input neurons
        int[] ro = new int[gc + 1];
        for (int g = 1; g < gc; g++) ro[g + 1] = ro[g] + layout.size(g);

        // K (R x r), all-N space only
        int r = 0;
        double[] k = null; // R x r row-major
        if (op.space() == IntegrationSpace.ALL) {
            int rowsI = 0;
            for (int g = 1; g < gc; g++) if (m.block(g, 0) != null) rowsI += layout.size(g);
            if (rowsI > 0) {
                double[] mriT = new double[nIn * rowsI];
                int c0 = 0;
                for (int g = 1; g < gc; g++) {
                    double[] b = m.block(g, 0);
                    if (b == null) continue;
                    int sg = layout.size(g);
                    for (int i = 0; i < sg; i++) for (int j = 0; j < nIn; j++) mriT[j * rowsI + c0 + i] = b[i * nIn + j];
                    c0 += sg;
                }
                r = Math.min(nIn, rowsI);
                double[] t = la.qrR(nIn, rowsI, mriT); // r x rowsI, M_RIᵀ = Q T  =>  M_RI = Tᵀ Qᵀ, K = Tᵀ
                k = new double[rr * r];
                c0 = 0;
                for (int g = 1; g < gc; g++) {
                    if (m.block(g, 0) == null) continue;
                    for (int i = 0; i < layout.size(g); i++) {
                        int row = ro[g] + i;
                        for (int c = 0; c < r; c++) k[row * r + c] = t[c * rowsI + c0 + i];
                    }
                    c0 += layout.size(g);
                }
            }
        }
        int n = r + rr;
        double[] ac = new double[n * n];
        for (int i = 0; i < r; i++) ac[i * n + i] = 1;
        if (k != null) {
            for (int i = 0; i < rr; i++) for (int c = 0; c < r; c++) ac[(r + i) * n + c] = -k[i * r + c];
        }
        placeBlocks(ac, n, r, m, ro, gc, -1.0);
        for (int i = 0; i < rr; i++) ac[(r + i) * n + r + i] += 1;

        Method meth = method == Method.AUTO ? (n <= GRAM_THRESHOLD ? Method.SVD : Method.GRAM) : method;
        double[] s = singularValuesDescending(n, ac, meth);
        boolean useInverse = switch (leftTail) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> s.length > 0 && s[0] > AUTO_TAIL_CONDITION * s[s.length - 1];
        };
        double[] kin = new double[n];
        if (useInverse && n > 0) {
            double[] inv = new double[n * n];
            for (int i = 0; i < r; i++) inv[i * n + i] = 1;
            if (neumann != null) placeBlocks(inv, n, r, neumann, ro, gc, 1.0);
            for (int i = 0; i < rr; i++) inv[(r + i) * n + r + i] += 1;
            if (k != null) {
                // B^{-1} K block-wise: rows of group g, sum over groups h holding K rows
                for (int g = 1; g < gc; g++) {
                    int sg = layout.size(g);
                    double[] x = new double[sg * r];
                    boolean any = false;
                    for (int h = 1; h < gc; h++) {
                        if (m.block(h, 0) == null) continue;
                        int sh = layout.size(h);
                        double[] kh = new double[sh * r];
                        System.arraycopy(k, ro[h] * r, kh, 0, sh * r);
                        if (h == g) {
                            for (int q = 0; q < kh.length; q++) x[q] += kh[q];
                            any = true;
                        } else if (neumann != null && neumann.block(g, h) != null) {
                            la.gemm(false, false, sg, r, sh, 1.0, neumann.block(g, h), kh, 1.0, x);
                            any = true;
                        }
                    }
                    if (!any) continue;
                    for (int i = 0; i < sg; i++) System.arraycopy(x, i * r, inv, (r + ro[g] + i) * n, r);
                }
            }
            double[] t = singularValuesDescending(n, inv, meth);
            for (int i = 0; i < n; i++) {
                kin[i] = s[i] >= 1 ? s[i] * s[i] : 1.0 / (t[n - 1 - i] * t[n - 1 - i]);
            }
        } else {
            for (int i = 0; i < n; i++) kin[i] = s[i] * s[i];
        }
        return Spectrum.fromKineticPart(op.space(), op.nG(), kin, n, op.mass(), tau, Route.COMPRESSED, useInverse, blocks);
    }

    /** Adds sign × the non-input blocks of {@code bm} into the lower-right R×R part of the n×n array. */
    private static void placeBlocks(double[] dst, int n, int r, BlockMatrix bm, int[] ro, int gc, double sign) {
        for (int t = 1; t < gc; t++) {
            for (int f = 1; f < gc; f++) {
                double[] b = bm.block(t, f);
                if (b == null) continue;
                int st = bm.size(t), sf = bm.size(f);
                for (int i = 0; i < st; i++) {
                    int dbase = (r + ro[t] + i) * n + r + ro[f];
                    int sbase = i * sf;
                    for (int j = 0; j < sf; j++) dst[dbase + j] += sign * b[sbase + j];
                }
            }
        }
    }

    /** Singular values, descending, by SVD or as square roots of Gram eigenvalues. */
    private double[] singularValuesDescending(int n, double[] a, Method meth) {
        if (n == 0) return new double[0];
        if (meth == Method.SVD) return la.singularValues(n, n, a);
        double[] g = new double[n * n];
        la.gemm(true, false, n, n, n, 1.0, a, a, 0.0, g);
        double[] e = la.symmetricEigenvalues(n, g); // ascending
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = Math.sqrt(Math.max(0.0, e[n - 1 - i]));
        return s;
    }
}
