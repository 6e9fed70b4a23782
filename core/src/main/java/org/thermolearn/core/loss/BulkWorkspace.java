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
 * The per-chunk state of {@link BulkLoss}: all matrices are row-major with one row per sample, one array per
 * neuron group, so that every block product is one gemm. Rows of finished samples are compacted away so that
 * the remaining iterations only touch active samples.
 */
final class BulkWorkspace {

    private static final double C1 = 1e-4;
    /** Relative size of the rounding error of a computed B, used only for the round-off acceptance test. */
    private static final double ROUNDOFF = 8 * Math.ulp(1.0);
    private static final double EPS = Math.ulp(1.0);
    private static final byte ACTIVE = 0, DONE = 1;

    private final Linalg la;
    private final Potential pot;
    private final int cap, m, groups, out, nIn, hiddenTotal;
    private final int[] n;             // group sizes
    private final int[] hOff;          // offset of hidden group g inside a sample's hidden vector
    private final Activation[] act;
    private final boolean[] constGroup; // all incoming blocks from the input group
    private final Block[] prefix;       // first block into g when it comes from the input group (pre-summed), or null
    private final List<List<Block>> rest;     // blocks into g evaluated every time, in weight-list order
    private final List<List<Block>> outgoing; // blocks from hidden group g
    private final boolean needInputs;
    private final double[][] biasRows;  // b restricted to group g

    // per-row data
    private final double[] x0;                // inputs (only when a non-prefix block reads them)
    private final double[][] x, xt;      // x[g]: hidden current / trial; x[out] = targets
    private final double[][] pre;        // non-constant g: bias (+ input block) pre-summed
    private final double[][] aConst, dConst; // constant g: f(Z), f′(Z)
    private final double[][] a, e, d;    // scratch: f(Z), E, E ⊙ f′(Z)
    private final double[][] grad, gradT, dir;
    private final double[][][] sHist, yHist;
    private final double[] rho, f, f0, ft, alpha, gtd, gInf, gInfT, dInf, alphaTmp;
    private final double[] vsum;
    private final int[] hCount, hHead, evals, orig;
    private final byte[] state;
    private int nb;

    BulkWorkspace(Network net, Linalg la, int cap, int memory, Potential pot) {
        this.la = la;
        this.pot = pot;
        this.cap = cap;
        this.m = memory;
        NeuronLayout l = net.layout();
        groups = l.groupCount();
        out = l.outputGroup();
        nIn = l.nIn();
        n = l.sizes();
        hOff = new int[groups];
        int h = 0;
        for (int g = 1; g < out; g++) {
            hOff[g] = h;
            h += n[g];
        }
        hiddenTotal = h;
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
        x = new double[groups][];
        xt = new double[groups][];
        pre = new double[groups][];
        aConst = new double[groups][];
        dConst = new double[groups][];
        a = new double[groups][];
        e = new double[groups][];
        d = new double[groups][];
        grad = new double[groups][];
        gradT = new double[groups][];
        dir = new double[groups][];
        sHist = new double[m][groups][];
        yHist = new double[m][groups][];
        for (int g = 1; g < groups; g++) {
            int sz = cap * n[g];
            x[g] = new double[sz];
            a[g] = new double[sz];
            e[g] = new double[sz];
            d[g] = new double[sz];
            if (constGroup[g]) {
                aConst[g] = new double[sz];
                dConst[g] = new double[sz];
            } else {
                pre[g] = new double[sz];
            }
            if (g < out) {
                xt[g] = new double[sz];
                grad[g] = new double[sz];
                gradT[g] = new double[sz];
                dir[g] = new double[sz];
                for (int k = 0; k < m; k++) {
                    sHist[k][g] = new double[sz];
                    yHist[k][g] = new double[sz];
                }
            }
        }
        xt[out] = x[out];
        rho = new double[cap * m];
        f = new double[cap];
        f0 = new double[cap];
        ft = new double[cap];
        alpha = new double[cap];
        gtd = new double[cap];
        gInf = new double[cap];
        gInfT = new double[cap];
        dInf = new double[cap];
        alphaTmp = new double[m];
        vsum = new double[cap];
        hCount = new int[cap];
        hHead = new int[cap];
        evals = new int[cap];
        orig = new int[cap];
        state = new byte[cap];
    }

