package org.thermolearn.core.loss;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With identity activations the bulk loss (S4) is a linear least-squares problem in the hidden neurons, B(h) = ½|A h − c|²
 * (rows: the hidden residuals E_h = (I − ŵ_hh) h − ŵ_h,in x − b_h and the output residuals E_out = y − ŵ_out,h h − ŵ_out,in x − b_out),
 * and (S6) with a mass m adds (m/2)(|h|² + |y|²). Its minimum is the solution of the normal equations, computed here by a plain
 * dense Gaussian elimination that shares nothing with {@link BulkObjective} — an independent oracle for the value, the gradient,
 * the minimiser and the forward-pass start. Gauss–Newton is exact on a linear least-squares problem, so the default method
 * reaches the minimum with one step from the forward pass: two evaluations per sample (issue 18: PIT survivors of the
 * Gauss–Newton solve). The net is 4-3-3-3 with skip edges input → hidden 2, hidden 1 → output and input → output, and an odd
 * n_out; samples are split into chunks of 3.
 */
class LinearNetworkBulkLossTest {

    private static final Linalg LA = EjmlLinalg.INSTANCE;
    private static final int[] SIZES = {4, 3, 3, 3};
    private static final int SAMPLES = 7, H = 6;

    private static Network net() {
        return TestNets.random(41, 0.9, 0.4, Activation.IDENTITY, Activation.IDENTITY, SIZES, new int[] {0, 2}, new int[] {1, 3}, new int[] {0, 3});
    }

    /** A (9 × 6) of one sample: hidden rows then output rows. */
    private static double[][] matrixA(Network net) {
        NeuronLayout l = net.layout();
        double[][] a = new double[H + 3][H];
        for (int i = 0; i < H; i++) a[i][i] = 1;
        for (Block b : net.weights().blocks()) {
            if (b.from() == 0) continue;
            int col0 = l.offset(b.from()) - 4;
            int row0 = l.offset(b.to()) - 4;
            double sign = b.to() == 3 ? 1 : -1; // E_h = h − ŵ_hh h − …; −E_out = ŵ_out,h h − (y − ŵ_out,in x − b_out)
            for (int r = 0; r < b.rows(); r++) for (int k = 0; k < b.cols(); k++) a[row0 + r][col0 + k] += sign * b.w()[r * b.cols() + k];
        }
        return a;
    }

    /** c of one sample: ŵ_h,in x + b_h for the hidden rows, y − ŵ_out,in x − b_out for the output rows (A h − c = (E_h, −E_out)). */
    private static double[] vectorC(Network net, double[] x, double[] y) {
        NeuronLayout l = net.layout();
        double[] c = new double[H + 3];
        for (int i = 0; i < H + 3; i++) c[i] = net.bias()[4 + i];
        for (Block b : net.weights().blocks()) {
            if (b.from() != 0) continue;
            int row0 = l.offset(b.to()) - 4;
            for (int r = 0; r < b.rows(); r++) for (int k = 0; k < b.cols(); k++) c[row0 + r] += b.w()[r * b.cols() + k] * x[k];
        }
        for (int j = 0; j < 3; j++) c[H + j] = y[j] - c[H + j];
        return c;
    }

