package org.thermolearn.thermo.ensemble;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S₀ = (N_G/2) ln(2πeT) of (S19), the formula the second-law and first-law judges use, by hand (PIT, issue 18). */
class GaussianEntropyS0Test {

    @Test
    void s0ByHand() {
        // T = 1/(2πe): ln(2πeT) = 0
        assertEquals(0, GaussianEnsemble.s0(7, 1 / (2 * Math.PI * Math.E)), 1e-15);
        // N_G = 4, T = e²/(2πe): S₀ = 2 · 2 = 4
        assertEquals(4, GaussianEnsemble.s0(4, Math.E / (2 * Math.PI)), 1e-14);
        assertEquals(-1.5 * Math.log(2), GaussianEnsemble.s0(3, 0.5 / (2 * Math.PI * Math.E)), 1e-14);
        assertTrue(Double.isNaN(GaussianEnsemble.s0(3, -1)));
        assertTrue(Double.isNaN(GaussianEnsemble.s0(3, Double.NaN)));
    }
}
