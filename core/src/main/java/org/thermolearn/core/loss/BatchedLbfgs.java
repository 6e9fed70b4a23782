package org.thermolearn.core.loss;

import java.util.Arrays;

/**
 * Per-row L-BFGS over a {@link RowObjective}, vectorised across the rows: every iteration makes exactly one
 * objective-and-gradient evaluation for all active rows, each at its own trial point x + α d (the method of
 * {@link BulkLoss}: Armijo on the computed f, or in the round-off regime on the trapezoidal estimate
 * ½α(∇f(x)ᵀd + ∇f(x+αd)ᵀd); safeguarded quadratic backtracking; pairs with sᵀy ≤ ε yᵀy skipped; restart
 * from steepest descent when the quasi-Newton direction fails). Rows stop at ‖∇f‖∞ ≤ gtol, at the evaluation
 * budget (not converged), or when even a round-off-sized steepest-descent step does not decrease f (stalled).
 * Finished rows are compacted away so that later iterations only touch active rows.
 *
 * <p>All per-row state lives in row-major arrays of {@code cap} rows; one instance serves many batches of one
 * dimension. Not thread-safe: one instance per thread.
 */
final class BatchedLbfgs {

    private static final double C1 = 1e-4;
    /** Relative size of the rounding error of a computed f, used only for the round-off acceptance test. */
    private static final double ROUNDOFF = 8 * Math.ulp(1.0);
    private static final double EPS = Math.ulp(1.0);
    /**
     * In Gauss–Newton mode, rows that have used this many evaluations continue with L-BFGS: Gauss–Newton converges
     * linearly at a rate set by the residuals, fast on trained nets (~11 evaluations for a 784-100-100-10) but slowly
     * where residuals are large (random weights of scale 3: a few rows needed over a thousand).
     */
    static final int GAUSS_NEWTON_EVALUATIONS = 20;

    private final int cap, dim, m;
    private final double[] x, xt, grad, gradT, dir;
    /** Correction pairs, each row's history contiguous: row s, slot k: s at hist[(s·m + k)·2·dim], y right after. */
    private final double[] hist;
    private final double[] rho, f, f0, ft, alpha, gtd, gInf, dInf, alphaTmp;
    private final int[] hCount, hHead, evals, orig;
    private final boolean[] active, steep;
    private final double[] rowScratch;

    // the batch being minimised and its results
    private RowObjective obj;
    private boolean gn;
    private double[] gnDir;
    private int nb, notConverged, stalled;
    private double[] outValues, outGradInf, outStates;
    private int[] outEvals;

    BatchedLbfgs(int cap, int dimension, int memory) {
        this.cap = cap;
        this.dim = dimension;
        this.m = memory;
        int sz = cap * dimension;
        x = new double[sz];
        xt = new double[sz];
        grad = new double[sz];
        gradT = new double[sz];
        dir = new double[sz];
        hist = new double[sz * m * 2];
        rho = new double[cap * m];
        f = new double[cap];
        f0 = new double[cap];
        ft = new double[cap];
        alpha = new double[cap];
        gtd = new double[cap];
        gInf = new double[cap];
        dInf = new double[cap];
        alphaTmp = new double[m];
        hCount = new int[cap];
        hHead = new int[cap];
        evals = new int[cap];
        orig = new int[cap];
        active = new boolean[cap];
        steep = new boolean[cap];
        rowScratch = new double[dimension];
    }

    /** The start points: the caller writes rows × dimension values here before {@link #minimise}. */
    double[] states() { return x; }