    /** Loads samples row0 … row0+rows−1 and pre-sums the constant parts of the pre-activations. */
    void load(double[] inputs, double[] targets, int row0, int rows) {
        nb = rows;
        double[] in = BulkLoss.copyRows(inputs, row0, rows, nIn);
        if (needInputs) System.arraycopy(in, 0, x0, 0, in.length);
        System.arraycopy(targets, row0 * n[out], x[out], 0, rows * n[out]);
        for (int g = 1; g < groups; g++) {
            // same operations, in the same order, as ForwardPass.preActivation
            double[] z = constGroup[g] ? aConst[g] : pre[g];
            int ng = n[g];
            // bias rows
            for (int s = 0; s < rows; s++) System.arraycopy(biasOf(g), 0, z, s * ng, ng);
            if (prefix[g] != null) la.gemm(false, true, rows, ng, nIn, 1.0, in, prefix[g].w(), 1.0, z);
            if (constGroup[g]) {
                act[g].applyInPlace(z, 0, rows * ng);
                double[] dc = dConst[g];
                for (int i = 0; i < rows * ng; i++) dc[i] = act[g].dfFromValue(z[i]);
            }
        }
        for (int s = 0; s < rows; s++) orig[s] = row0 + s;
    }

    private double[] biasOf(int g) { return biasRows[g]; }

    /** f(Z_g) into a[g] (constant groups: aConst) for the hidden states xs; returns the array holding f(Z_g). */
    private double[] activate(int g, double[][] xs) {
        if (constGroup[g]) return aConst[g];
        int ng = n[g];
        double[] z = a[g];
        System.arraycopy(pre[g], 0, z, 0, nb * ng);
        for (Block b : rest.get(g)) {
            double[] src = b.from() == 0 ? x0 : xs[b.from()];
            la.gemm(false, true, nb, ng, n[b.from()], 1.0, src, b.w(), 1.0, z);
        }
        act[g].applyInPlace(z, 0, nb * ng);
        return z;
    }

    /** Hidden states := forward activations, then evaluate there (the start value, (S3) + V). */
    void startAtForwardPass() {
        for (int g = 1; g < out; g++) {
            double[] ag = activate(g, x);
            System.arraycopy(ag, 0, x[g], 0, nb * n[g]);
        }
        evaluate(x, f, grad, gInf);
    }

    /**
     * B and ∂B/∂h for the first nb rows at hidden states xs (xs[out] = targets).
     */
    private void evaluate(double[][] xs, double[] fOut, double[][] gOut, double[] gInfOut) {
        Arrays.fill(fOut, 0, nb, 0.0);
        boolean withV = !pot.isNone();
        if (withV) Arrays.fill(vsum, 0, nb, 0.0);
        for (int g = 1; g < groups; g++) {
            int ng = n[g];
            double[] ag = activate(g, xs);
            double[] xg = xs[g], eg = e[g], dg = d[g];
            double[] dc = constGroup[g] ? dConst[g] : null;
            Activation fa = act[g];
            if (dc == null) {
                for (int i = 0; i < nb * ng; i++) dg[i] = fa.dfFromValue(ag[i]);
                dc = dg;
            }
            for (int s = 0; s < nb; s++) {
                double acc = fOut[s];
                int base = s * ng;
                for (int j = base; j < base + ng; j++) {
                    double r = xg[j] - ag[j];
                    eg[j] = r;
                    dg[j] = r * dc[j];
                    acc += r * r;
                }
                fOut[s] = acc;
                if (withV) {
                    double v = 0;
                    for (int j = base; j < base + ng; j++) v += pot.value(xg[j]);
                    vsum[s] += v;
                }
            }
        }
        for (int s = 0; s < nb; s++) fOut[s] = withV ? 0.5 * fOut[s] + vsum[s] : 0.5 * fOut[s];
        if (gOut == null) return;
        for (int g = 1; g < out; g++) {
            int ng = n[g];
            double[] gg = gOut[g], eg = e[g], xg = xs[g];
            if (withV) {
                for (int i = 0; i < nb * ng; i++) gg[i] = eg[i] + pot.derivative(xg[i]);
            } else {
                System.arraycopy(eg, 0, gg, 0, nb * ng);
            }
            for (Block b : outgoing.get(g)) {
                la.gemm(false, false, nb, ng, n[b.to()], -1.0, d[b.to()], b.w(), 1.0, gg);
            }
        }
        if (gInfOut != null) {
            for (int s = 0; s < nb; s++) gInfOut[s] = infNorm(gOut, s);
        }
    }

