package org.thermolearn.thermo.spectrum;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.thermo.operator.BlockMatrix;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;

import java.util.List;

/**
 * Computes the {@link Spectrum} of Ĝ (S11) behind one entry point (docs/DESIGN.md: the route is chosen
 * behind one call, like EJML's decomposition factory).
 *
 * <p><b>Compressed route</b> (theory.md §8 items 1, 4, 5, 6). All-N space: let M_RI be the rows of
 * M = F′ŵ that receive edges from the input group (every such row block stacked, so skip edges from
 * the inputs are covered), thin QR M_RIᵀ = Q T and K = Tᵀ placed at those rows; then
 * A_c = [I_r 0; −K I_R − M_RR] ((S36), unit block lower-triangular) has σ(A_c)² = the non-trivial
 * eigenvalues, the other N − r − R are exactly 1. Only the R factor of the QR is needed. Clamped space:
 * A_c = I_R − M_RR. The left tail comes from the finite Neumann inverse
 * A_c^{-1} = [I_r 0; B^{-1}K B^{-1}], B^{-1} = Σ_{k&lt;L} M_RR^k (block products only); the merge takes
 * κ_i = σ_i(A_c)² where σ_i ≥ σ* = √(σ_max(A_c)/σ_max(A_c⁻¹)) and 1/σ(A_c^{-1})² for the matching index
 * otherwise. The largest array is (r+R)², r = min(n_in, n_1): smaller than N×N unless the first hidden layer
 * is at least as wide as the input; above {@value #MAX_DENSE_ELEMENTS} elements the route refuses with a message.
 *
 * <p><b>Dense route</b> (reference, any ŵ incl. non-nilpotent): Ĝ = AᵀA formed explicitly, symmetric
 * eigensolver; refused above N_G = {@value GOperator#DENSE_LIMIT}.
 */
public final class SpectrumSolver {

    private static final double AUTO_TAIL_ERROR = 1e-11;
    /** Largest dense matrix (elements) the compressed route builds: 2.5e8 doubles = 2 GB. */
    public static final long MAX_DENSE_ELEMENTS = 250_000_000L;

    private final Linalg la;
    private final Route route;
    private final LeftTail leftTail;
    private final Method method;
    private final double tau;

    /** A solver with the defaults: AUTO route, left tail AUTO, AUTO method, τ = 1e-9. */
    public SpectrumSolver(Linalg la) {
        this(la, Route.AUTO, LeftTail.AUTO, Method.AUTO, Spectrum.DEFAULT_TAU);
    }

    public SpectrumSolver(Linalg la, Route route, LeftTail leftTail, Method method, double tau) {
        if (la == null) throw new IllegalArgumentException("linear-algebra backend is null; use Linalg.select(\"auto\")");
        if (!(tau > 0) || !Double.isFinite(tau)) throw new IllegalArgumentException("tau = " + tau + "; the trivial-eigenvalue threshold must be positive");
        this.la = la;
        this.route = route == null ? Route.AUTO : route;
        this.leftTail = leftTail == null ? LeftTail.AUTO : leftTail;
        this.method = method == null ? Method.AUTO : method;
        this.tau = tau;
    }

