package org.thermolearn.thermo.stochastic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * b independent Lanczos recurrences (one per probe vector) advanced together, so that each step applies
 * the operator to a block of b vectors (GEMM) instead of b single vectors (GEMV). Full
 * re-orthogonalisation (classical Gram–Schmidt, repeated where the DGKS criterion asks for it) against the
 * stored basis keeps the Ritz values free of ghost copies; it costs O(n_c k² b), small next to the k block
 * products. A recurrence that reaches an invariant subspace (β_j ≤ 1e-12 · ‖T‖) stops early: its quadrature is then exact.
 */
final class BlockLanczos {

    /**
     * The b recurrences of one run and the orthonormal Krylov basis they built: {@code basis.get(j)} holds q_{j+1} of
     * every recurrence (per-group storage, b columns, zero where a recurrence had stopped), {@code next} the normalised
     * last residual q_{k+1} (zero where a recurrence stopped early).
     */
    record Run(List<Recurrence> recurrences, List<double[][]> basis, double[][] next) { }

    /** One recurrence: T_k with diagonal alpha, off-diagonal beta (beta[k-1] is the residual β_k), length k. */
    record Recurrence(double[] alpha, double[] beta, int k) {
        Tridiagonal gauss() { return Tridiagonal.gauss(alpha, beta, k); }

        /** β_k, the norm of the last residual (0 if the recurrence found an invariant subspace). */
        double residual() { return k < alpha.length || k == 0 ? 0.0 : beta[k - 1]; }
    }

    private BlockLanczos() { }

    /**
     * Runs {@code steps} Lanczos steps of the symmetric operator {@code op} from each column of the start
     * block {@code z} (per-group storage, b columns, not modified).
     */
    static Run run(BiFunction<double[][], Integer, double[][]> op, double[][] z, int b, int steps) {
        double[] norm = colDots(z, z, b);
        double[][] q = copy(z);
        for (int c = 0; c < b; c++) {
            if (!(norm[c] > 0)) throw new IllegalArgumentException("probe vector " + c + " is zero");
            scaleCol(q, b, c, 1 / Math.sqrt(norm[c]));
        }
        double[][] alpha = new double[b][steps], beta = new double[b][steps];
        int[] len = new int[b];
        boolean[] active = new boolean[b];
        java.util.Arrays.fill(active, true);
        List<double[][]> basis = new ArrayList<>();
        basis.add(q);
        double[] tnorm = new double[b];
        double[][] next = null;
        for (int j = 0; j < steps; j++) {
            double[][] qj = basis.get(j);
            double[][] w = op.apply(qj, b);
            double[] a = colDots(qj, w, b);
            for (int c = 0; c < b; c++) {
                if (!active[c]) continue;
                alpha[c][j] = a[c];
                len[c] = j + 1;
                tnorm[c] = Math.max(tnorm[c], Math.abs(a[c]) + (j > 0 ? beta[c][j - 1] : 0));
            }
            // w -= alpha q_j + beta_{j-1} q_{j-1}, then full re-orthogonalisation
            axpyCols(w, qj, b, a, -1);
            if (j > 0) {
                double[] bm = new double[b];
                for (int c = 0; c < b; c++) bm[c] = beta[c][j - 1];
                axpyCols(w, basis.get(j - 1), b, bm, -1);
            }
            // classical Gram–Schmidt against the whole basis; a second pass only where the first removed a large
            // share of a column (the DGKS criterion ‖w'‖ < ‖w‖/√2), which in Lanczos is rare: each pass reads the
            // whole stored basis, the largest memory traffic of the recurrence
            double[] nn = colDots(w, w, b);
            for (int pass = 0; pass < 2; pass++) {
                reorthogonalise(w, basis, b);
                double[] after = colDots(w, w, b);
                boolean again = false;
                for (int c = 0; c < b; c++) if (active[c] && after[c] < 0.5 * nn[c]) again = true;
                nn = after;
                if (!again) break;
            }
            boolean any = false;
            for (int c = 0; c < b; c++) {
                if (!active[c]) {
                    zeroCol(w, b, c);
                    continue;
                }
                double bj = Math.sqrt(nn[c]);
                beta[c][j] = bj;
                if (!(bj > 1e-12 * Math.max(tnorm[c], Double.MIN_NORMAL))) {
                    active[c] = false;
                    beta[c][j] = 0;
                    zeroCol(w, b, c);
                } else {
                    scaleCol(w, b, c, 1 / bj);
                    any = true;
                }
            }
            next = w;
            if (!any || j == steps - 1) break;
            basis.add(w);
        }
        List<Recurrence> out = new ArrayList<>(b);
        for (int c = 0; c < b; c++) {
            double[] bb = beta[c];
            if (len[c] < steps) bb[len[c] - 1] = 0; // stopped early: exact, no residual
            out.add(new Recurrence(alpha[c], bb, len[c]));
        }
        return new Run(out, basis, next);
    }

    /** w[:, c] −= Σ_i (q_iᵀ w)[c] q_i[:, c] for every column c: one classical Gram–Schmidt pass. */
    private static void reorthogonalise(double[][] w, List<double[][]> basis, int b) {
        double[][] dots = new double[basis.size()][];
        for (int i = 0; i < dots.length; i++) dots[i] = colDots(basis.get(i), w, b);
        for (int i = 0; i < dots.length; i++) axpyCols(w, basis.get(i), b, dots[i], -1);
    }

    static double[] colDots(double[][] x, double[][] y, int b) {
        double[] d = new double[b];
        for (int g = 0; g < x.length; g++) {
            double[] xg = x[g], yg = y[g];
            for (int i = 0; i < xg.length; i += b) for (int c = 0; c < b; c++) d[c] += xg[i + c] * yg[i + c];
        }
        return d;
    }

    /** x[:, c] += s · coef[c] · y[:, c]. */
    static void axpyCols(double[][] x, double[][] y, int b, double[] coef, double s) {
        for (int g = 0; g < x.length; g++) {
            double[] xg = x[g], yg = y[g];
            for (int i = 0; i < xg.length; i += b) for (int c = 0; c < b; c++) xg[i + c] += s * coef[c] * yg[i + c];
        }
    }

    static void scaleCol(double[][] x, int b, int c, double s) {
        for (double[] xg : x) for (int i = c; i < xg.length; i += b) xg[i] *= s;
    }

    static void zeroCol(double[][] x, int b, int c) {
        for (double[] xg : x) for (int i = c; i < xg.length; i += b) xg[i] = 0;
    }

    static double[][] copy(double[][] x) {
        double[][] y = new double[x.length][];
        for (int g = 0; g < x.length; g++) y[g] = x[g].clone();
        return y;
    }
}