    /** Objective and gradient at given hidden states (samples × hiddenTotal) for the loaded rows. */
    void evaluateAt(double[] hidden, int row0, int rows, double[] values, double[] gradient) {
        for (int g = 1; g < out; g++) {
            int ng = n[g];
            for (int s = 0; s < rows; s++) {
                System.arraycopy(hidden, (row0 + s) * hiddenTotal + hOff[g], x[g], s * ng, ng);
            }
        }
        evaluate(x, f, grad, null);
        System.arraycopy(f, 0, values, row0, rows);
        if (gradient != null) {
            for (int g = 1; g < out; g++) {
                int ng = n[g];
                for (int s = 0; s < rows; s++) {
                    System.arraycopy(grad[g], s * ng, gradient, (row0 + s) * hiddenTotal + hOff[g], ng);
                }
            }
        }
    }

    /**
     * Runs the vectorised per-sample L-BFGS on the loaded chunk (after {@link #startAtForwardPass()}) and writes
     * the results at the samples' global indices. counters[0] += cap hits, counters[1] += stalls.
     */
    void minimise(int row0, double gtol, int maxEval, double[] per, double[] start, double[] gInfOut, int[] evalsOut,
                  double[] hidden, int[] counters) {
        int active = 0;
        for (int s = 0; s < nb; s++) {
            start[orig[s]] = f[s];
            f0[s] = f[s];
            evals[s] = 1;
            hCount[s] = 0;
            hHead[s] = 0;
            state[s] = ACTIVE;
            if (gInf[s] <= gtol) {
                finish(s, per, gInfOut, evalsOut, hidden);
            } else if (evals[s] >= maxEval) {
                finish(s, per, gInfOut, evalsOut, hidden);
                counters[0]++;
            } else {
                steepest(s);
                active++;
            }
        }
        int done = nb - active;
        while (active > 0) {
            if (done > 0 && done * 8 >= nb) {
                compact();
                done = 0;
            }
            // trial points
            for (int g = 1; g < out; g++) {
                int ng = n[g];
                double[] xg = x[g], tg = xt[g], dg = dir[g];
                for (int s = 0; s < nb; s++) {
                    int base = s * ng;
                    double al = state[s] == ACTIVE ? alpha[s] : 0.0;
                    for (int j = base; j < base + ng; j++) tg[j] = xg[j] + al * dg[j];
                }
            }
            evaluate(xt, ft, gradT, gInfT);
            for (int s = 0; s < nb; s++) {
                if (state[s] != ACTIVE) continue;
                evals[s]++;
                double fn = ft[s], fo = f[s];
                // Armijo on the computed B; or, in the round-off regime where B cannot resolve the decrease
                // (near a minimum the decrease, ~|∇|², is below the rounding of B), Armijo on the trapezoidal
                // estimate ΔB ≈ ½ α (∇Bᵀd + ∇B(x+αd)ᵀd), which is exact for quadratics and built from
                // gradients, whose rounding is far smaller. Never above the start value, so P6 holds exactly.
                boolean accept = false;
                if (Double.isFinite(fn) && fn <= f0[s]) {
                    if (fn <= fo + C1 * alpha[s] * gtd[s]) {
                        accept = true;
                    } else if (Math.abs(fn - fo) <= ROUNDOFF * Math.abs(fo)) {
                        double est = 0.5 * alpha[s] * (gtd[s] + dot(gradT, dir, s));
                        accept = est <= C1 * alpha[s] * gtd[s];
                    }
                }
                if (accept) {
                    acceptTrial(s);
                    if (gInf[s] <= gtol) {
                        finish(s, per, gInfOut, evalsOut, hidden);
                    } else if (evals[s] >= maxEval) {
                        finish(s, per, gInfOut, evalsOut, hidden);
                        counters[0]++;
                    } else {
                        lbfgsDirection(s);
                        continue;
                    }
                    active--;
                    done++;
                    continue;
                }
                if (evals[s] >= maxEval) {
                    finish(s, per, gInfOut, evalsOut, hidden);
                    counters[0]++;
                    active--;
                    done++;
                    continue;
                }
                double al = alpha[s];
                double next;
                if (Double.isFinite(fn)) {
                    double denom = 2 * (fn - fo - gtd[s] * al);
                    next = denom > 0 ? -gtd[s] * al * al / denom : 0.5 * al;
                    if (!(next >= 0.1 * al)) next = 0.1 * al;
                    if (next > 0.5 * al) next = 0.5 * al;
                } else {
                    next = 0.1 * al;
                }
                if (next * dInf[s] <= 4 * EPS * (1 + xInf(s))) {
                    if (hCount[s] > 0) {
                        steepest(s); // the quasi-Newton direction failed: restart from steepest descent
                    } else {
                        finish(s, per, gInfOut, evalsOut, hidden);
                        counters[1]++;
                        active--;
                        done++;
                    }
                } else {
                    alpha[s] = next;
                }
            }
        }
    }