    /** The spectrum of Ĝ in the operator's space, including its mass. */
    public Spectrum spectrum(GOperator op) {
        Route r = route;
        if (r == Route.STOCHASTIC) {
            throw new IllegalArgumentException("SpectrumSolver computes exact spectra; the stochastic route has no eigenvalue list "
                    + "(use ThermoAnalysis or org.thermolearn.thermo.stochastic.StochasticLanczosQuadrature)");
        }
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
        int gc = layout.groupCount();
        List<BlockMatrix> powers = op.powers(la);
        BlockIdentities blocks = BlockIdentities.of(op, la);
        BlockMatrix neumann = powers.isEmpty() ? null : BlockIdentities.neumannTail(powers);
        BlockMatrix l = compressedLower(op, la);
        int r = l.size(0);
        int n = r + layout.r();
        double[][] kBlocks = new double[gc][];
        for (int g = 1; g < gc; g++) kBlocks[g] = l.block(g, 0);
        if ((long) n * n > MAX_DENSE_ELEMENTS) {
            throw new IllegalStateException("the compressed operator A_c of " + layout + " in the " + op.space().label() + " space is "
                    + n + " x " + n + " (" + ((long) n * n * 8 >> 20) + " MiB per dense copy), above the limit of " + MAX_DENSE_ELEMENTS
                    + " elements; use the stochastic route (Route.STOCHASTIC or AUTO), which never forms it");
        }
        int[] sizes = new int[gc];
        for (int g = 0; g < gc; g++) sizes[g] = l.size(g);

        Method meth = method == Method.AUTO ? Method.GRAM : method;
        double[] s = meth == Method.SVD ? svd(n, l, -1.0) : gramSingularValues(n, l, -1.0);
        boolean useInverse = switch (leftTail) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> {
                // predicted absolute error of ln lambda_min: 2 eps kappa (SVD) or eps kappa^2 (Gram)
                double kappa = s.length == 0 ? 1 : s[0] / Math.max(s[s.length - 1], Double.MIN_NORMAL);
                double err = meth == Method.SVD ? 2 * 0x1p-52 * kappa : 0x1p-52 * kappa * kappa;
                yield err > AUTO_TAIL_ERROR;
            }
        };
        double[] kin = new double[n];
        if (useInverse && n > 0) {
            // A_c^{-1} = I + N,  N = [0 0; B^{-1}K  B^{-1} - I],  B^{-1} = I + sum_k M_RR^k (finite Neumann series)
            double[][][] nb = new double[gc][gc][];
            for (int t = 1; t < gc; t++) {
                for (int f = 1; f < gc; f++) nb[t][f] = neumann == null ? null : neumann.block(t, f);
                if (r == 0) continue;
                int st = layout.size(t);
                double[] x = null;
                for (int h = 1; h < gc; h++) {
                    if (kBlocks[h] == null) continue;
                    if (h == t) {
                        if (x == null) x = new double[st * r];
                        for (int q = 0; q < x.length; q++) x[q] += kBlocks[h][q];
                    } else if (neumann != null && neumann.block(t, h) != null) {
                        if (x == null) x = new double[st * r];
                        la.gemm(false, false, st, r, layout.size(h), 1.0, neumann.block(t, h), kBlocks[h], 1.0, x);
                    }
                }
                nb[t][0] = x;
            }
            BlockMatrix inv = BlockMatrix.of(sizes, nb);
            double[] t = meth == Method.SVD ? svd(n, inv, 1.0) : gramSingularValues(n, inv, 1.0);
            // switch routes where their absolute errors are equal, σ* = √(σ_max(A_c)/σ_max(A_c⁻¹)) (= 1 for a
            // symmetric spectrum): eigenvalues near 1 then come from A_c, the small ones from A_c⁻¹
            double split = Math.sqrt(s[0] / t[0]);
            for (int i = 0; i < n; i++) {
                kin[i] = s[i] >= split ? s[i] * s[i] : 1.0 / (t[n - 1 - i] * t[n - 1 - i]);
            }
        } else {
            for (int i = 0; i < n; i++) kin[i] = s[i] * s[i];
        }
        return Spectrum.fromKineticPart(op.space(), op.nG(), kin, n, op.mass(), tau, Route.COMPRESSED, useInverse, blocks);
    }

    /**
     * The strictly block lower-triangular L with A_c = I − L of (S36) (all-N space: super-group 0 holds the r
     * compressed input directions, L = [0 0; K M_RR] with K = Tᵀ from the thin QR M_RIᵀ = Q T) or of §8 item 5
     * (clamped space: group 0 is empty, L = M_RR). Only the R factor of the QR is formed; every other block is a
     * block of M = F′ŵ, shared, not copied. Needs a block-nilpotent F′ŵ (P1).
     */
    public static BlockMatrix compressedLower(GOperator op, Linalg la) {
        if (!op.isBlockNilpotent()) {
            throw new IllegalStateException("the compressed operator (S36) needs a nilpotent F'w with blocks only from earlier to later "
                    + "groups (P1), but " + op.layout() + " has a backward/recurrent non-zero block; use the exact dense route "
                    + "(Route.DENSE, N_G <= " + GOperator.DENSE_LIMIT + ")");
        }
        var layout = op.layout();
        BlockMatrix m = op.m();
        int gc = layout.groupCount();
        int nIn = layout.nIn();
        int r = 0;
        double[][] kBlocks = new double[gc][]; // K restricted to the rows of group g (size(g) x r)
        if (op.space() == IntegrationSpace.ALL) {
            int rowsI = 0;
            for (int g = 1; g < gc; g++) if (m.block(g, 0) != null) rowsI += layout.size(g);
            if (rowsI > 0) {
                // M_RIᵀ (n_in x rowsI): every row block fed by the inputs, stacked (skip edges included)
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
                double[] t = la.qrR(nIn, rowsI, mriT); // M_RIᵀ = Q T  =>  M_RI = Tᵀ Qᵀ, K = Tᵀ (only R is needed)
                c0 = 0;
                for (int g = 1; g < gc; g++) {
                    if (m.block(g, 0) == null) continue;
                    int sg = layout.size(g);
                    double[] kg = new double[sg * r];
                    for (int i = 0; i < sg; i++) for (int c = 0; c < r; c++) kg[i * r + c] = t[c * rowsI + c0 + i];
                    kBlocks[g] = kg;
                    c0 += sg;
                }
            }
        }
        int[] sizes = layout.sizes();
        sizes[0] = r;
        // A_c = I - L,  L = [0 0; K M_RR]  (S36)
        double[][][] lb = new double[gc][gc][];
        for (int t = 1; t < gc; t++) {
            if (r > 0) lb[t][0] = kBlocks[t];
            for (int f = 1; f < gc; f++) lb[t][f] = m.block(t, f);
        }
        return BlockMatrix.of(sizes, lb);
    }

    /** Singular values (descending) of I + sign·L by a dense SVD. */
    private double[] svd(int n, BlockMatrix l, double sign) {
        if (n == 0) return new double[0];
        double[] a = l.toDense(0);
        for (int i = 0; i < a.length; i++) a[i] *= sign;
        for (int i = 0; i < n; i++) a[i * n + i] += 1;
        return la.singularValues(n, n, a);
    }

    /** Singular values (descending) of I + sign·L as square roots of the eigenvalues of its block-formed Gram matrix. */
    private double[] gramSingularValues(int n, BlockMatrix l, double sign) {
        if (n == 0) return new double[0];
        double[] g = l.gramOfIdentityPlus(sign, la);
        double[] e = la.symmetricEigenvalues(n, g); // ascending
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = Math.sqrt(Math.max(0.0, e[n - 1 - i]));
        return s;
    }

}
