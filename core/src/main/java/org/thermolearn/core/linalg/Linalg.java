package org.thermolearn.core.linalg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linear-algebra seam: the few dense operations that training and analysis need, on plain
 * row-major {@code double[]} arrays. Two backends: {@link EjmlLinalg} (pure Java, always there)
 * and {@link NetlibLinalg} (native BLAS/LAPACK through dev.ludovic.netlib when the system
 * OpenBLAS loads). {@link #select(String)} picks one and logs the choice.
 *
 * <p>Backends are stateless and thread-safe.
 */
public interface Linalg {

    /** Human-readable backend name, recorded in run provenance. */
    String name();

    /** True if this backend calls native BLAS/LAPACK. */
    boolean isNative();

    /**
     * C = α op(A) op(B) + β C for row-major contiguous matrices: op(A) is m×k, op(B) is k×n,
     * C is m×n. A is stored m×k (or k×m if {@code transA}), B is k×n (or n×k if {@code transB}).
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double alpha, double[] a, double[] b, double beta, double[] c);

    /**
     * {@link #gemm(boolean, boolean, int, int, int, double, double[], double[], double, double[])} on sub-matrices:
     * A, B and C start at {@code aOff}, {@code bOff}, {@code cOff} of their arrays and have row strides (leading
     * dimensions) {@code lda}, {@code ldb}, {@code ldc}. The default copies the operands into contiguous arrays;
     * the native backend passes the offsets to dgemm.
     */
    default void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        double[] as = dense(a, aOff, lda, transA ? k : m, transA ? m : k);
        double[] bs = dense(b, bOff, ldb, transB ? n : k, transB ? k : n);
        double[] cs = dense(c, cOff, ldc, m, n);
        gemm(transA, transB, m, n, k, alpha, as, bs, beta, cs);
        for (int i = 0; i < m; i++) System.arraycopy(cs, i * n, c, cOff + i * ldc, n);
    }

    private static double[] dense(double[] src, int off, int ld, int rows, int cols) {
        if (off == 0 && ld == cols && src.length == rows * cols) return src;
        double[] d = new double[rows * cols];
        for (int i = 0; i < rows; i++) System.arraycopy(src, off + i * ld, d, i * cols, cols);
        return d;
    }

    /** Singular values of the m×n row-major matrix {@code a} (not modified), in descending order. */
    double[] singularValues(int m, int n, double[] a);

    /** Eigenvalues of the symmetric n×n row-major matrix {@code a} (not modified), ascending. */
    double[] symmetricEigenvalues(int n, double[] a);

    /**
     * The upper-triangular factor R (min(m,n) × n, row-major) of the thin QR decomposition A = QR of
     * the m×n row-major matrix {@code a} (not modified). Row signs follow the backend's convention.
     */
    double[] qrR(int m, int n, double[] a);

    /**
     * The backend for a choice: "auto" (native when OpenBLAS loads, else EJML), "native" (fails with
     * a clear message when it does not load) or "java"/"ejml".
     */
    static Linalg select(String choice) {
        Logger log = LoggerFactory.getLogger(Linalg.class);
        String c = choice == null ? "auto" : choice.trim().toLowerCase(java.util.Locale.ROOT);
        switch (c) {
            case "java", "ejml" -> {
                log.info("linear algebra: {} (forced)", EjmlLinalg.INSTANCE.name());
                return EjmlLinalg.INSTANCE;
            }
            case "native" -> {
                NetlibLinalg n = NetlibLinalg.loadNative().orElseThrow(() -> new IllegalStateException(
                        "native BLAS/LAPACK was requested but did not load; install the OpenBLAS runtime "
                                + "(Debian: apt-get install libopenblas0) or use --linalg java"));
                log.info("linear algebra: {} (forced)", n.name());
                return n;
            }
            case "auto" -> {
                var n = NetlibLinalg.loadNative();
                if (n.isPresent()) {
                    log.info("linear algebra: {}", n.get().name());
                    return n.get();
                }
                log.info("linear algebra: {} (native OpenBLAS did not load; apt-get install libopenblas0 for speed)",
                        EjmlLinalg.INSTANCE.name());
                return EjmlLinalg.INSTANCE;
            }
            default -> throw new IllegalArgumentException("unknown linear-algebra backend '" + choice + "'; choose auto, native or java");
        }
    }

    /** {@code select("auto")}. */
    static Linalg auto() {
        return select("auto");
    }
}
