package org.thermolearn.experiments.reproduce;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.loss.BulkLoss;
import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Initialization;

import java.util.SplittableRandom;

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
    void energyMatchesTheBulkObjectiveAndItsGradient() {
        Network n = net();
        GaussianCheck g = new GaussianCheck(n, U);
        int r = g.r();
        assertEquals(12, r);
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[r], grad = new double[r], z = new double[r], e = new double[r];
        for (int i = 0; i < r; i++) x[i] = rng.nextGaussian() * 0.5;
        double h = g.energy(x, grad, z, e);
        // with the outputs x_out as "targets" the bulk objective over the hidden neurons is the same H (S4 before minimising)
        double[] hidden = java.util.Arrays.copyOfRange(x, 0, 9), out = java.util.Arrays.copyOfRange(x, 9, 12);
        double[] gb = new double[9];
        double hb = new BulkLoss(Linalg.select("java")).objective(n, U, out, hidden, gb)[0];
        assertEquals(hb, h, 1e-12);
        for (int i = 0; i < 9; i++) assertEquals(gb[i], grad[i], 1e-12, "hidden gradient " + i);
        for (int i = 0; i < r; i++) {
            double d = 1e-6;
            double[] xp = x.clone(), xm = x.clone();
            xp[i] += d;
            xm[i] -= d;
            double fd = (g.energy(xp, null, z, e) - g.energy(xm, null, z, e)) / (2 * d);
            assertEquals(fd, grad[i], 1e-7, "finite difference " + i);
        }
    }

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

    @Test
    void diagnosticsOfIndependentDraws() {
        SplittableRandom rng = new SplittableRandom(2);
        double[][] c = new double[4][2000];
        for (double[] row : c) for (int i = 0; i < row.length; i++) row[i] = rng.nextGaussian();
        assertEquals(1.0, GaussianCheck.Diagnostics.splitRHat(c), 0.01);
        double ess = GaussianCheck.Diagnostics.ess(c);
        assertTrue(ess > 5000 && ess < 12000, "ESS of iid draws ≈ 8000: " + ess);
    }
}