    /**
     * Minimises rows 0 … rows−1 of {@code objective} from the points in {@link #states()}.
     *
     * @param gaussNewton whether the directions are the objective's Gauss–Newton directions (computed for all rows
     *                    after every evaluation) instead of L-BFGS ones; steepest descent is the fallback either way
     * @param keepStates  whether the result carries the final points
     */
    RowMinima minimise(RowObjective objective, int rows, double gtol, int maxEval, boolean gaussNewton, boolean keepStates) {
        if (rows > cap) throw new IllegalArgumentException("batch of " + rows + " rows exceeds the capacity " + cap);
        if (gaussNewton && !objective.hasGaussNewton()) throw new IllegalArgumentException("the objective has no Gauss-Newton direction");
        obj = objective;
        nb = rows;
        gn = gaussNewton;
        if (gn && gnDir == null) gnDir = new double[cap * dim];
        notConverged = 0;
        stalled = 0;
        outValues = new double[rows];
        outGradInf = new double[rows];
        outEvals = new int[rows];
        outStates = keepStates ? new double[rows * dim] : null;
        double[] start = new double[rows];
        Arrays.fill(active, 0, nb, true);
        Arrays.fill(evals, 0, nb, 0);
        evaluate(x, f, grad);
        int live = 0;
        for (int s = 0; s < nb; s++) {
            orig[s] = s;
            start[s] = f[s];
            f0[s] = f[s];
            gInf[s] = infNorm(grad, s);
            evals[s] = 1;
            hCount[s] = 0;
            hHead[s] = 0;
            active[s] = true;
            if (!settle(s, gtol, maxEval)) live++;
        }
        int done = nb - live;
        while (live > 0) {
            if (done > 0 && done * 8 >= nb) {
                compact();
                done = 0;
            }
            for (int s = 0; s < nb; s++) {
                double al = active[s] ? alpha[s] : 0.0;
                int base = s * dim;
                for (int j = base; j < base + dim; j++) xt[j] = x[j] + al * dir[j];
            }
            evaluate(xt, ft, gradT);
            for (int s = 0; s < nb; s++) {
                if (!active[s]) continue;
                evals[s]++;
                double fn = ft[s], fo = f[s];
                // Armijo on the computed f; or, in the round-off regime where f cannot resolve the decrease
                // (near a minimum the decrease, ~|∇|², is below the rounding of f), Armijo on the trapezoidal
                // estimate Δf ≈ ½ α (∇fᵀd + ∇f(x+αd)ᵀd), which is exact for quadratics and built from
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
                    if (settle(s, gtol, maxEval)) {
                        live--;
                        done++;
                    }
                    continue;
                }
                if (evals[s] >= maxEval) {
                    finish(s);
                    notConverged++;
                    live--;
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
                if (next * dInf[s] <= 4 * EPS * (1 + infNorm(x, s))) {
                    if (!steep[s]) {
                        steepest(s); // the quasi-Newton direction failed: restart from steepest descent
                    } else {
                        finish(s);
                        stalled++;
                        live--;
                        done++;
                    }
                } else {
                    alpha[s] = next;
                }
            }
        }
        RowMinima r = new RowMinima(outValues, start, outGradInf, outEvals, outStates, notConverged, stalled);
        obj = null;
        outValues = outGradInf = outStates = null;
        outEvals = null;
        return r;
    }

    /** f and ∇f of the current rows at {@code at}; in Gauss–Newton mode also the Gauss–Newton directions there. */
    private void evaluate(double[] at, double[] values, double[] gradient) {
        obj.evaluate(nb, at, values, gradient);
        if (!gn) return;
        for (int s = 0; s < nb; s++) {
            if (active[s] && evals[s] < GAUSS_NEWTON_EVALUATIONS) {
                obj.gaussNewtonDirection(nb, gnDir); // for all rows at once: one gemm per block
                return;
            }
        }
    }

    /**
     * Row s has just reached a new point (the start, or an accepted trial): finish it if converged (‖∇f‖∞ ≤ gtol) or
     * out of evaluations (not converged), else give it its next direction. Returns whether it finished.
     */
    private boolean settle(int s, double gtol, int maxEval) {
        if (gInf[s] <= gtol) {
            finish(s);
            return true;
        }
        if (evals[s] >= maxEval) {
            finish(s);
            notConverged++;
            return true;
        }
        if (gn && evals[s] <= GAUSS_NEWTON_EVALUATIONS) gaussNewtonDirection(s);
        else lbfgsDirection(s); // (in Gauss–Newton mode: the pairs of the Gauss–Newton steps are its history)
        return false;
    }

    /** d = the objective's Gauss–Newton direction at the current point; steepest descent if it does not descend. */
    private void gaussNewtonDirection(int s) {
        int base = s * dim;
        System.arraycopy(gnDir, base, dir, base, dim);
        useDirection(s);
    }

    private void steepest(int s) {
        hCount[s] = 0;
        hHead[s] = 0;
        int base = s * dim;
        for (int j = base; j < base + dim; j++) dir[j] = -grad[j];
        gtd[s] = -dot(grad, grad, s);
        dInf[s] = gInf[s];
        alpha[s] = 1.0;
        steep[s] = true;
    }

