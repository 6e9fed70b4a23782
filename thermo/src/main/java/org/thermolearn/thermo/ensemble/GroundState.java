package org.thermolearn.thermo.ensemble;

import org.thermolearn.thermo.operator.GOperator;

/**
 * The minimum E₀ = H₂(x*) of the quadratic loss (S10) (theory.md §3.2):
 * E₀ = ½ cᵀ(Î − A Ĝ^{-1} Aᵀ)c with c = f(b). Using Î − A(AᵀA + m)^{-1}Aᵀ = m (AAᵀ + m)^{-1},
 * E₀ = (m/2) cᵀ(AAᵀ + mÎ)^{-1} c, solved here by conjugate gradients with block matrix–vector
 * products (O(nnz ŵ) per iteration, nothing N×N). For m = 0, x* = A^{-1}c and E₀ = 0 exactly.
 * Convergence needs about √κ iterations, κ = (σ_max² + m)/m; fine for moderate m and N.
 */
public final class GroundState {

    private GroundState() { }

    /** E₀ in the operator's space, to relative residual 1e-13 (at most 20·N_G + 100 CG iterations). */
    public static double e0(GOperator op) {
        double m = op.mass();
        if (m == 0) return 0.0;
        double[] c = op.activationAtBias();
        int n = c.length;
        double[] x = new double[n];
        double[] r = c.clone();
        double[] p = r.clone();
        double rr = dot(r, r);
        double r0 = Math.sqrt(rr);
        if (r0 == 0) return 0.0;
        int maxIter = 20 * n + 100;
        for (int it = 0; it < maxIter && Math.sqrt(rr) > 1e-13 * r0; it++) {
            double[] ap = op.applyA(op.applyAT(p));
            for (int i = 0; i < n; i++) ap[i] += m * p[i];
            double alpha = rr / dot(p, ap);
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double rrNew = dot(r, r);
            double b = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < n; i++) p[i] = r[i] + b * p[i];
        }
        return 0.5 * m * dot(c, x);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
