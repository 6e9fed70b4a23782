package org.thermolearn.core.loss;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.ForwardPass;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BulkLossTest {

    private static final Linalg LA = EjmlLinalg.INSTANCE;

    /** Random nets: layered, with skip edges, deep, wide-output, other activations. */
    private static List<Network> nets() {
        List<Network> n = new ArrayList<>();
        n.add(TestNets.tanh(1, 1.5, new int[] {7, 6, 4}));
        n.add(TestNets.tanh(2, 2.0, new int[] {6, 5, 4, 3}, new int[] {0, 2}));
        n.add(TestNets.tanh(3, 1.0, new int[] {5, 6, 6, 6, 4}, new int[] {0, 3}, new int[] {1, 4}, new int[] {0, 4}));
        n.add(TestNets.tanh(4, 3.0, new int[] {8, 7, 7, 7, 7, 7, 3}));
        n.add(TestNets.tanh(5, 1.0, new int[] {4, 3, 12}));
        n.add(TestNets.random(6, 1.5, 0.5, Activation.SIGMOID, Activation.IDENTITY, new int[] {6, 5, 5, 2}, new int[] {1, 3}));
        n.add(TestNets.random(7, 1.5, 0.5, Activation.SOFTPLUS, Activation.TANH, new int[] {5, 8, 3}));
        return n;
    }

    private static double[] inputs(Network net, int samples, long seed) {
        return TestNets.uniform(seed, samples * net.layout().nIn(), -1, 1);
    }

    private static double[] targets(Network net, int samples, long seed) {
        return TestNets.uniform(seed, samples * net.layout().nOut(), -0.9, 0.9);
    }

    @Test
    void startIsBoundaryLossAndBulkNeverExceedsItP6() {
        for (Network net : nets()) {
            int samples = 40;
            double[] in = inputs(net, samples, 21), t = targets(net, samples, 22);
            BoundaryLossResult b = BoundaryLoss.evaluate(net, in, t, LA);
            BulkLossResult r = new BulkLoss(LA).evaluate(net, in, t);
            assertTrue(r.allConverged(), net + ": stalled " + r.stalled() + ", capped " + r.notConverged() + ", max grad " + r.maxGradInf());
            assertTrue(r.maxGradInf() <= 1e-9, net + ": residual " + r.maxGradInf());
            for (int s = 0; s < samples; s++) {
                assertEquals(b.perSample()[s], r.start()[s], 0.0, net + " sample " + s + ": start value = H_∂ bit for bit");
                assertTrue(r.perSample()[s] <= b.perSample()[s], net + " sample " + s + ": P6");
                assertTrue(r.perSample()[s] >= 0, net + " sample " + s);
            }
            assertTrue(r.mean() < b.mean(), net + ": the hidden neurons absorb some error");
            assertEquals(b.mean(), r.startMean(), 1e-15 * b.mean());
        }
    }

    @Test
    void minimumIsStationaryAndHiddenStatesReproduceIt() {
        Network net = TestNets.tanh(2, 2.0, new int[] {6, 5, 4, 3}, new int[] {0, 2});
        int samples = 25;
        double[] in = inputs(net, samples, 31), t = targets(net, samples, 32);
        BulkLoss bl = new BulkLoss(LA, BulkLossOptions.DEFAULT.withHiddenStates(true));
        BulkLossResult r = bl.evaluate(net, in, t);
        assertNotNull(r.hiddenStates());
        assertEquals(9, r.hiddenCount());
        double[] g = new double[samples * 9];
        double[] v = bl.objective(net, in, t, r.hiddenStates(), g);
        for (int s = 0; s < samples; s++) {
            assertEquals(r.perSample()[s], v[s], 0.0, "objective at the returned states");
            double gi = 0;
            for (int j = 0; j < 9; j++) gi = Math.max(gi, Math.abs(g[s * 9 + j]));
            assertEquals(r.gradInf()[s], gi, 0.0, "reported gradient norm");
            assertTrue(gi <= 1e-9);
        }
        // the forward activations are the start: objective there = boundary loss
        double[][] a = ForwardPass.run(net, in, samples, LA);
        double[] fwd = new double[samples * 9];
        for (int s = 0; s < samples; s++) {
            System.arraycopy(a[1], s * 5, fwd, s * 9, 5);
            System.arraycopy(a[2], s * 4, fwd, s * 9 + 5, 4);
        }
        assertArrayEqualsExactly(r.start(), bl.objective(net, in, t, fwd, null));
        assertNull(new BulkLoss(LA).evaluate(net, in, t).hiddenStates());
    }

    private static void assertArrayEqualsExactly(double[] e, double[] a) {
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) assertEquals(e[i], a[i], 0.0, "index " + i);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Potential[] pots = {Potential.NONE, Potential.mass(0.3), Potential.doubleWell(0.7)};
        List<Network> list = List.of(
                TestNets.tanh(3, 1.0, new int[] {5, 6, 6, 6, 4}, new int[] {0, 3}, new int[] {1, 4}, new int[] {0, 4}),
                TestNets.random(6, 1.5, 0.5, Activation.SIGMOID, Activation.IDENTITY, new int[] {6, 5, 5, 2}, new int[] {1, 3}));
        for (Network net : list) {
            for (Potential p : pots) {
                int samples = 3, hc = net.layout().hiddenCount();
                double[] in = inputs(net, samples, 41), t = targets(net, samples, 42);
                double[] h = TestNets.uniform(43, samples * hc, -1.2, 1.2);
                BulkLoss bl = new BulkLoss(LA, BulkLossOptions.DEFAULT.withPotential(p));
                double[] g = new double[h.length];
                bl.objective(net, in, t, h, g);
                double eps = 1e-6;
                for (int k = 0; k < h.length; k++) {
                    double[] hp = h.clone(), hm = h.clone();
                    hp[k] += eps;
                    hm[k] -= eps;
                    int s = k / hc;
                    double fd = (bl.objective(net, in, t, hp, null)[s] - bl.objective(net, in, t, hm, null)[s]) / (2 * eps);
                    assertEquals(fd, g[k], 1e-7 * Math.max(1, Math.abs(fd)), net + " " + p + " coordinate " + k);
                    // other samples do not depend on this coordinate (separable objective)
                    int other = (s + 1) % samples;
                    assertEquals(bl.objective(net, in, t, h, null)[other], bl.objective(net, in, t, hp, null)[other], 0.0);
                }
            }
        }
    }

    @Test
    void objectiveMatchesDenseFormulaS4AndS6() {
        // ½ Σ_{i non-input} (x_i − f((ŵx + b)_i))² + Σ_{i non-input} V(x_i) on the dense N×N matrix
        Network net = TestNets.tanh(2, 2.0, new int[] {6, 5, 4, 3}, new int[] {0, 2});
        NeuronLayout l = net.layout();
        double[] in = inputs(net, 1, 51), t = targets(net, 1, 52);
        double[] h = TestNets.uniform(53, l.hiddenCount(), -1, 1);
        double[][] w = net.weights().toDense();
        double[] x = new double[l.n()];
        System.arraycopy(in, 0, x, 0, 6);
        System.arraycopy(h, 0, x, 6, 9);
        System.arraycopy(t, 0, x, 15, 3);
        for (Potential p : new Potential[] {Potential.NONE, Potential.mass(0.5), Potential.doubleWell(2)}) {
            double sum = 0;
            for (int i = l.nIn(); i < l.n(); i++) {
                double z = net.bias()[i];
                for (int j = 0; j < l.n(); j++) z += w[i][j] * x[j];
                double r = x[i] - Math.tanh(z);
                sum += 0.5 * r * r + p.value(x[i]);
            }
            double got = new BulkLoss(LA, BulkLossOptions.DEFAULT.withPotential(p)).objective(net, in, t, h, null)[0];
            assertEquals(sum, got, 1e-13, p.toString());
        }
    }

    @Test
    void potentialsChangeTheValueAsExpected() {
        // small weights: (S4) is then convex in the hidden neurons, so minima are unique and comparable per sample
        Network net = TestNets.tanh(2, 0.5, new int[] {6, 5, 4, 3}, new int[] {0, 2});
        int samples = 20;
        double[] in = inputs(net, samples, 61), t = targets(net, samples, 62);
        BulkLossOptions o = BulkLossOptions.DEFAULT.withHiddenStates(true);
        BulkLossResult none = new BulkLoss(LA, o).evaluate(net, in, t);
        BulkLossResult mass = new BulkLoss(LA, o.withPotential(Potential.mass(0.2))).evaluate(net, in, t);
        BulkLossResult well = new BulkLoss(LA, o.withPotential(Potential.doubleWell(0.5))).evaluate(net, in, t);
        double[][] a = ForwardPass.run(net, in, samples, LA);
        for (int s = 0; s < samples; s++) {
            // start = H_∂ + V(forward state), V over hidden and output neurons
            double m2 = 0, dw = 0;
            for (int g = 1; g <= 3; g++) {
                int ng = net.layout().size(g);
                for (int j = 0; j < ng; j++) {
                    double xv = g == 3 ? t[s * 3 + j] : a[g][s * ng + j];
                    m2 += 0.5 * 0.2 * xv * xv;
                    dw += 0.25 * 0.5 * (xv * xv - 1) * (xv * xv - 1);
                }
            }
            assertEquals(none.start()[s] + m2, mass.start()[s], 1e-13, "mass start");
            assertEquals(none.start()[s] + dw, well.start()[s], 1e-13, "double-well start");
            // V ≥ 0 raises the objective pointwise, hence its minimum: H_m ≥ H_0 (mass increases the value) ...
            assertTrue(mass.perSample()[s] > none.perSample()[s], "mass increases the bulk loss at sample " + s);
            // ... and the V = 0 part at the mass minimiser is no lower than the V = 0 minimum
            assertTrue(mass.perSample()[s] - massOf(mass, s, t, 0.2) >= none.perSample()[s] - 1e-12);
            assertTrue(mass.perSample()[s] <= mass.start()[s]);
            assertTrue(well.perSample()[s] <= well.start()[s]);
            assertTrue(Math.abs(well.perSample()[s] - none.perSample()[s]) > 1e-6, "double well changes the value");
        }
        assertTrue(none.allConverged() && mass.allConverged() && well.allConverged());
    }

    /** V_mass at the minimiser of the mass problem (hidden states + clamped outputs). */
    private static double massOf(BulkLossResult r, int s, double[] t, double m) {
        double v = 0;
        for (int j = 0; j < r.hiddenCount(); j++) v += 0.5 * m * Math.pow(r.hiddenStates()[s * r.hiddenCount() + j], 2);
        for (int j = 0; j < 3; j++) v += 0.5 * m * t[s * 3 + j] * t[s * 3 + j];
        return v;
    }

    @Test
    void linearRegimeS5MatchesExactMinimumForSmallErrors() {
        for (Network net : List.of(TestNets.tanh(1, 1.5, new int[] {7, 6, 4}),
                TestNets.tanh(8, 2.5, new int[] {5, 12, 3}, new int[] {0, 2}),
                TestNets.tanh(5, 1.0, new int[] {4, 3, 12}))) {
            int samples = 10, nOut = net.layout().nOut();
            double[] in = inputs(net, samples, 71);
            double[] y = ForwardPass.outputs(net, in, samples, LA);
            for (double eps : new double[] {1e-3, 1e-4}) {
                double[] r = TestNets.uniform(72, samples * nOut, -1, 1);
                double[] t = y.clone();
                for (int i = 0; i < t.length; i++) t[i] += eps * r[i];
                double[] lin = LinearBulkLoss.evaluate(net, in, t, LA);
                BulkLossResult exact = new BulkLoss(LA, BulkLossOptions.DEFAULT.withGtol(1e-13)).evaluate(net, in, t);
                BoundaryLossResult b = BoundaryLoss.evaluate(net, in, t, LA);
                for (int s = 0; s < samples; s++) {
                    double rel = Math.abs(lin[s] - exact.perSample()[s]) / exact.perSample()[s];
                    // the linearisation error is relative O(|δ|): allow 20 |δ|
                    assertTrue(rel < 20 * eps, net + " eps " + eps + " sample " + s + ": S5 " + lin[s] + " vs exact "
                            + exact.perSample()[s] + " (rel " + rel + ")");
                    assertTrue(lin[s] <= b.perSample()[s] * (1 + 1e-12), "S5 ≤ H_∂");
                }
            }
        }
    }

    @Test
    void linearRegimeNeedsOneHiddenGroup() {
        Network deep = TestNets.tanh(2, 2.0, new int[] {6, 5, 4, 3});
        var e = assertThrows(IllegalArgumentException.class,
                () -> LinearBulkLoss.evaluate(deep, new double[6], new double[3], LA));
        assertTrue(e.getMessage().contains("one hidden group"), e.getMessage());
    }

    @Test
    void networkWithoutHiddenNeuronsHasBulkEqualToBoundary() {
        Network net = TestNets.tanh(9, 1.0, new int[] {5, 3});
        double[] in = inputs(net, 10, 81), t = targets(net, 10, 82);
        BulkLossResult r = new BulkLoss(LA).evaluate(net, in, t);
        BoundaryLossResult b = BoundaryLoss.evaluate(net, in, t, LA);
        assertArrayEqualsExactly(b.perSample(), r.perSample());
        assertEquals(0, r.hiddenCount());
        assertEquals(0.0, r.maxGradInf());
        assertEquals(1, r.iterations());
    }

    @Test
    void gaussNewtonAndLbfgsFindTheSameMinima() {
        // the two direction choices share the start (the forward pass) and the stopping rule ‖∇B‖∞ ≤ 1e-9. (S4) is
        // non-convex: on the two nets with strong weights (scale 2 and 3, deep) a few samples end in different local
        // minima (either may be lower), so there only stationarity and P6 are required of both.
        List<Network> all = nets();
        for (int k = 0; k < all.size(); k++) {
            Network net = all.get(k);
            boolean strong = k == 1 || k == 3;
            int samples = 40;
            double[] in = inputs(net, samples, 121), t = targets(net, samples, 122);
            BulkLossOptions o = BulkLossOptions.DEFAULT.withHiddenStates(true);
            BulkLossResult gn = new BulkLoss(LA, o).evaluate(net, in, t);
            BulkLossResult lb = new BulkLoss(LA, o.withMethod(BulkLossOptions.Method.LBFGS)).evaluate(net, in, t);
            assertTrue(gn.allConverged() && lb.allConverged(), net.layout() + ": both converge");
            assertTrue(gn.maxGradInf() <= 1e-9, net.layout() + ": Gauss-Newton gradient " + gn.maxGradInf());
            for (int s = 0; s < samples; s++) {
                assertEquals(lb.start()[s], gn.start()[s], 0.0, "same start");
                assertTrue(gn.perSample()[s] <= gn.start()[s], "P6");
                if (!strong) assertEquals(lb.perSample()[s], gn.perSample()[s], 1e-9, net.layout() + ", sample " + s);
            }
            if (strong) continue;
            for (int i = 0; i < samples * gn.hiddenCount(); i++) {
                assertEquals(lb.hiddenStates()[i], gn.hiddenStates()[i], 1e-6, net.layout() + ", hidden state " + i);
            }
        }
    }

    @Test
    void potentialsUseLbfgsWhateverIsAsked() {
        BulkLossOptions o = BulkLossOptions.DEFAULT.withPotential(Potential.mass(0.3));
        assertTrue(!o.usesGaussNewton() && BulkLossOptions.DEFAULT.usesGaussNewton());
        Network net = TestNets.tanh(2, 2.0, new int[] {6, 5, 4, 3}, new int[] {0, 2});
        double[] in = inputs(net, 12, 131), t = targets(net, 12, 132);
        BulkLossResult a = new BulkLoss(LA, o).evaluate(net, in, t);
        BulkLossResult b = new BulkLoss(LA, o.withMethod(BulkLossOptions.Method.LBFGS)).evaluate(net, in, t);
        assertEquals(b.mean(), a.mean(), 0.0, "same bits: both L-BFGS");
    }

    @Test
    void chunkingAndBackendsDoNotChangeTheResult() {
        Network net = TestNets.tanh(3, 1.0, new int[] {5, 6, 6, 6, 4}, new int[] {0, 3}, new int[] {1, 4}, new int[] {0, 4});
        int samples = 53;
        double[] in = inputs(net, samples, 91), t = targets(net, samples, 92);
        BulkLossResult whole = new BulkLoss(LA).evaluate(net, in, t);
        BulkLossResult chunked = new BulkLoss(LA, BulkLossOptions.DEFAULT.withChunkSize(7)).evaluate(net, in, t);
        BulkLossResult other = new BulkLoss(Linalg.auto()).evaluate(net, in, t);
        for (int s = 0; s < samples; s++) {
            assertEquals(whole.perSample()[s], chunked.perSample()[s], 1e-12, "chunk size 7, sample " + s);
            assertEquals(whole.perSample()[s], other.perSample()[s], 1e-12, Linalg.auto().name() + ", sample " + s);
        }
    }

    @Test
    void boundaryLossNormalisations() {
        Network net = TestNets.tanh(1, 1.5, new int[] {7, 6, 4});
        int samples = 12;
        double[] in = inputs(net, samples, 101), t = targets(net, samples, 102);
        BoundaryLossResult b = BoundaryLoss.evaluate(net, in, t, LA);
        double[] y = ForwardPass.outputs(net, in, samples, LA);
        double sq = 0;
        for (int i = 0; i < y.length; i++) sq += (t[i] - y[i]) * (t[i] - y[i]);
        assertEquals(0.5 * sq / samples, b.mean(), 1e-14, "U_∂ = mean of ½Σ");
        assertEquals(sq / (samples * 4.0), b.perOutputMse(), 1e-14);
        assertEquals(Math.sqrt(sq / (samples * 4.0)), b.rms(), 1e-14);
        assertEquals(2 * b.mean() / 4, b.perOutputMse(), 1e-14);
        assertEquals(samples, b.samples());
    }

    @Test
    void capAndStallAreReported() {
        Network net = TestNets.tanh(4, 3.0, new int[] {8, 7, 7, 7, 7, 7, 3});
        double[] in = inputs(net, 10, 111), t = targets(net, 10, 112);
        BulkLossResult r = new BulkLoss(LA, BulkLossOptions.DEFAULT.withMaxIterations(3)).evaluate(net, in, t);
        assertEquals(3, r.iterations());
        assertTrue(r.notConverged() > 0, "capped samples are counted");
        assertTrue(r.maxGradInf() > 1e-9);
        assertTrue(!r.allConverged());
        // gtol 0 cannot be reached: every sample stops by the cap or by the round-off stall test
        BulkLossResult z = new BulkLoss(LA, BulkLossOptions.DEFAULT.withGtol(0).withMaxIterations(400)).evaluate(net, in, t);
        assertEquals(10, z.notConverged() + z.stalled());
        BoundaryLossResult b = BoundaryLoss.evaluate(net, in, t, LA);
        for (int s = 0; s < 10; s++) assertTrue(z.perSample()[s] <= b.perSample()[s]);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        Network net = TestNets.tanh(1, 1.5, new int[] {7, 6, 4});
        BulkLoss bl = new BulkLoss(LA);
        double[] in = new double[14], t = new double[8];
        assertMessage("not a multiple of n_in = 7", () -> bl.evaluate(net, new double[13], t));
        assertMessage("targets hold 7 values", () -> bl.evaluate(net, in, new double[7]));
        assertMessage("targets hold 7 values", () -> BoundaryLoss.evaluate(net, in, new double[7], LA));
        assertMessage("no samples", () -> bl.evaluate(net, new double[0], new double[0]));
        double[] nan = in.clone();
        nan[9] = Double.NaN;
        assertMessage("inputs value NaN at sample 1, column 2", () -> bl.evaluate(net, nan, t));
        double[] inf = t.clone();
        inf[5] = Double.POSITIVE_INFINITY;
        assertMessage("targets value Infinity at sample 1, column 1", () -> BoundaryLoss.evaluate(net, in, inf, LA));
        assertMessage("hidden states hold 5 values", () -> bl.objective(net, in, t, new double[5], null));
        assertMessage("inputs array is null", () -> bl.evaluate(net, null, t));
        // NaN weight
        Network bad = net.copy();
        bad.weights().blocks().get(0).w()[3] = Double.NaN;
        assertMessage("NaN or infinite weight", () -> bl.evaluate(bad, in, t));
        // backward (recurrent) block
        NeuronLayout l = NeuronLayout.of(3, 2, 2);
        List<Block> blocks = new ArrayList<>(List.of(new Block(0, 1, 2, 3, new double[6]), new Block(1, 2, 2, 2, new double[4]),
                new Block(2, 1, 2, 2, new double[4])));
        Network rec = new Network(l, new WeightMatrix(l, blocks), new double[7], Activation.TANH, Activation.TANH);
        assertMessage("feed-forward", () -> bl.evaluate(rec, new double[3], new double[2]));
        assertMessage("gtol is NaN", () -> BulkLossOptions.DEFAULT.withGtol(Double.NaN));
        assertMessage("memory is 0", () -> BulkLossOptions.DEFAULT.withMemory(0));
        assertMessage("strength NaN", () -> Potential.mass(Double.NaN));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should mention '" + part + "'");
    }

    @Test
    void weakLastLayerGivesRatioNearOneAsS5Predicts() {
        // (S5): U/U_∂ → 1 when J Jᵀ → 0 (weak or saturated last layer), smaller for a strong last layer (P6)
        double[] ratios = new double[3];
        double[] factors = {0.01, 1, 5};
        for (int k = 0; k < 3; k++) {
            Network net = TestNets.random(12, 1.0, 0.0, Activation.TANH, Activation.TANH, new int[] {5, 6, 3});
            double[] w = net.weights().blocks().get(1).w();
            for (int i = 0; i < w.length; i++) w[i] *= factors[k];
            double[] in = inputs(net, 20, 121);
            double[] t = TestNets.uniform(122, 60, -0.5, 0.5);
            ratios[k] = new BulkLoss(LA).evaluate(net, in, t).mean() / BoundaryLoss.evaluate(net, in, t, LA).mean();
        }
        assertTrue(ratios[0] > 0.999 && ratios[0] <= 1, "weak last layer: ratio " + ratios[0]);
        assertTrue(ratios[1] < ratios[0] && ratios[2] < ratios[1], "ratios " + Arrays.toString(ratios));
    }
}