    /** x ← trial, ∇ ← trial gradient, and store the correction pair if it has positive curvature. */
    private void acceptTrial(int s) {
        int slot = hCount[s] < m ? (hHead[s] + hCount[s]) % m : hHead[s];
        // curvature first: when the history is full the slot is the oldest stored pair, which must stay intact
        // if this pair is rejected
        int base = s * dim, end = base + dim;
        // s into this row of dir (the next direction overwrites it anyway), y into a scratch row
        int so = sOff(s, slot);
        double[] sTmp = dir, yTmp = rowScratch;
        for (int j = base; j < end; j++) {
            sTmp[j] = xt[j] - x[j];
            yTmp[j - base] = gradT[j] - grad[j];
        }
        double sy = 0, yy = 0;
        for (int j = 0; j < dim; j++) {
            double yv = yTmp[j];
            sy += sTmp[base + j] * yv;
            yy += yv * yv;
        }
        boolean keep = sy > EPS * yy && yy > 0;
        if (keep) {
            System.arraycopy(sTmp, base, hist, so, dim);
            System.arraycopy(yTmp, 0, hist, so + dim, dim);
        }
        System.arraycopy(xt, base, x, base, dim);
        System.arraycopy(gradT, base, grad, base, dim);
        f[s] = ft[s];
        gInf[s] = infNorm(grad, s);
        if (keep) {
            rho[s * m + slot] = 1.0 / sy;
            if (hCount[s] < m) hCount[s]++;
            else hHead[s] = (hHead[s] + 1) % m;
        }
    }

    /** d = −H∇ by the two-loop recursion over this row's own history; falls back to −∇ if not a descent direction. */
    private void lbfgsDirection(int s) {
        int k = hCount[s];
        if (k == 0) {
            steepest(s);
            return;
        }
        int base = s * dim, end = base + dim;
        System.arraycopy(grad, base, dir, base, dim);
        for (int i = k - 1; i >= 0; i--) {
            int slot = (hHead[s] + i) % m;
            int so = sOff(s, slot);
            double ai = rho[s * m + slot] * dot(hist, so, dir, base, dim);
            alphaTmp[i] = ai;
            axpy(-ai, hist, so + dim, dir, base, dim);
        }
        int newest = (hHead[s] + k - 1) % m;
        int yo = sOff(s, newest) + dim;
        double gamma = 1.0 / (rho[s * m + newest] * dot(hist, yo, hist, yo, dim));
        for (int j = base; j < end; j++) dir[j] *= gamma;
        for (int i = 0; i < k; i++) {
            int slot = (hHead[s] + i) % m;
            int so = sOff(s, slot);
            double bi = rho[s * m + slot] * dot(hist, so + dim, dir, base, dim);
            axpy(alphaTmp[i] - bi, hist, so, dir, base, dim);
        }
        for (int j = base; j < end; j++) dir[j] = -dir[j];
        useDirection(s);
    }

    /** Takes the direction in row s of {@code dir} with a unit step if it descends, else steepest descent. */
    private void useDirection(int s) {
        int base = s * dim, end = base + dim;
        double di = 0;
        for (int j = base; j < end; j++) di = Math.max(di, Math.abs(dir[j]));
        double gd = dot(grad, dir, s);
        if (!(gd < 0) || !Double.isFinite(di)) {
            steepest(s);
            return;
        }
        gtd[s] = gd;
        dInf[s] = di;
        alpha[s] = 1.0;
        steep[s] = false;
    }

    private void finish(int s) {
        int o = orig[s];
        outValues[o] = f[s];
        outGradInf[o] = gInf[s];
        outEvals[o] = evals[s];
        if (outStates != null) System.arraycopy(x, s * dim, outStates, o * dim, dim);
        active[s] = false;
    }

    /** Moves the rows of active samples to the front (here and in the objective). */
    private void compact() {
        int t = 0;
        for (int s = 0; s < nb; s++) {
            if (!active[s]) continue;
            if (t != s) moveRow(s, t);
            t++;
        }
        nb = t;
    }

    private void moveRow(int from, int to) {
        obj.moveRow(from, to);
        mv(x, from, to);
        mv(grad, from, to);
        mv(dir, from, to);
        System.arraycopy(hist, sOff(from, 0), hist, sOff(to, 0), 2 * m * dim);
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
        active[to] = active[from];
        steep[to] = steep[from];
    }

    private void mv(double[] arr, int from, int to) {
        System.arraycopy(arr, from * dim, arr, to * dim, dim);
    }

    /** uᵀv over row s, with four partial sums (a dependent chain of adds would be latency-bound). */
    private int sOff(int s, int slot) {
        return (s * m + slot) * 2 * dim;
    }

    private double dot(double[] u, double[] v, int s) {
        return dot(u, s * dim, v, s * dim, dim);
    }

    /** uᵀv over len entries from uo and vo, summed in index order (the order of the records before the split). */
    static double dot(double[] u, int uo, double[] v, int vo, int len) {
        double acc = 0;
        for (int j = 0; j < len; j++) acc += u[uo + j] * v[vo + j];
        return acc;
    }

    private static void axpy(double c, double[] u, int uo, double[] v, int vo, int len) {
        for (int j = 0; j < len; j++) v[vo + j] += c * u[uo + j];
    }

    private double infNorm(double[] v, int s) {
        double mx = 0;
        for (int j = s * dim; j < (s + 1) * dim; j++) mx = Math.max(mx, Math.abs(v[j]));
        return mx;
    }
}