    private void steepest(int s) {
        hCount[s] = 0;
        hHead[s] = 0;
        double gg = 0, di = 0;
        for (int g = 1; g < out; g++) {
            int ng = n[g], base = s * ng;
            double[] gr = grad[g], dg = dir[g];
            for (int j = base; j < base + ng; j++) {
                dg[j] = -gr[j];
                gg += gr[j] * gr[j];
                di = Math.max(di, Math.abs(gr[j]));
            }
        }
        gtd[s] = -gg;
        dInf[s] = di;
        alpha[s] = 1.0;
    }

    /** x ← trial, ∇ ← trial gradient, and store the correction pair if it has positive curvature. */
    private void acceptTrial(int s) {
        int slot = hCount[s] < m ? (hHead[s] + hCount[s]) % m : hHead[s];
        // curvature first: when the history is full the slot is the oldest stored pair, which must stay intact
        // if this pair is rejected
        double sy = 0, yy = 0;
        for (int g = 1; g < out; g++) {
            int ng = n[g], base = s * ng;
            double[] xg = x[g], tg = xt[g], gr = grad[g], gt = gradT[g];
            for (int j = base; j < base + ng; j++) {
                double sv = tg[j] - xg[j], yv = gt[j] - gr[j];
                sy += sv * yv;
                yy += yv * yv;
            }
        }
        boolean keep = sy > EPS * yy && yy > 0;
        for (int g = 1; g < out; g++) {
            int ng = n[g], base = s * ng;
            double[] xg = x[g], tg = xt[g], gr = grad[g], gt = gradT[g], sh = sHist[slot][g], yh = yHist[slot][g];
            for (int j = base; j < base + ng; j++) {
                if (keep) {
                    sh[j] = tg[j] - xg[j];
                    yh[j] = gt[j] - gr[j];
                }
                xg[j] = tg[j];
                gr[j] = gt[j];
            }
        }
        f[s] = ft[s];
        gInf[s] = gInfT[s];
        if (keep) {
            rho[s * m + slot] = 1.0 / sy;
            if (hCount[s] < m) hCount[s]++;
            else hHead[s] = (hHead[s] + 1) % m;
        }
    }

    /** d = −H∇ by the two-loop recursion over this sample's own history; falls back to −∇ if not a descent direction. */
    private void lbfgsDirection(int s) {
        int k = hCount[s];
        if (k == 0) {
            steepest(s);
            return;
        }
        for (int g = 1; g < out; g++) {
            int ng = n[g], base = s * ng;
            System.arraycopy(grad[g], base, dir[g], base, ng);
        }
        for (int i = k - 1; i >= 0; i--) {
            int slot = (hHead[s] + i) % m;
            double ai = rho[s * m + slot] * dot(sHist[slot], dir, s);
            alphaTmp[i] = ai;
            axpy(-ai, yHist[slot], dir, s);
        }
        int newest = (hHead[s] + k - 1) % m;
        double gamma = 1.0 / (rho[s * m + newest] * dot(yHist[newest], yHist[newest], s));
        scale(gamma, dir, s);
        for (int i = 0; i < k; i++) {
            int slot = (hHead[s] + i) % m;
            double bi = rho[s * m + slot] * dot(yHist[slot], dir, s);
            axpy(alphaTmp[i] - bi, sHist[slot], dir, s);
        }
        double gd = 0, di = 0;
        for (int g = 1; g < out; g++) {
            int ng = n[g], base = s * ng;
            double[] dg = dir[g], gr = grad[g];
            for (int j = base; j < base + ng; j++) {
                dg[j] = -dg[j];
                gd += gr[j] * dg[j];
                di = Math.max(di, Math.abs(dg[j]));
            }
        }
        if (!(gd < 0) || !Double.isFinite(di)) {
            steepest(s);
            return;
        }
        gtd[s] = gd;
        dInf[s] = di;
        alpha[s] = 1.0;
    }

