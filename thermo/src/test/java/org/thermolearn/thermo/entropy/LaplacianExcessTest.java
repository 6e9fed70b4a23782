package org.thermolearn.thermo.entropy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Laplacian excesses of (S30) over a flat spectrum, the quantities the S30 claim judge compares between depths,
 * written out by hand (PIT: no test of the CI scope reached them, issue 18).
 */
class LaplacianExcessTest {

    /** φ″(y; β) = y² + β: the excess over φ″(0) is Σ y². */
    private static final SingleModeFreeEnergy SQUARE = new SingleModeFreeEnergy() {
        @Override public double phi(double y, double beta) { return y * y * y * y / 12 + beta * y * y / 2; }
        @Override public double phiSecond(double y, double beta) { return y * y + beta; }
        @Override public String name() { return "square"; }
    };

    @Test
    void lnLambdaExcessSubtractsTheFlatValueAndSkipsNonFiniteValues() {
        assertEquals(1 + 4, EntropyProduction.laplacianLnLambdaExcess(new double[]{1, -2, Double.NaN, Double.NEGATIVE_INFINITY}, 3, SQUARE), 0);
        assertEquals(0, EntropyProduction.laplacianLnLambdaExcess(new double[0], 3, SQUARE), 0);
        assertThrows(IllegalArgumentException.class, () -> EntropyProduction.laplacianLnLambdaExcess(new double[]{1}, 0, SQUARE));
        assertThrows(IllegalArgumentException.class, () -> EntropyProduction.laplacianLnLambdaExcess(new double[]{1}, Double.POSITIVE_INFINITY, SQUARE));
    }

    @Test
    void lambdaExcessByHand() {
        // −(1/2β) Σ (λ⁻² − 1) at β = 4: λ = 2 gives +0.75/8, λ = 1/2 gives −3/8
        assertEquals(0.75 / 8 - 3.0 / 8, EntropyProduction.laplacianLambdaExcess(new double[]{Math.log(2), Math.log(0.5), Double.NaN}, 4), 1e-15);
        assertEquals(0, EntropyProduction.laplacianLambdaExcess(new double[]{0}, 4), 0);
        assertThrows(IllegalArgumentException.class, () -> EntropyProduction.laplacianLambdaExcess(new double[]{1}, -1));
    }

    @Test
    void namesUsedInProvenance() {
        assertEquals("box(a=1.0)", BoxFreeEnergy.standard().name());
        assertEquals("mass(m=0.1)", new MassFreeEnergy(0.1).name());
    }
}
