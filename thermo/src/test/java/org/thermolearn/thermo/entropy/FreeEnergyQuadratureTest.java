package org.thermolearn.thermo.entropy;

import org.junit.jupiter.api.Test;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.spectrum.Spectrum;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The single-mode free energy of a box (S32) against its defining integral, φ(y; β) = −(1/β) ln ∫_{−a}^{a}
 * exp(−β e^y x²/2) dx, by composite Simpson quadrature (no erf), and the sums of (S28)–(S31) written out
 * over a spectrum with known eigenvalues (PIT survivors, issue 18).
 */
class FreeEnergyQuadratureTest {

    private static double phiByQuadrature(double y, double beta, double a) {
        double u = beta * Math.exp(y);
        int n = 20000;
        double h = 2 * a / n, sum = 0;
        for (int k = 0; k <= n; k++) {
            double x = -a + k * h;
            double w = k == 0 || k == n ? 1 : (k % 2 == 1 ? 4 : 2);
            sum += w * Math.exp(-u * x * x / 2);
        }
        return -Math.log(sum * h / 3) / beta;
    }

    @Test
    void boxFreeEnergyIsItsIntegral() {
        for (double a : new double[]{1.0, 0.5, 2.0}) {
            BoxFreeEnergy box = new BoxFreeEnergy(a);
            for (double beta : new double[]{0.1, 1, 7}) {
                for (double y : new double[]{-45, -20, -3, 0, 2.5, 6}) {
                    double q = phiByQuadrature(y, beta, a);
                    assertEquals(q, box.phi(y, beta), 1e-9 * Math.max(1, Math.abs(q)), "a=" + a + " beta=" + beta + " y=" + y);
                }
            }
        }
        assertEquals("box(a=0.5)", new BoxFreeEnergy(0.5).name());
        assertThrows(IllegalArgumentException.class, () -> new BoxFreeEnergy(0));
        assertThrows(IllegalArgumentException.class, () -> new BoxFreeEnergy(Double.POSITIVE_INFINITY));
    }

    @Test
    void boxSecondDerivativeAcrossItsBranches() {
        BoxFreeEnergy box = BoxFreeEnergy.standard();
        // z = sqrt(beta e^y / 2) crosses 1e-4 near y = -16.8 (beta 2) and 40 near y = 8.1 (beta 1)
        for (double[] p : new double[][]{{-17.5, 2}, {-16.5, 2}, {-10, 1}, {0, 1}, {3, 0.5}, {7.9, 1}, {8.3, 1}}) {
            double y = p[0], beta = p[1], h = 1e-3;
            double fd = (phiByQuadrature(y + h, beta, 1) - 2 * phiByQuadrature(y, beta, 1) + phiByQuadrature(y - h, beta, 1)) / (h * h);
            assertEquals(fd, box.phiSecond(y, beta), 2e-4 * Math.max(1, Math.abs(fd)) + 1e-6, "y=" + y + " beta=" + beta);
        }
    }

    @Test
    void laplaciansAndTwoPartDeltaFAreTheirSums() {
        double[] kinetic = {0.25, 0.5, 1.0, 1.0, 3.0};
        Spectrum s = Spectrum.fromKinetic(IntegrationSpace.ALL, 5, kinetic, 0.0, 1e-9, Route.DENSE, false, null);
        double beta = 1.7;
        double lap = 0, lapY = 0;
        BoxFreeEnergy box = BoxFreeEnergy.standard();
        for (double l : kinetic) {
            lap += -1 / (l * l) / (2 * beta);
            lapY += box.phiSecond(Math.log(l), beta);
        }
        assertEquals(lap, EntropyProduction.laplacianLambda(s, beta), 1e-14);
        assertEquals(lapY, EntropyProduction.laplacianLnLambda(s, beta, box), 1e-14);
        double y = -2.0, eps = 0.2;
        double expected = 3 * (eps * box.phi(y, beta) + (1 - eps) * box.phi(-eps * y / (1 - eps), beta) - box.phi(0, beta));
        assertEquals(expected, EntropyProduction.twoPartDeltaF(y, beta, 3, eps, box), 1e-14);
        double[] grid = EntropyProduction.twoPartDeltaF(new double[]{y, 0}, beta, 3, eps, box);
        assertEquals(expected, grid[0], 1e-14);
        assertEquals(0.0, grid[1], 1e-14);
        assertEquals(2, grid.length);
        for (double bad : new double[]{0, -1, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> EntropyProduction.laplacianLambda(s, bad));
            assertThrows(IllegalArgumentException.class, () -> EntropyProduction.laplacianLnLambda(s, bad, box));
            assertThrows(IllegalArgumentException.class, () -> EntropyProduction.twoPartDeltaF(1, bad, 1, 0.5, box));
        }
        assertThrows(IllegalArgumentException.class, () -> EntropyProduction.twoPartDeltaF(1, 1, 1, 0, box));
        assertThrows(IllegalArgumentException.class, () -> EntropyProduction.twoPartDeltaF(1, 1, 1, 1, box));
        assertDoesNotThrow(() -> EntropyProduction.laplacianLambda(s, Double.MIN_NORMAL), "any positive finite beta is accepted");
    }
}