    private void finish(int s, double[] per, double[] gInfOut, int[] evalsOut, double[] hidden) {
        int o = orig[s];
        per[o] = f[s];
        gInfOut[o] = gInf[s];
        evalsOut[o] = evals[s];
        if (hidden != null) {
            for (int g = 1; g < out; g++) {
                int ng = n[g];
                System.arraycopy(x[g], s * ng, hidden, o * hiddenTotal + hOff[g], ng);
            }
        }
        state[s] = DONE;
    }

    /** Moves the rows of active samples to the front. */
    private void compact() {
        int t = 0;
        for (int s = 0; s < nb; s++) {
            if (state[s] != ACTIVE) continue;
            if (t != s) moveRow(s, t);
            t++;
        }
        nb = t;
    }

    private void moveRow(int from, int to) {
        if (needInputs) System.arraycopy(x0, from * nIn, x0, to * nIn, nIn);
        for (int g = 1; g < groups; g++) {
            int ng = n[g];
            mv(x[g], ng, from, to);
            if (constGroup[g]) {
                mv(aConst[g], ng, from, to);
                mv(dConst[g], ng, from, to);
            } else {
                mv(pre[g], ng, from, to);
            }
            if (g < out) {
                mv(grad[g], ng, from, to);
                mv(dir[g], ng, from, to);
                for (int k = 0; k < m; k++) {
                    mv(sHist[k][g], ng, from, to);
                    mv(yHist[k][g], ng, from, to);
                }
            }
        }
        System.arraycopy(rho, from * m, rho, to * m, m);
        f[to] = f[from];
        f0[to] = f0[from];
        alpha[to] = alpha[from];
        gtd[to] = gtd[from];
        gInf[to] = gInf[from];
        dInf[to] = dInf[from];
        hCount[to] = hCount[from];
        hHead[to] = hHead[from];
        evals[to] = evals[from];
        orig[to] = orig[from];
        state[to] = state[from];
    }

    private static void mv(double[] arr, int w, int from, int to) {
        System.arraycopy(arr, from * w, arr, to * w, w);
    }

    private double dot(double[][] u, double[][] v, int s) {
        double acc = 0;
        for (int g = 1; g < out; g++) {
            int ng = n[g], base = s * ng;
            double[] ug = u[g], vg = v[g];
            for (int j = base; j < base + ng; j++) acc += ug[j] * vg[j];
        }
        return acc;
    }

    private void axpy(double c, double[][] u, double[][] v, int s) {
        for (int g = 1; g < out; g++) {
            int ng = n[g], base = s * ng;
            double[] ug = u[g], vg = v[g];
            for (int j = base; j < base + ng; j++) vg[j] += c * ug[j];
        }
    }

    private void scale(double c, double[][] v, int s) {
        for (int g = 1; g < out; g++) {
            int ng = n[g], base = s * ng;
            double[] vg = v[g];
            for (int j = base; j < base + ng; j++) vg[j] *= c;
        }
    }

    private double infNorm(double[][] v, int s) {
        double mx = 0;
        for (int g = 1; g < out; g++) {
            int ng = n[g], base = s * ng;
            double[] vg = v[g];
            for (int j = base; j < base + ng; j++) mx = Math.max(mx, Math.abs(vg[j]));
        }
        return mx;
    }

    private double xInf(int s) {
        return infNorm(x, s);
    }
}
