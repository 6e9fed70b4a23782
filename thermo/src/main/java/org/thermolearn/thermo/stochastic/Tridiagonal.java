package org.thermolearn.thermo.stochastic;

/**
 * Gauss quadrature from a Lanczos tridiagonal matrix T_k (Golub &amp; Welsch 1969): the nodes are the
 * eigenvalues θ_j of T_k, the weights the squared first components u_{1j}² of its normalised
 * eigenvectors. The last components u_{kj} are kept as well: β_k |u_{kj}| bounds the distance of θ_j to
 * the nearest eigenvalue of the operator (the Lanczos residual). Implicit QL with Wilkinson shifts,
 * tracking only the first and last rows of the eigenvector matrix.
 *
 * @param nodes  θ_j, ascending
 * @param first  u_{1j}² (sum 1)
 * @param last   |u_{kj}|
 */
public record Tridiagonal(double[] nodes, double[] first, double[] last) {

    /** Eigen-decomposes T with diagonal {@code alpha[0..k)} and off-diagonal {@code beta[0..k-1)}. */
    public static Tridiagonal gauss(double[] alpha, double[] beta, int k) {
        if (k <= 0) throw new IllegalArgumentException("Lanczos produced no step; need at least one");
        double[] d = new double[k];
        double[] e = new double[k];
        System.arraycopy(alpha, 0, d, 0, k);
        for (int i = 0; i + 1 < k; i++) e[i] = beta[i];
        double[] z0 = new double[k];
        double[] z1 = new double[k];
        z0[0] = 1;
        z1[k - 1] = 1;
        for (int l = 0; l < k; l++) {
            int iter = 0;
            while (true) {
                int m;
                for (m = l; m < k - 1; m++) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= 0x1p-53 * dd) break;
                }
                if (m == l) break;
                if (iter++ == 200) throw new IllegalStateException("tridiagonal QL did not converge in 200 iterations");
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.hypot(g, 1.0);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1, c = 1, p = 0;
                boolean underflow = false;
                for (int i = m - 1; i >= l; i--) {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) {
                        d[i + 1] -= p;
                        e[m] = 0;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    double t0 = z0[i + 1];
                    z0[i + 1] = s * z0[i] + c * t0;
                    z0[i] = c * z0[i] - s * t0;
                    double t1 = z1[i + 1];
                    z1[i + 1] = s * z1[i] + c * t1;
                    z1[i] = c * z1[i] - s * t1;
                }
                if (underflow) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
        Integer[] idx = new Integer[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(d[a], d[b]));
        double[] nodes = new double[k], first = new double[k], last = new double[k];
        for (int i = 0; i < k; i++) {
            nodes[i] = d[idx[i]];
            first[i] = z0[idx[i]] * z0[idx[i]];
            last[i] = Math.abs(z1[idx[i]]);
        }
        return new Tridiagonal(nodes, first, last);
    }
}
