package org.thermolearn.core.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.Arrays;

/** Pure-Java backend of the {@link Linalg} seam, built on EJML. */
public final class EjmlLinalg implements Linalg {

    public static final EjmlLinalg INSTANCE = new EjmlLinalg();

    private EjmlLinalg() { }

    @Override
    public String name() { return "EJML 0.46 (pure Java)"; }

    @Override
    public boolean isNative() { return false; }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, double[] b, double beta, double[] c) {
        DMatrixRMaj A = transA ? DMatrixRMaj.wrap(k, m, a) : DMatrixRMaj.wrap(m, k, a);
        DMatrixRMaj B = transB ? DMatrixRMaj.wrap(n, k, b) : DMatrixRMaj.wrap(k, n, b);
        DMatrixRMaj C = DMatrixRMaj.wrap(m, n, c);
        if (beta == 0) {
            if (!transA && !transB) CommonOps_DDRM.mult(alpha, A, B, C);
            else if (transA && !transB) CommonOps_DDRM.multTransA(alpha, A, B, C);
            else if (!transA) CommonOps_DDRM.multTransB(alpha, A, B, C);
            else CommonOps_DDRM.multTransAB(alpha, A, B, C);
            return;
        }
        if (beta != 1) CommonOps_DDRM.scale(beta, C);
        if (!transA && !transB) CommonOps_DDRM.multAdd(alpha, A, B, C);
        else if (transA && !transB) CommonOps_DDRM.multAddTransA(alpha, A, B, C);
        else if (!transA) CommonOps_DDRM.multAddTransB(alpha, A, B, C);
        else CommonOps_DDRM.multAddTransAB(alpha, A, B, C);
    }

    @Override
    public double[] singularValues(int m, int n, double[] a) {
        DMatrixRMaj A = new DMatrixRMaj(m, n, true, a);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, false, false, true);
        if (!svd.decompose(A)) throw new ArithmeticException("EJML SVD did not converge for a " + m + "x" + n + " matrix");
        double[] s = Arrays.copyOf(svd.getSingularValues(), Math.min(m, n));
        Arrays.sort(s);
        reverse(s);
        return s;
    }

    @Override
    public double[] symmetricEigenvalues(int n, double[] a) {
        DMatrixRMaj A = new DMatrixRMaj(n, n, true, a);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(A)) throw new ArithmeticException("EJML symmetric eigensolver did not converge, n = " + n);
        double[] e = new double[n];
        for (int i = 0; i < n; i++) e[i] = eig.getEigenvalue(i).getReal();
        Arrays.sort(e);
        return e;
    }

    @Override
    public double[] qrR(int m, int n, double[] a) {
        DMatrixRMaj A = new DMatrixRMaj(m, n, true, a);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
        if (!qr.decompose(A)) throw new ArithmeticException("EJML QR failed for a " + m + "x" + n + " matrix");
        return qr.getR(null, true).data;
    }

    static void reverse(double[] s) {
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
    }

}
