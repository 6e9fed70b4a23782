package org.thermolearn.core.network;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ActivationTest {

    @Test
    void fastTanhIsWithinFourUlpsOfMathTanh() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 2_000_000; i++) {
            double z = (r.nextDouble() - 0.5) * (i % 2 == 0 ? 0.4 : 50);
            double t = Math.tanh(z);
            assertTrue(Math.abs(Activation.tanh(z) - t) <= 4 * Math.ulp(t), "z = " + z);
        }
        assertEquals(0.0, Activation.tanh(0.0));
        assertEquals(1.0, Activation.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Activation.tanh(-40));
        assertTrue(Double.isNaN(Activation.tanh(Double.NaN)));
    }

    @Test
    void derivativesAgreeWithFiniteDifferencesAndWithTheValueForm() {
        for (Activation a : Activation.values()) {
            for (double z : new double[]{-2.5, -0.3, 0.05, 0.7, 3.1}) {
                double h = 1e-6;
                assertEquals((a.f(z + h) - a.f(z - h)) / (2 * h), a.df(z), 1e-8, a + " at " + z);
                assertEquals(a.df(z), a.dfFromValue(a.f(z)), 1e-12, a + " value form at " + z);
            }
        }
    }
}
