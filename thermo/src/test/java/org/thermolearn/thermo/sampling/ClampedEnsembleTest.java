package org.thermolearn.thermo.sampling;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.loss.BulkLoss;
import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Initialization;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clamped canonical ensemble: its energy is the loss (S6), its minimum the forward pass, its Hessian Ĝ_R(x*); the HMC diagnostics. */
class ClampedEnsembleTest {

    private static final Linalg LA = EjmlLinalg.INSTANCE;
    private static final double[] U = {0.1, 0.9, 0.0, 0.5, 0.3, 0.7};

    static Network net() {
        Network n = Initialization.normal(1.5).create(Architecture.layered(6, 5, 4, 3), 3);
        double[] b = n.bias();
        for (int i = 6; i < b.length; i++) b[i] = 0.3 * Math.sin(i);
        return n;
    }

    @Test
    void energyMatchesTheBulkObjectiveAndItsGradient() {
        Network n = net();
        ClampedEnsemble g = new ClampedEnsemble(n, U, LA);
        int r = g.r();
        assertEquals(12, r);
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[r], grad = new double[r];
        for (int i = 0; i < r; i++) x[i] = rng.nextGaussian() * 0.5;
        double h = g.energy(x, grad);
        // with the outputs x_out as "targets" the bulk objective over the hidden neurons is the same H (S4 before minimising)
        double[] hidden = Arrays.copyOfRange(x, 0, 9), out = Arrays.copyOfRange(x, 9, 12);
        double[] gb = new double[9];
        double hb = new BulkLoss(LA).objective(n, U, out, hidden, gb)[0];
        assertEquals(hb, h, 1e-12);
        for (int i = 0; i < 9; i++) assertEquals(gb[i], grad[i], 1e-12, "hidden gradient " + i);
        for (int i = 0; i < r; i++) {
            double d = 1e-6;
            double[] xp = x.clone(), xm = x.clone();
            xp[i] += d;
            xm[i] -= d;
            double fd = (g.energy(xp, null) - g.energy(xm, null)) / (2 * d);
            assertEquals(fd, grad[i], 1e-7, "finite difference " + i);
        }
        assertEquals(0.0, g.energy(g.fixedPoint(), null), 1e-28, "H = 0 at the forward pass (P10)");
    }

    @Test
    void theHessianAtTheFixedPointIsGHatR() {
        ClampedEnsemble g = new ClampedEnsemble(net(), U, LA);
        int r = g.r();
        double[] x0 = g.fixedPoint(), gHat = g.operatorAtFixedPoint().denseG(LA);
        double d = 1e-4;
        for (int i = 0; i < r; i++) {
            double[] gp = new double[r], gm = new double[r], xp = x0.clone(), xm = x0.clone();
            xp[i] += d;
            xm[i] -= d;
            g.energy(xp, gp);
            g.energy(xm, gm);
            for (int j = 0; j < r; j++) assertEquals(gHat[j * r + i], (gp[j] - gm[j]) / (2 * d), 1e-6, "Hessian " + j + "," + i);
        }
        double[] aInv = ClampedEnsemble.inverseA(g.operatorAtFixedPoint()), a = g.operatorAtFixedPoint().denseA(), id = new double[r * r];
        LA.gemm(false, false, r, r, r, 1.0, a, aInv, 0.0, id);
        for (int i = 0; i < r; i++) for (int j = 0; j < r; j++) assertEquals(i == j ? 1 : 0, id[i * r + j], 1e-12, "A A⁻¹ = I");
    }

    @Test
    void noisyForwardPassIsTheForwardPassWithoutNoise() {
        ClampedEnsemble g = new ClampedEnsemble(net(), U, LA);
        double[] x = new double[g.r()];
        assertEquals(0.0, g.noisyForward(new double[g.r()], 0.0, x), 0);
        assertEquals(Arrays.toString(g.fixedPoint()), Arrays.toString(x));
    }

    @Test
    void hmcSamplesTheEnsembleWithEquipartitionEnergy() {
        ClampedEnsemble g = new ClampedEnsemble(net(), U, LA);
        Hmc.Result h = new Hmc(g).sample(1e3, new Hmc.Settings(4, 200, 400, 8), new SplittableRandom(3));
        double uGauss = g.r() / (2 * 1e3); // Z = (2π/β)^{R/2} exactly for a feed-forward net
        assertEquals(uGauss, h.meanH(), Math.max(5 * h.mcse(), 0.05 * uGauss));
        assertTrue(h.rHatMax() < 1.1, "R̂ " + h.rHatMax());
        assertTrue(h.acceptance() > 0.5, "acceptance " + h.acceptance());
    }

    @Test
    void diagnosticsOfIndependentDraws() {
        SplittableRandom rng = new SplittableRandom(2);
        double[][] c = new double[4][2000];
        for (double[] row : c) for (int i = 0; i < row.length; i++) row[i] = rng.nextGaussian();
        assertEquals(1.0, McmcDiagnostics.splitRHat(c), 0.01);
        double ess = McmcDiagnostics.ess(c);
        assertTrue(ess > 5000 && ess < 12000, "ESS of iid draws ≈ 8000: " + ess);
        for (double[] row : c) for (int i = 0; i < row.length; i++) row[i] += row == c[0] ? 1 : 0; // one chain shifted
        assertTrue(McmcDiagnostics.splitRHat(c) > 1.1, "a shifted chain is detected");
    }
}
