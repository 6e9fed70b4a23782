package org.thermolearn.core.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import org.netlib.util.intW;

import java.util.Arrays;
import java.util.Optional;

/**
 * Native backend of the {@link Linalg} seam: BLAS dgemm and LAPACK dgesdd/dsyevd/dgeqrf through
 * dev.ludovic.netlib's JNI bindings to the system OpenBLAS. Row-major arrays are passed to the
 * column-major routines as their transposes.
 */
public final class NetlibLinalg implements Linalg {

    private final BLAS blas;
    private final LAPACK lapack;

    private NetlibLinalg(BLAS blas, LAPACK lapack) {
        this.blas = blas;
        this.lapack = lapack;
    }

    /** The native backend, or empty when the system BLAS/LAPACK does not load. */
    public static Optional<NetlibLinalg> loadNative() {
        try {
            return Optional.of(new NetlibLinalg(NativeBLAS.getInstance(), NativeLAPACK.getInstance()));
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return "native BLAS/LAPACK (" + blas.getClass().getSimpleName() + "/" + lapack.getClass().getSimpleName() + ", OpenBLAS)";
    }

    @Override
    public boolean isNative() { return true; }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, double[] b, double beta, double[] c) {
        if (m == 0 || n == 0) return;
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, b, 0, Math.max(1, ldb), a, 0, Math.max(1, lda),
                beta, c, 0, Math.max(1, n));
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        // row-major C = op(A) op(B) is column-major Cᵀ = op(B)ᵀ op(A)ᵀ with the same strides
        blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, b, bOff, Math.max(1, ldb), a, aOff, Math.max(1, lda),
                beta, c, cOff, Math.max(1, ldc));
    }

    @Override
    public double[] singularValues(int m, int n, double[] a) {
        // row-major m×n is column-major n×m with the same singular values
        int cm = n, cn = m;
        double[] work1 = a.clone();
        double[] s = new double[Math.min(m, n)];
        int[] iwork = new int[8 * Math.min(m, n)];
        intW info = new intW(0);
        double[] q = new double[1];
        lapack.dgesdd("N", cm, cn, work1, 0, Math.max(1, cm), s, 0, new double[1], 0, 1, new double[1], 0, 1, q, 0, -1, iwork, 0, info);
        double[] work = new double[(int) q[0] + 1];
        lapack.dgesdd("N", cm, cn, work1, 0, Math.max(1, cm), s, 0, new double[1], 0, 1, new double[1], 0, 1, work, 0, work.length, iwork, 0, info);
        if (info.val != 0) throw new ArithmeticException("LAPACK dgesdd failed (info = " + info.val + ") for a " + m + "x" + n + " matrix");
        return s; // LAPACK returns descending order
    }

    @Override
    public double[] symmetricEigenvalues(int n, double[] a) {
        double[] w = a.clone();
        double[] e = new double[n];
        intW info = new intW(0);
        double[] q = new double[1];
        int[] iq = new int[1];
        lapack.dsyevd("N", "U", n, w, 0, Math.max(1, n), e, 0, q, 0, -1, iq, 0, -1, info);
        double[] work = new double[(int) q[0] + 1];
        int[] iwork = new int[Math.max(1, iq[0])];
        lapack.dsyevd("N", "U", n, w, 0, Math.max(1, n), e, 0, work, 0, work.length, iwork, 0, iwork.length, info);
        if (info.val != 0) throw new ArithmeticException("LAPACK dsyevd failed (info = " + info.val + "), n = " + n);
        return e;
    }

    @Override
    public double[] qrR(int m, int n, double[] a) {
        // QR of the row-major m×n matrix: transpose into column-major m×n storage first
        double[] cm = new double[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) cm[j * m + i] = a[i * n + j];
        int k = Math.min(m, n);
        double[] tau = new double[k];
        intW info = new intW(0);
        double[] q = new double[1];
        lapack.dgeqrf(m, n, cm, 0, Math.max(1, m), tau, 0, q, 0, -1, info);
        double[] work = new double[(int) q[0] + 1];
        lapack.dgeqrf(m, n, cm, 0, Math.max(1, m), tau, 0, work, 0, work.length, info);
        if (info.val != 0) throw new ArithmeticException("LAPACK dgeqrf failed (info = " + info.val + ")");
        double[] r = new double[k * n];
        for (int i = 0; i < k; i++) for (int j = i; j < n; j++) r[i * n + j] = cm[j * m + i];
        return r;
    }

    @Override
    public String toString() { return name(); }

}
