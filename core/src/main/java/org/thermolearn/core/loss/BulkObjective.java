package org.thermolearn.core.loss;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bulk objective (S4)/(S6) of one chunk of samples as a {@link RowObjective}: the variables of a row are the
 * sample's hidden neurons h (hidden groups in group order), and
 * <pre>
 *   B(h) = ½ Σ_{i non-input} (x_i − f((ŵx + b)_i))² + Σ_{i non-input} V(x_i),
 *   ∂B/∂x_h = E_h + V′(x_h) − Σ_{blocks h→t} (E_t ⊙ f′(Z_t)) W_{th},   E = x − f(Z), Z = ŵx + b,
 * </pre>
 * with the inputs and outputs clamped to the data. One gemm per block for all rows. Hidden groups whose
 * incoming blocks all come from the input group have a constant pre-activation: f and f′ there are evaluated
 * once per chunk, in {@link #load}, in the same order of operations as
 * {@link org.thermolearn.core.network.ForwardPass}, so the forward-pass start value equals {@link BoundaryLoss}
 * bit for bit. Not thread-safe: one instance per thread.
 */
final class BulkObjective implements RowObjective {

    private final Linalg la;
    private final Potential pot;
    private final int groups, out, nIn, nOut, hidden;
    private final int[] n;             // group sizes
    private final int[] hOff;          // column of hidden group g inside a row of the variables
    private final Activation[] act;
    private final boolean[] constGroup; // all incoming blocks from the input group (and not the output)
    private final Block[] prefix;       // first block into g when it comes from the input group (pre-summed), or null
    private final List<List<Block>> rest;     // blocks into g evaluated every time, in weight-list order
    private final List<List<Block>> outgoing; // blocks from hidden group g
    private final boolean needInputs;
    private final double[][] biasRows;  // b restricted to group g

    // per-row data (cap rows)
    private final double[] x0;                 // inputs (only when a non-prefix block reads them)
    private final double[] y;                  // targets (the clamped output group)
    private final double[][] pre;              // non-constant g: bias (+ input block) pre-summed
    private final double[][] aConst, dConst;   // constant g: f(Z), f′(Z)
    private final double[][] a, e, d;          // scratch: f(Z), E, E ⊙ f′(Z)
    private final double[] vsum;

    BulkObjective(Network net, Linalg la, int cap, Potential pot) {
        this.la = la;
        this.pot = pot;
        NeuronLayout l = net.layout();
        groups = l.groupCount();
        out = l.outputGroup();
        nIn = l.nIn();
        nOut = l.nOut();
        n = l.sizes();
        hOff = new int[groups];
        int h = 0;
        for (int g = 1; g < out; g++) {
            hOff[g] = h;
            h += n[g];
        }
        hidden = h;
        biasRows = new double[groups][];
        for (int g = 1; g < groups; g++) biasRows[g] = Arrays.copyOfRange(net.bias(), l.offset(g), l.offset(g + 1));
        act = new Activation[groups];
        for (int g = 1; g < groups; g++) act[g] = net.activation(g);
        constGroup = new boolean[groups];
        prefix = new Block[groups];
        rest = new ArrayList<>();
        outgoing = new ArrayList<>();
        boolean needIn = false;
        for (int g = 0; g < groups; g++) {
            rest.add(new ArrayList<>());
            outgoing.add(new ArrayList<>());
        }
        for (int g = 1; g < groups; g++) {
            boolean first = true, allInput = true;
            for (Block b : net.weights().blocks()) {
                if (b.to() != g) continue;
                if (b.from() != 0) allInput = false;
                if (first && b.from() == 0) prefix[g] = b;
                else {
                    rest.get(g).add(b);
                    if (b.from() == 0) needIn = true;
                }
                first = false;
            }
            constGroup[g] = allInput && g != out;
        }
        for (Block b : net.weights().blocks()) if (b.from() > 0) outgoing.get(b.from()).add(b);
        needInputs = needIn;

        x0 = needInputs ? new double[cap * nIn] : null;
        y = new double[cap * nOut];
        pre = new double[groups][];
        aConst = new double[groups][];
        dConst = new double[groups][];
        a = new double[groups][];
        e = new double[groups][];
        d = new double[groups][];
        for (int g = 1; g < groups; g++) {
            int sz = cap * n[g];
            a[g] = new double[sz];
            e[g] = new double[sz];
            d[g] = new double[sz];
            if (constGroup[g]) {
                aConst[g] = new double[sz];
                dConst[g] = new double[sz];
            } else {
                pre[g] = new double[sz];
            }
        }
        vsum = new double[cap];
    }

    @Override
    public int dimension() { return hidden; }

    /** Loads samples row0 … row0+rows−1 and pre-sums the constant parts of the pre-activations. */
    void load(double[] inputs, double[] targets, int row0, int rows) {
        double[] in = BulkLoss.copyRows(inputs, row0, rows, nIn);
        if (needInputs) System.arraycopy(in, 0, x0, 0, in.length);
        System.arraycopy(targets, row0 * nOut, y, 0, rows * nOut);
        for (int g = 1; g < groups; g++) {
            // same operations, in the same order, as ForwardPass.preActivation
            double[] z = constGroup[g] ? aConst[g] : pre[g];
            int ng = n[g];
            for (int s = 0; s < rows; s++) System.arraycopy(biasRows[g], 0, z, s * ng, ng);
            if (prefix[g] != null) la.gemm(false, true, rows, ng, nIn, 1.0, in, prefix[g].w(), 1.0, z);
            if (constGroup[g]) {
                act[g].applyInPlace(z, 0, rows * ng);
                double[] dc = dConst[g];
                for (int i = 0; i < rows * ng; i++) dc[i] = act[g].dfFromValue(z[i]);
            }
        }
    }

    /** The forward-pass hidden states of the loaded rows into {@code x} (rows × dimension): the start of (S4). */
    void forwardStates(int rows, double[] x) {
        for (int g = 1; g < out; g++) {
            int ng = n[g], off = hOff[g];
            double[] ag = activate(g, x, rows);
            for (int s = 0; s < rows; s++) System.arraycopy(ag, s * ng, x, s * hidden + off, ng);
        }
    }

    /** f(Z_g) for the rows at hidden states x; returns the array holding it (rows × n_g). */
    private double[] activate(int g, double[] x, int rows) {
        if (constGroup[g]) return aConst[g];
        int ng = n[g];
        double[] z = a[g];
        System.arraycopy(pre[g], 0, z, 0, rows * ng);
        for (Block b : rest.get(g)) {
            int nf = n[b.from()];
            if (b.from() == 0) la.gemm(false, true, rows, ng, nf, 1.0, x0, 0, nIn, b.w(), 0, nf, 1.0, z, 0, ng);
            else la.gemm(false, true, rows, ng, nf, 1.0, x, hOff[b.from()], hidden, b.w(), 0, nf, 1.0, z, 0, ng);
        }
        act[g].applyInPlace(z, 0, rows * ng);
        return z;
    }

    @Override
    public void evaluate(int rows, double[] x, double[] values, double[] gradient) {
        Arrays.fill(values, 0, rows, 0.0);
        boolean withV = !pot.isNone();
        if (withV) Arrays.fill(vsum, 0, rows, 0.0);
        for (int g = 1; g < groups; g++) {
            int ng = n[g];
            double[] ag = activate(g, x, rows);
            double[] eg = e[g], dg = d[g];
            double[] dc = constGroup[g] ? dConst[g] : null;
            Activation fa = act[g];
            if (dc == null) {
                for (int i = 0; i < rows * ng; i++) dg[i] = fa.dfFromValue(ag[i]);
                dc = dg;
            }
            // the state of group g: the hidden variables, or the clamped targets for the output group
            double[] xs = g == out ? y : x;
            int ld = g == out ? nOut : hidden, off = g == out ? 0 : hOff[g];
            for (int s = 0; s < rows; s++) {
                double acc = values[s];
                int base = s * ng, xb = s * ld + off - base;
                for (int j = base; j < base + ng; j++) {
                    double r = xs[xb + j] - ag[j];
                    eg[j] = r;
                    dg[j] = r * dc[j];
                    acc += r * r;
                }
                values[s] = acc;
                if (withV) {
                    double v = 0;
                    for (int j = base; j < base + ng; j++) v += pot.value(xs[xb + j]);
                    vsum[s] += v;
                }
            }
        }
        for (int s = 0; s < rows; s++) values[s] = withV ? 0.5 * values[s] + vsum[s] : 0.5 * values[s];
        if (gradient == null) return;
        for (int g = 1; g < out; g++) {
            int ng = n[g], off = hOff[g];
            double[] eg = e[g];
            for (int s = 0; s < rows; s++) {
                int gb = s * hidden + off, eb = s * ng;
                if (withV) {
                    for (int j = 0; j < ng; j++) gradient[gb + j] = eg[eb + j] + pot.derivative(x[gb + j]);
                } else {
                    System.arraycopy(eg, eb, gradient, gb, ng);
                }
            }
            for (Block b : outgoing.get(g)) {
                int nt = n[b.to()];
                la.gemm(false, false, rows, ng, nt, -1.0, d[b.to()], 0, nt, b.w(), 0, ng, 1.0, gradient, off, hidden);
            }
        }
    }

    /** Whether {@link #gaussNewtonDirection} applies: (S4) without a potential (B is then a sum of squares). */
    @Override
    public boolean hasGaussNewton() { return pot.isNone() && hidden > 0; }

    /**
     * The Gauss–Newton direction δ at the point of the last {@link #evaluate} call (which must have been made
     * with a gradient, for the same {@code rows}), for every row: the minimiser of the linearised residuals
     * ½|E_h + Lδ|² + ½|E_out + Cδ|², where L = ∂E_h/∂h = I − F′_h ŵ_hh is unit lower block-triangular (hidden
     * groups in order) and C = ∂E_out/∂h = −F′_out ŵ_out,h has only n_out rows. With u = Lδ and M = C L⁻¹
     * (n_out × hidden per sample) this is the ridge problem (I + MᵀM) u = −(E_h + Mᵀ E_out), solved by Woodbury
     * with the n_out × n_out matrix I + MMᵀ (Cholesky); then δ = L⁻¹u by forward substitution (a linearised
     * forward pass). Mᵀ = L⁻ᵀCᵀ is one backward substitution (a back-propagation of n_out vectors per sample),
     * one gemm per block for all rows. G = JᵀJ is positive definite, so −∇Bᵀδ = ∇Bᵀ G⁻¹ ∇B &gt; 0: δ descends.
     */
    @Override
    public void gaussNewtonDirection(int rows, double[] dir) {
        if (!hasGaussNewton()) throw new IllegalStateException("Gauss-Newton needs (S4) without a potential");
        if (mRows == null) allocateGaussNewton();
        // f′(Z_g) at the evaluated point: constant groups keep it, the others have f(Z) in a[g]
        for (int g = 1; g < groups; g++) {
            if (constGroup[g]) continue;
            double[] ag = a[g], fg = fp[g];
            for (int i = 0; i < rows * n[g]; i++) fg[i] = act[g].dfFromValue(ag[i]);
        }
        // M and the solve block by block: a block's M (GN_BLOCK · n_out × hidden) stays in cache from the gemm that
        // forms it to the last product that reads it (for a whole chunk M is 16 MB and every pass went to memory)
        for (int b0 = 0; b0 < rows; b0 += GN_BLOCK) {
            int nb = Math.min(GN_BLOCK, rows - b0);
            formM(b0, nb);
            for (int s = 0; s < nb; s++) solveRow(b0, s, dir);
        }
        // forward substitution δ_g = u_g + f′_g ⊙ Σ_k δ_k ŵ_gkᵀ over hidden sources k
        for (int g = 1; g < out; g++) {
            List<Block> in = incoming(g);
            if (in.isEmpty()) continue;
            int ng = n[g], off = hOff[g];
            double[] acc = scaled, fg = fpOf(g);
            boolean first = true;
            for (Block b : in) {
                int nk = n[b.from()];
                la.gemm(false, true, rows, ng, nk, 1.0, dir, hOff[b.from()], hidden, b.w(), 0, nk, first ? 0.0 : 1.0, acc, 0, ng);
                first = false;
            }
            for (int s = 0; s < rows; s++) {
                int db = s * hidden + off, fb = s * ng;
                for (int k = 0; k < ng; k++) dir[db + k] += fg[fb + k] * acc[fb + k];
            }
        }
    }

    /** Samples whose M is formed and used together (M of a block: GN_BLOCK · n_out · hidden doubles, 0.5 MB for 784-100-100-10). */
    static final int GN_BLOCK = 32;

    /**
     * Row s of the block starting at chunk row b0: the Cholesky factor of I + M_sM_sᵀ, then q = −(E_h + M_sᵀ E_out) and
     * u = q − M_sᵀ (I + M_sM_sᵀ)⁻¹ M_s q into dir (row b0 + s).
     */
    private void solveRow(int b0, int s, double[] dir) {
        int row = b0 + s, cb = 0;
        gram(s, fp[out], row * nOut, chol, cb);
        cholesky(chol, cb, nOut);
        int db = row * hidden;
        double[] eOut = e[out];
        for (int g = 1; g < out; g++) System.arraycopy(e[g], row * n[g], dir, db + hOff[g], n[g]);
        for (int j = 0; j < nOut; j++) rowAxpy(eOut[row * nOut + j], s * nOut + j, dir, db);
        for (int k = db; k < db + hidden; k++) dir[k] = -dir[k];
        for (int i = 0; i < nOut; i++) mq[i] = rowDot(s * nOut + i, dir, db);
        cholSolve(chol, cb, mq, nOut);
        for (int j = 0; j < nOut; j++) rowAxpy(-mq[j], s * nOut + j, dir, db);
    }

    /**
     * M = C L⁻¹ for chunk rows b0 … b0+nb−1 (its rows, per hidden group, block-local) at the point of the last
     * evaluation (f′ already in {@link #fp}). Kept factorisations from earlier points make a poor direction
     * (hundreds of steps instead of ~11 on a trained 784-100-100-10), so it is refreshed at every direction.
     */
    private void formM(int b0, int nb) {
        int r = nb * nOut, o0 = b0 * nOut;
        double[] fOut = fp[out];
        // rows (s, j) of Cᵀ: −f′_out[s, j] ŵ_out,h[j, ·] per hidden group h
        for (int g = 1; g < out; g++) Arrays.fill(mRows[g], 0, r * n[g], 0.0);
        for (Block b : incoming(out)) {
            int h = b.from(), nh = n[h];
            double[] t = mRows[h], w = b.w();
            for (int i = 0; i < r; i++) {
                double c = -fOut[o0 + i];
                int tb = i * nh, wb = (i % nOut) * nh;
                for (int k = 0; k < nh; k++) t[tb + k] += c * w[wb + k];
            }
        }
        // backward substitution Lᵀ t = Cᵀ: t_k += ŵ_gkᵀ (f′_g ⊙ t_g), groups in reverse order
        for (int g = out - 1; g >= 1; g--) {
            List<Block> in = incoming(g);
            if (in.isEmpty()) continue;
            int ng = n[g];
            double[] t = mRows[g], fg = fpOf(g), u = scaled;
            for (int i = 0; i < r; i++) {
                int tb = i * ng, fb = (b0 + i / nOut) * ng;
                for (int k = 0; k < ng; k++) u[tb + k] = fg[fb + k] * t[tb + k];
            }
            for (Block b : in) {
                int nk = n[b.from()];
                la.gemm(false, false, r, nk, ng, 1.0, u, 0, ng, b.w(), 0, nk, 1.0, mRows[b.from()], 0, nk);
            }
        }
    }

    // Gauss–Newton scratch, allocated on first use
    private double[][] fp;      // f′(Z_g) for non-constant groups
    private double[][] mRows;   // hidden g: (block rows·n_out) × n_g, the rows of M = C L⁻¹ restricted to group g
    private double[] scaled, chol, mq; // chol: the Cholesky factor of I + M_sM_sᵀ of the current row (n_out × n_out)
    private List<List<Block>> hiddenIncoming;
    /**
     * Hidden groups whose blocks all go to the output ("terminal"): there M_g = C_g = −F′_out ŵ_out,g exactly (nothing
     * is back-substituted into them), so their part of M Mᵀ is F′_out K F′_out with the constant K = Σ ŵ_out,g ŵ_out,gᵀ.
     */
    private boolean[] terminal;
    private double[] outGram; // K (n_out × n_out, full), null when no group is terminal

    private void allocateGaussNewton() {
        int cap = y.length / nOut;
        fp = new double[groups][];
        mRows = new double[groups][];
        int widest = 0;
        for (int g = 1; g < groups; g++) {
            if (!constGroup[g]) fp[g] = new double[cap * n[g]];
            if (g < out) mRows[g] = new double[Math.min(cap, GN_BLOCK) * nOut * n[g]];
            widest = Math.max(widest, n[g]);
        }
        scaled = new double[Math.max(cap, Math.min(cap, GN_BLOCK) * nOut) * widest];
        chol = new double[nOut * nOut];
        mq = new double[nOut];
        hiddenIncoming = new ArrayList<>();
        for (int g = 0; g < groups; g++) hiddenIncoming.add(new ArrayList<>());
        for (int g = 1; g < out; g++) for (Block b : outgoing.get(g)) hiddenIncoming.get(b.to()).add(b);
        terminal = new boolean[groups];
        for (int g = 1; g < out; g++) {
            boolean onlyOut = true;
            for (Block b : outgoing.get(g)) onlyOut &= b.to() == out;
            if (!onlyOut) continue;
            terminal[g] = true;
            int ng = n[g];
            double[] w = new double[nOut * ng]; // ŵ_out,g (the sum of its blocks)
            for (Block b : outgoing.get(g)) for (int i = 0; i < w.length; i++) w[i] += b.w()[i];
            if (outGram == null) outGram = new double[nOut * nOut];
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nOut; j++) outGram[i * nOut + j] += BatchedLbfgs.dot(w, i * ng, w, j * ng, ng);
            }
        }
    }

    /** Blocks into group g from hidden groups. */
    private List<Block> incoming(int g) { return hiddenIncoming.get(g); }

    private double[] fpOf(int g) { return constGroup[g] ? dConst[g] : fp[g]; }

    /** Σ_g M row i (group g part) · v[vo + hOff[g] …]. */
    private double rowDot(int i, double[] v, int vo) {
        double acc = 0;
        for (int g = 1; g < out; g++) {
            int ng = n[g];
            acc += BatchedLbfgs.dot(mRows[g], i * ng, v, vo + hOff[g], ng);
        }
        return acc;
    }

    /** v[vo + …] += c · (M row i). */
    private void rowAxpy(double c, int i, double[] v, int vo) {
        for (int g = 1; g < out; g++) {
            int ng = n[g], mb = i * ng, vb = vo + hOff[g];
            double[] t = mRows[g];
            for (int k = 0; k < ng; k++) v[vb + k] += c * t[mb + k];
        }
    }

    /**
     * The lower triangle of I + M_s M_sᵀ for row s into c[cb …] (n_out × n_out): F′_out K F′_out for the terminal
     * groups (f′_out of the row at fOut[fb …]), and the dot products of the rows of M_s (row s of the block) for the other groups.
     */
    private void gram(int s, double[] fOut, int fb, double[] c, int cb) {
        int k = nOut;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double v = i == j ? 1 : 0;
                if (outGram != null) v += fOut[fb + i] * fOut[fb + j] * outGram[i * k + j];
                c[cb + i * k + j] = v;
            }
        }
        for (int g = 1; g < out; g++) {
            if (!terminal[g]) lowerGram(mRows[g], s * k * n[g], n[g], k, c, cb);
        }
    }

    /**
     * c[cb + i·k + j] += (row i) · (row j) for j ≤ i &lt; k of the k × len matrix at t[rb …]: 2 × 2 tiles of rows,
     * four dot products per pass.
     */
    static void lowerGram(double[] t, int rb, int len, int k, double[] c, int cb) {
        for (int i = 0; i < k; i += 2) {
            int i1 = Math.min(i + 1, k - 1), ri = rb + i * len, ri1 = rb + i1 * len;
            for (int j = 0; j <= i; j += 2) {
                int j1 = Math.min(j + 1, k - 1), rj = rb + j * len, rj1 = rb + j1 * len;
                double s00 = 0, s01 = 0, s10 = 0, s11 = 0;
                for (int p = 0; p < len; p++) {
                    double a0 = t[ri + p], a1 = t[ri1 + p], b0 = t[rj + p], b1 = t[rj1 + p];
                    s00 += a0 * b0;
                    s01 += a0 * b1;
                    s10 += a1 * b0;
                    s11 += a1 * b1;
                }
                c[cb + i * k + j] += s00;
                if (j1 > j && j1 <= i) c[cb + i * k + j1] += s01;
                if (i1 > i) {
                    c[cb + i1 * k + j] += s10;
                    if (j1 > j) c[cb + i1 * k + j1] += s11;
                }
            }
        }
    }

    /** In-place Cholesky factor L (lower triangle) of the k × k matrix at c[cb …] (lower triangle given). */
    private static void cholesky(double[] m, int cb, int k) {
        for (int j = 0; j < k; j++) {
            double d = m[cb + j * k + j];
            for (int p = 0; p < j; p++) d -= m[cb + j * k + p] * m[cb + j * k + p];
            d = Math.sqrt(d);
            m[cb + j * k + j] = d;
            for (int i = j + 1; i < k; i++) {
                double v = m[cb + i * k + j];
                for (int p = 0; p < j; p++) v -= m[cb + i * k + p] * m[cb + j * k + p];
                m[cb + i * k + j] = v / d;
            }
        }
    }

    /** Solves L Lᵀ z = b in place (b ← z) with the Cholesky factor at m[cb …]. */
    private static void cholSolve(double[] m, int cb, double[] b, int k) {
        for (int i = 0; i < k; i++) {
            double v = b[i];
            for (int p = 0; p < i; p++) v -= m[cb + i * k + p] * b[p];
            b[i] = v / m[cb + i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double v = b[i];
            for (int p = i + 1; p < k; p++) v -= m[cb + p * k + i] * b[p];
            b[i] = v / m[cb + i * k + i];
        }
    }

    @Override
    public void moveRow(int from, int to) {
        if (needInputs) System.arraycopy(x0, from * nIn, x0, to * nIn, nIn);
        System.arraycopy(y, from * nOut, y, to * nOut, nOut);
        for (int g = 1; g < groups; g++) {
            int ng = n[g];
            if (constGroup[g]) {
                System.arraycopy(aConst[g], from * ng, aConst[g], to * ng, ng);
                System.arraycopy(dConst[g], from * ng, dConst[g], to * ng, ng);
            } else {
                System.arraycopy(pre[g], from * ng, pre[g], to * ng, ng);
            }
        }
    }
}
