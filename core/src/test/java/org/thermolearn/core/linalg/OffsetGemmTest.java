package org.thermolearn.core.linalg;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sub-matrix gemm (offsets and row strides) against a triple loop, every transpose combination, both backends. */
class OffsetGemmTest {

    @Test
    void subMatrixGemmMatchesTheDefinition() {
        List<Linalg> backends = new ArrayList<>(List.of(EjmlLinalg.INSTANCE));
        NetlibLinalg.loadNative().ifPresent(backends::add);
        SplittableRandom r = new SplittableRandom(3);
        int m = 5, n = 4, k = 3;
        for (Linalg la : backends) {
            for (boolean ta : new boolean[]{false, true}) {
                for (boolean tb : new boolean[]{false, true}) {
                    int ar = ta ? k : m, ac = ta ? m : k, br = tb ? n : k, bc = tb ? k : n;
                    int lda = ac + 2, ldb = bc + 1, ldc = n + 3, aOff = 4, bOff = 2, cOff = 5;
                    double[] a = rand(r, aOff + ar * lda), b = rand(r, bOff + br * ldb), c = rand(r, cOff + m * ldc);
                    double[] want = c.clone();
                    double alpha = 0.7, beta = -0.4;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int p = 0; p < k; p++) {
                                double av = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                                double bv = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                                s += av * bv;
                            }
                            want[cOff + i * ldc + j] = alpha * s + beta * c[cOff + i * ldc + j];
                        }
                    }
                    la.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                    for (int i = 0; i < c.length; i++) assertEquals(want[i], c[i], 1e-14, la.name() + " " + ta + tb + " entry " + i);
                }
            }
        }
    }

    private static double[] rand(SplittableRandom r, int len) {
        double[] d = new double[len];
        for (int i = 0; i < len; i++) d[i] = r.nextDouble(-1, 1);
        return d;
    }
}
