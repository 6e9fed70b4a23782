package org.thermolearn.thermo.ensemble;

import org.junit.jupiter.api.Test;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.spectrum.Spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moments (S35), complexity (S21, S22, C_m) and the thermometer (S23, S24) of a spectrum whose eigenvalues
 * are written down here: kinetic κ = {0.25, 0.5, 1, 1, 3} (two trivial), with mass m = 0.3, λ = κ + m
 * (PIT survivors, issue 18).
 */
class KnownSpectrumTest {

    private static final double[] KAPPA = {0.25, 0.5, 1, 1, 3};
    private static final double M = 0.3;

    private static Spectrum spectrum() {
        return Spectrum.fromKinetic(IntegrationSpace.ALL, 5, KAPPA, M, 1e-9, Route.DENSE, false, null);
    }

    @Test
    void momentsOverAllAndOverTheNonTrivialEigenvalues() {
        Moments mo = Moments.of(spectrum(), 4);
        for (int n = 1; n <= 4; n++) {
            double all = 0, nt = 0, k = 0;
            for (double kap : KAPPA) {
                double l = kap + M;
                all += Math.pow(Math.log(l), n) / 5;
                k += Math.pow(l - 1, n) / 5;
                if (kap != 1) nt += Math.pow(Math.log(l), n) / 3;
            }
            assertEquals(all, mo.mu(n), 1e-14, "mu" + n);
            assertEquals(nt, mo.muNt(n), 1e-14, "mu" + n + "_nt");
            assertEquals(k, mo.kappa(n), 1e-14, "kappa" + n);
        }
        assertEquals(mo.muNt(3) / Math.pow(mo.muNt(2), 1.5), mo.skewnessNt(), 1e-14);
        assertEquals(5, mo.mu().length);
        assertThrows(IllegalArgumentException.class, () -> Moments.of(spectrum(), 2));
        Moments trivialOnly = Moments.of(Spectrum.fromKinetic(IntegrationSpace.ALL, 3, new double[]{1, 1, 1}, 0, 1e-9, Route.DENSE, false, null), 3);
        assertTrue(Double.isNaN(trivialOnly.skewnessNt()));
        assertTrue(Double.isNaN(trivialOnly.muNt(2)));
        assertEquals(0.0, trivialOnly.mu(2), 0);
    }

    @Test
    void complexityVariantsWrittenOut() {
        Spectrum s = spectrum();
        // lambda = 0.55, 0.8, 1.3, 1.3, 3.3
        Complexity c = Complexity.of(s, 1.0, 0.6, 0.2);
        assertEquals(-0.5 * (2 * Math.log(1.3) + Math.log(3.3)), c.cGt(), 1e-14);
        assertEquals(4, c.effectiveRank(), "0.8, 1.3, 1.3, 3.3 exceed 0.6");
        assertEquals(-0.5 * (Math.log(0.45) + Math.log(0.7) + 2 * Math.log(1.2) + Math.log(3.2)), c.cMass(), 1e-14);
        assertEquals(-0.5 * s.lnDetG(), c.cLnDet(), 0);
        assertEquals(-0.5 * Math.log(3.3), Complexity.of(s, 1.3, 0.6, 0.2).cGt(), 1e-14, "lambda = lambda_c is not above the cut");
        assertEquals(-0.5 * (Math.log(0.8) + 2 * Math.log(1.3) + Math.log(3.3)), Complexity.of(s, 0.55, 0.6, 0.2).cGt(), 1e-14);
        assertEquals(1, Complexity.of(s, 1, 1.3, 0.2).effectiveRank(), "only 3.3 is above epsilon = 1.3 (the trivial 1 + m = 1.3 is not)");
        assertEquals(3, Complexity.of(s, 1, 1.29, 0.2).effectiveRank());
        assertEquals(5, Complexity.of(s, 1, 0.5, 0.2).effectiveRank());
        assertTrue(Double.isNaN(Complexity.of(s, 1, 0.5, 0).cMass()));
        assertThrows(IllegalArgumentException.class, () -> Complexity.of(s, 1, 0.5, -1e-9));
    }

    @Test
    void thermometerFromTheMeanAndFromFluctuations() {
        Thermometer t = Thermometer.fromMean(0.0, 4);
        assertEquals(0.0, t.temperature(), 0);
        assertEquals(0.5, t.varianceRatioGaussian(), 0);
        assertThrows(IllegalArgumentException.class, () -> Thermometer.fromMean(-1e-12, 4));
        assertThrows(IllegalArgumentException.class, () -> Thermometer.fromMean(Double.NaN, 4));
        assertThrows(IllegalArgumentException.class, () -> Thermometer.fromMean(1, 0));
        Thermometer f = Thermometer.fromSamples(new double[]{2, 4}, 1);
        assertEquals(3, f.meanLoss(), 0);
        assertEquals(6, f.temperature(), 1e-15);
        assertEquals(Math.sqrt(1 / (2 * 2.0)), f.betaFluctuation(), 1e-15);
        assertEquals(2.0 / 9, f.varianceRatio(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Thermometer.fromSamples(new double[]{1, Double.NaN}, 2));
        assertThrows(IllegalArgumentException.class, () -> Thermometer.fromSamples(null, 2));
        assertEquals(1 / 0.25, GaussianEnsemble.of(3, 0, 0, 0.25).temperature(), 0);
    }
}
