package org.thermolearn.thermo.stochastic;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * One probe's Gauss quadrature on the extended Krylov space K_k(Ĝ_c, z) + Ĝ_c⁻¹K_k(Ĝ_c⁻¹, z) =
 * span{Ĝ_c^{−k}z, …, Ĝ_c^{k−1}z} (Druskin &amp; Knizhnerman 1998; Jagels &amp; Reichel 2009), assembled from the
 * two Lanczos runs that the route already makes, one on Ĝ_c and one on Ĝ_c⁻¹, without any further operator
 * application.
 *
 * <p>Why: each run alone resolves only its own large end. Gauss nodes of an operator with spectrum [a, b] crowd
 * towards a and b (density ∝ 1/√((x − a)(b − x))), so in ln κ the Ĝ_c nodes near κ have density ∝ √(κ/κ_max) and the
 * Ĝ_c⁻¹ nodes ∝ √(κ_min/κ): in the middle of a spectrum that spans many decades both are coarse (at κ* = √(κ_min κ_max)
 * each has only (k/π)(κ_min/κ_max)^{1/4} nodes per unit of ln κ). A sharp feature there (for a layered net the density
 * of ln λ jumps at λ = 1) is then smeared over ≈ 0.5 in ln λ by either quadrature and by any blend of the two. The
 * Rayleigh–Ritz quadrature on the union space is exact for every Laurent polynomial Σ_{i=−2k}^{2k−2} c_i κ^i, which
 * resolves the whole range of ln κ at once, and it is a single positive measure of total weight ‖z‖² = n_c, so no
 * hand-over between two quadratures is needed.
 *
 * <p>How: with V = [Q_G | Y_I], Y_I = Ĝ_c⁻¹Q_I = Q_I T_I + β_k q_{k+1}e_kᵀ (the Lanczos relation of the Ĝ_c⁻¹ run), and
 * X = Q_Gᵀ[Q_I q_{k+1}] (one cross Gram per probe),
 * <pre>
 *   VᵀĜ_cV = [ T_G  X₁ ; X₁ᵀ  T_I ]      (Q_GᵀĜ_cĜ_c⁻¹Q_I = X₁, Q_IᵀĜ_c⁻¹Ĝ_cĜ_c⁻¹Q_I = T_I)
 *   VᵀV    = [ I    C  ; Cᵀ   T_I² + β_k² e_k e_kᵀ ],   C = X₁T_I + β_k x_{k+1}e_kᵀ
 * </pre>
 * The generalised eigenproblem VᵀĜ_cV c = θ VᵀV c is solved after scaling the Y_I columns to unit norm and dropping
 * the directions of VᵀV below {@value #RANK_TOLERANCE} of its largest eigenvalue (the union of two Krylov spaces can be
 * numerically dependent). The nodes are the Ritz values θ_j, the weights n_c (q₁ᵀVc_j)² with q₁ = z/√n_c the first
 * column of Q_G.
 */
final class ExtendedKrylovQuadrature {

    /** Relative eigenvalue of the scaled Gram matrix VᵀV below which a direction of V counts as dependent. */
    static final double RANK_TOLERANCE = 1e-11;

    private ExtendedKrylovQuadrature() { }

