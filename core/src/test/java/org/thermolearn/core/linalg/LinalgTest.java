package org.thermolearn.core.linalg;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Both backends of the seam agree to round-off on every operation. */
class LinalgTest {

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() - 0.5;
        return a;
    }

    @Test
    void nativeAndEjmlAgree() {
        var nat = NetlibLinalg.loadNative();
        Assumptions.assumeTrue(nat.isPresent(), "native OpenBLAS not installed (apt-get install libopenblas0)");
        Linalg n = nat.get(), j = EjmlLinalg.INSTANCE;
        int m = 7, k = 5, p = 6;
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                double[] a = random(m * k, 1), b = random(k * p, 2);
                double[] c1 = random(m * p, 3), c2 = c1.clone();
                n.gemm(ta, tb, m, p, k, 0.7, a, b, 0.3, c1);
                j.gemm(ta, tb, m, p, k, 0.7, a, b, 0.3, c2);
                assertArrayEquals(c2, c1, 1e-14, "gemm ta=" + ta + " tb=" + tb);
            }
        }
        double[] a = random(9 * 4, 4);
        assertArrayEquals(j.singularValues(9, 4, a), n.singularValues(9, 4, a), 1e-13);
        assertArrayEquals(j.singularValues(4, 9, a), n.singularValues(4, 9, a), 1e-13);
        double[] s = random(6 * 6, 5);
        for (int r = 0; r < 6; r++) for (int c = 0; c < r; c++) s[r * 6 + c] = s[c * 6 + r];
        assertArrayEquals(j.symmetricEigenvalues(6, s), n.symmetricEigenvalues(6, s), 1e-13);
        double[] rn = n.qrR(9, 4, a), rj = j.qrR(9, 4, a);
        for (int i = 0; i < 4; i++) for (int c = 0; c < 4; c++) assertEquals(Math.abs(rj[i * 4 + c]), Math.abs(rn[i * 4 + c]), 1e-13);
    }

    @Test
    void plainGemmIsRight() {
        double[] a = {1, 2, 3, 4, 5, 6}; // 2x3
        double[] b = {1, 0, 0, 1, 1, 1};  // 3x2
        double[] c = new double[4];
        EjmlLinalg.INSTANCE.gemm(false, false, 2, 2, 3, 1, a, b, 0, c);
        assertArrayEquals(new double[]{4, 5, 10, 11}, c, 0);
        assertThrows(IllegalArgumentException.class, () -> Linalg.select("cuda"));
    }
}