    private static double[] residual(double[][] a, double[] c, double[] h) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = -c[i];
            for (int k = 0; k < H; k++) s += a[i][k] * h[k];
            r[i] = s;
        }
        return r;
    }

    private static double half2(double[] r) {
        double s = 0;
        for (double v : r) s += v * v;
        return 0.5 * s;
    }

    /** argmin ½|A h − c|² + (m/2)|h|²: (AᵀA + m I) h = Aᵀc by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] c, double m) {
        double[][] n = new double[H][H + 1];
        for (int i = 0; i < H; i++) {
            for (int j = 0; j < H; j++) {
                double s = i == j ? m : 0;
                for (int r = 0; r < a.length; r++) s += a[r][i] * a[r][j];
                n[i][j] = s;
            }
            double s = 0;
            for (int r = 0; r < a.length; r++) s += a[r][i] * c[r];
            n[i][H] = s;
        }
        for (int p = 0; p < H; p++) {
            int best = p;
            for (int i = p + 1; i < H; i++) if (Math.abs(n[i][p]) > Math.abs(n[best][p])) best = i;
            double[] t = n[p];
            n[p] = n[best];
            n[best] = t;
            for (int i = p + 1; i < H; i++) {
                double f = n[i][p] / n[p][p];
                for (int j = p; j <= H; j++) n[i][j] -= f * n[p][j];
            }
        }
        double[] h = new double[H];
        for (int i = H - 1; i >= 0; i--) {
            double s = n[i][H];
            for (int j = i + 1; j < H; j++) s -= n[i][j] * h[j];
            h[i] = s / n[i][i];
        }
        return h;
    }

    private static double[] row(double[] a, int s, int w) { return java.util.Arrays.copyOfRange(a, s * w, (s + 1) * w); }

    @Test
    void gaussNewtonReachesTheLeastSquaresMinimumInOneStep() {
        Network net = net();
        double[] in = TestNets.uniform(5, SAMPLES * 4, -1, 1), out = TestNets.uniform(6, SAMPLES * 3, -2, 2);
        BulkLossResult r = new BulkLoss(LA, BulkLossOptions.DEFAULT.withChunkSize(3).withHiddenStates(true), 1).evaluate(net, in, out);
        double[][] a = matrixA(net);
        double mean = 0, startMean = 0;
        for (int s = 0; s < SAMPLES; s++) {
            double[] c = vectorC(net, row(in, s, 4), row(out, s, 3));
            double[] h = solve(a, c, 0);
            double min = half2(residual(a, c, h));
            assertEquals(min, r.perSample()[s], 1e-12 * (1 + min), "sample " + s + ": the least-squares minimum");
            for (int k = 0; k < H; k++) assertEquals(h[k], r.hiddenStates()[s * H + k], 1e-9, "sample " + s + ", hidden " + k);
            // the start: the forward pass (hidden residuals 0), i.e. the boundary loss ½|y − ŷ|²
            double[] fwd = forward(net, row(in, s, 4));
            double start = 0;
            for (int j = 0; j < 3; j++) start += 0.5 * (out[s * 3 + j] - fwd[H + j]) * (out[s * 3 + j] - fwd[H + j]);
            assertEquals(start, r.start()[s], 1e-12 * (1 + start), "sample " + s + ": start = boundary loss");
            assertTrue(r.gradInf()[s] <= 1e-9, "sample " + s + ": converged, gradient " + r.gradInf()[s]);
            mean += min / SAMPLES;
            startMean += start / SAMPLES;
        }
        assertEquals(mean, r.mean(), 1e-12);
        assertEquals(startMean, r.startMean(), 1e-12);
        assertEquals(mean / startMean, r.ratioToStart(), 1e-12);
        assertEquals(2, r.iterations(), "Gauss-Newton is exact on a linear least-squares problem: the start and one step");
        assertEquals(2.0, r.meanIterations(), 0);
        assertEquals(0, r.notConverged());
        assertEquals(0, r.stalled());
        assertTrue(r.allConverged());
        assertEquals(r.maxGradInf(), java.util.Arrays.stream(r.gradInf()).max().orElseThrow(), 0);
        // L-BFGS directions find the same (unique) minimum
        BulkLossResult lb = new BulkLoss(LA, BulkLossOptions.DEFAULT.withChunkSize(3).withMethod(BulkLossOptions.Method.LBFGS), 2).evaluate(net, in, out);
        for (int s = 0; s < SAMPLES; s++) assertEquals(r.perSample()[s], lb.perSample()[s], 1e-11, "L-BFGS, sample " + s);
        assertTrue(lb.iterations() > 2, "L-BFGS starts with steepest descent and needs more than one step: " + lb.iterations());
    }

    /** Forward activations of the hidden and output neurons (identity f): x_g = Σ ŵ_{g,f} x_f + b_g in group order. */
    private static double[] forward(Network net, double[] x) {
        NeuronLayout l = net.layout();
        double[] all = new double[l.n()];
        System.arraycopy(x, 0, all, 0, 4);
        for (int g = 1; g < SIZES.length; g++) {
            for (int i = l.offset(g); i < l.offset(g + 1); i++) all[i] = net.bias()[i];
            for (Block b : net.weights().blocks()) {
                if (b.to() != g) continue;
                for (int r = 0; r < b.rows(); r++) for (int k = 0; k < b.cols(); k++) all[l.offset(g) + r] += b.w()[r * b.cols() + k] * all[l.offset(b.from()) + k];
            }
        }
        return java.util.Arrays.copyOfRange(all, 4, l.n());
    }

    @Test
    void valueAndGradientAtAnyHiddenStateAreTheLeastSquaresOnes() {
        Network net = net();
        double[] in = TestNets.uniform(7, SAMPLES * 4, -1, 1), out = TestNets.uniform(8, SAMPLES * 3, -2, 2), hid = TestNets.uniform(9, SAMPLES * H, -3, 3);
        double[] grad = new double[SAMPLES * H];
        for (Potential pot : new Potential[] {Potential.NONE, Potential.mass(0.7)}) {
            double m = pot.strength();
            double[] val = new BulkLoss(LA, BulkLossOptions.DEFAULT.withChunkSize(3).withPotential(pot)).objective(net, in, out, hid, grad);
            double[][] a = matrixA(net);
            for (int s = 0; s < SAMPLES; s++) {
                double[] c = vectorC(net, row(in, s, 4), row(out, s, 3)), h = row(hid, s, H), r = residual(a, c, h);
                double v = half2(r), hh = 0, yy = 0;
                for (double x : h) hh += x * x;
                for (int j = 0; j < 3; j++) yy += out[s * 3 + j] * out[s * 3 + j];
                v += 0.5 * m * (hh + yy);
                assertEquals(v, val[s], 1e-12 * (1 + v), pot + ", sample " + s + ": value");
                for (int k = 0; k < H; k++) {
                    double g = m * h[k];
                    for (int i = 0; i < a.length; i++) g += a[i][k] * r[i];
                    assertEquals(g, grad[s * H + k], 1e-12 * (1 + Math.abs(g)), pot + ", sample " + s + ", ∂B/∂h_" + k);
                }
            }
        }
    }

    @Test
    void aMassTermShiftsTheMinimumToTheRidgeSolution() {
        // (S6) with V = (m/2) x²: minimise ½|A h − c|² + (m/2)|h|² (+ the constant (m/2)|y|² of the clamped outputs); L-BFGS is used
        Network net = net();
        double m = 0.5;
        double[] in = TestNets.uniform(11, SAMPLES * 4, -1, 1), out = TestNets.uniform(12, SAMPLES * 3, -2, 2);
        BulkLossResult r = new BulkLoss(LA, BulkLossOptions.DEFAULT.withChunkSize(3).withHiddenStates(true).withPotential(Potential.mass(m))).evaluate(net, in, out);
        double[][] a = matrixA(net);
        for (int s = 0; s < SAMPLES; s++) {
            double[] c = vectorC(net, row(in, s, 4), row(out, s, 3)), h = solve(a, c, m);
            double hh = 0, yy = 0;
            for (double x : h) hh += x * x;
            for (int j = 0; j < 3; j++) yy += out[s * 3 + j] * out[s * 3 + j];
            double min = half2(residual(a, c, h)) + 0.5 * m * (hh + yy);
            assertEquals(min, r.perSample()[s], 1e-11 * (1 + min), "sample " + s);
            for (int k = 0; k < H; k++) assertEquals(h[k], r.hiddenStates()[s * H + k], 1e-8, "sample " + s + ", hidden " + k);
        }
        assertTrue(r.allConverged());
    }
}