    /**
     * The quadrature of one probe.
     *
     * @param g     the Ĝ_c recurrence (T_G of size k_G)
     * @param inv   the Ĝ_c⁻¹ recurrence (T_I of size k_I, residual β)
     * @param cross X[i][j] = q_G,iᵀ q_I,j for i &lt; k_G, j ≤ k_I (column k_I: the normalised last residual q_{k_I+1})
     * @param nc    ‖z‖² = n_c
     * @return {nodes κ_j ascending, weights}
     */
    static double[][] of(BlockLanczos.Recurrence g, BlockLanczos.Recurrence inv, double[][] cross, int nc) {
        int kg = g.k(), ki = inv.k(), n = kg + ki;
        double bk = inv.residual();
        double[][] ti = tridiagonal(inv.alpha(), inv.beta(), ki);
        double[][] s = new double[n][n], m = new double[n][n];
        double[][] tg = tridiagonal(g.alpha(), g.beta(), kg);
        for (int i = 0; i < kg; i++) {
            System.arraycopy(tg[i], 0, s[i], 0, kg);
            m[i][i] = 1;
        }
        for (int i = 0; i < ki; i++) System.arraycopy(ti[i], 0, s[kg + i], kg, ki);
        for (int i = 0; i < kg; i++) {
            for (int j = 0; j < ki; j++) {
                s[i][kg + j] = s[kg + j][i] = cross[i][j];
                double c = 0;
                for (int l = Math.max(0, j - 1); l <= Math.min(ki - 1, j + 1); l++) c += cross[i][l] * ti[l][j];
                if (j == ki - 1) c += bk * cross[i][ki];
                m[i][kg + j] = m[kg + j][i] = c;
            }
        }
        // T_I² + β_k² e_k e_kᵀ (T_I is tridiagonal: its square is pentadiagonal)
        for (int i = 0; i < ki; i++) {
            for (int j = Math.max(0, i - 2); j <= Math.min(ki - 1, i + 2); j++) {
                double v = 0;
                for (int l = Math.max(0, Math.max(i, j) - 1); l <= Math.min(ki - 1, Math.min(i, j) + 1); l++) v += ti[i][l] * ti[l][j];
                m[kg + i][kg + j] = v;
            }
        }
        m[n - 1][n - 1] += bk * bk;
        // unit-norm columns
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = m[i][i] > 0 ? 1 / Math.sqrt(m[i][i]) : 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] *= d[i] * d[j];
                s[i][j] *= d[i] * d[j];
            }
        }
        // orthonormal basis of span V: W = U_keep Λ_keep^{-1/2}
        double[][] ev = new double[n][];
        double[] lam = symmetricEigen(new DMatrixRMaj(m), ev);
        double top = 0;
        for (double l : lam) top = Math.max(top, l);
        int r = 0;
        for (double l : lam) if (l > RANK_TOLERANCE * top) r++;
        double[][] w = new double[n][r];
        int at = 0;
        for (int q = 0; q < n; q++) {
            if (!(lam[q] > RANK_TOLERANCE * top)) continue;
            double sc = 1 / Math.sqrt(lam[q]);
            for (int i = 0; i < n; i++) w[i][at] = ev[q][i] * sc;
            at++;
        }
        // P = Wᵀ S W (r × r), its eigenpairs (θ_j, z_j); Ritz vector c_j = W z_j; q₁ᵀVc_j = (M c_j)_0 = (M W z_j)_0
        DMatrixRMaj wm = new DMatrixRMaj(w), sw = new DMatrixRMaj(n, r), p = new DMatrixRMaj(r, r);
        CommonOps_DDRM.mult(new DMatrixRMaj(s), wm, sw);
        CommonOps_DDRM.multTransA(wm, sw, p);
        for (int a = 0; a < r; a++) for (int b = 0; b < a; b++) {
            double v = 0.5 * (p.get(a, b) + p.get(b, a));
            p.set(a, b, v);
            p.set(b, a, v);
        }
        double[] m0w = new double[r];
        for (int a = 0; a < r; a++) for (int i = 0; i < n; i++) m0w[a] += m[0][i] * w[i][a];
        double[][] pv = new double[r][];
        double[] theta = symmetricEigen(p, pv);
        Integer[] idx = new Integer[r];
        for (int q = 0; q < r; q++) idx[q] = q;
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(theta[a], theta[b]));
        double[] nodes = new double[r], weights = new double[r];
        for (int q = 0; q < r; q++) {
            int e = idx[q];
            double f = 0;
            for (int a = 0; a < r; a++) f += m0w[a] * pv[e][a];
            nodes[q] = theta[e];
            weights[q] = nc * f * f;
        }
        return new double[][]{nodes, weights};
    }

    private static double[][] tridiagonal(double[] alpha, double[] beta, int k) {
        double[][] t = new double[k][k];
        for (int i = 0; i < k; i++) {
            t[i][i] = alpha[i];
            if (i + 1 < k) t[i][i + 1] = t[i + 1][i] = beta[i];
        }
        return t;
    }

    /** Eigenvalues of a symmetric matrix; {@code vectors[q]} receives the unit eigenvector of eigenvalue q. */
    private static double[] symmetricEigen(DMatrixRMaj a, double[][] vectors) {
        int n = a.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(a)) throw new IllegalStateException("eigen-decomposition of the " + n + " x " + n + " extended-Krylov matrix failed");
        double[] l = new double[n];
        for (int q = 0; q < n; q++) {
            l[q] = eig.getEigenvalue(q).getReal();
            vectors[q] = eig.getEigenVector(q).getData().clone();
        }
        return l;
    }
}
