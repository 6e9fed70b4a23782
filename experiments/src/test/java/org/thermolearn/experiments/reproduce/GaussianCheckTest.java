package org.thermolearn.experiments.reproduce;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Initialization;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianCheckTest {

    private static Network net() {
        Network n = Initialization.normal(1.5).create(Architecture.layered(6, 5, 4, 3), 3);
        double[] b = n.bias();
        for (int i = 6; i < b.length; i++) b[i] = 0.3 * Math.sin(i);
        return n;
    }

    private static final double[] U = {0.1, 0.9, 0.0, 0.5, 0.3, 0.7};

    @Test
    void samplerRecoversTheExactEnergyAndTheGaussianCovarianceAtLargeBeta() {
        GaussianCheck g = new GaussianCheck(net(), U);
        GaussianCheck.Result res = g.run(new Scale.McmcSettings(new double[] {0.5, 1e4}, 4, 200, 600, 8, 20_000), 11, "test", "test", s -> { });
        for (GaussianCheck.BetaPoint p : res.points()) {
            // Z = (2π/β)^{R/2} exactly, so U = R/(2β) at every β
            assertEquals(p.uGauss(), p.uExact(), 0.03 * p.uGauss(), "exact sampler U at β = " + p.beta());
            assertEquals(p.uGauss(), p.uHmc(), Math.max(5 * p.uHmcError(), 0.05 * p.uGauss()), "HMC U at β = " + p.beta());
            assertTrue(p.rHatMax() < 1.1, "R̂ at β = " + p.beta() + ": " + p.rHatMax());
            assertEquals(p.sGauss(), p.sTi(), 0.05 * Math.abs(p.sGauss()) + 0.5, "TI entropy at β = " + p.beta());
        }
        GaussianCheck.BetaPoint hot = res.points().get(0), cold = res.points().get(1);
        assertTrue(cold.covErrExactVsGaussFixedPoint() < 0.05, "Gaussian at the matching point holds at large β: " + cold.covErrExactVsGaussFixedPoint());
        assertTrue(hot.covErrExactVsGaussFixedPoint() > cold.covErrExactVsGaussFixedPoint(), "and degrades at small β");
    }
}
