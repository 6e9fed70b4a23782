package org.thermolearn.thermo;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.operator.BlockMatrix;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.BlockIdentities;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.spectrum.SpectrumSolver;
import org.thermolearn.thermo.stochastic.CompressedOperator;
import org.thermolearn.thermo.stochastic.Estimate;
import org.thermolearn.thermo.stochastic.StochasticLanczosQuadrature;
import org.thermolearn.thermo.stochastic.StochasticOptions;
import org.thermolearn.thermo.stochastic.StochasticSpectrum;
import org.thermolearn.thermo.stochastic.Tridiagonal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stochastic route (issue 11) against the exact route: the matrix-free compressed operator and its
 * Neumann inverse, Gauss quadrature, the issue's accuracy tolerances, honest standard errors, the automatic
 * route and the refusals of bad input.
 */
class StochasticRouteTest {

    private static final Linalg LA = Linalg.auto();

    @Test
    void matrixFreeOperatorAndNeumannInverseMatchTheDenseCompressedOperator() {
        // skip edges 0->2 and 1->3 make L denser than a chain and exercise the substitution order
        Network net = Nets.random(5, 1.5, 0.3, new int[]{30, 12, 9, 4}, new int[]{0, 2}, new int[]{1, 3});
        for (IntegrationSpace sp : IntegrationSpace.values()) {
            GOperator op = GOperator.of(net).inSpace(sp);
            CompressedOperator a = CompressedOperator.of(op, LA);
            BlockMatrix l = SpectrumSolver.compressedLower(op, LA);
            int n = a.dimension();
            assertEquals(CompressedOperator.compressedSize(op), n);
            double[] dense = l.toDense(0);
            int b = 3;
            double[][] x = a.zeros(b);
            SplittableRandom rng = new SplittableRandom(1);
            for (double[] g : x) for (int i = 0; i < g.length; i++) g[i] = rng.nextDouble() - 0.5;
            double[] xf = flat(a, x, b);
            double[] ax = flat(a, a.applyA(x, b), b), atx = flat(a, a.applyAT(x, b), b);
            for (int c = 0; c < b; c++) {
                for (int i = 0; i < n; i++) {
                    double s = xf[i * b + c], t = xf[i * b + c];
                    for (int j = 0; j < n; j++) {
                        s -= dense[i * n + j] * xf[j * b + c];
                        t -= dense[j * n + i] * xf[j * b + c];
                    }
                    assertEquals(s, ax[i * b + c], 1e-12, "A_c x (S36)");
                    assertEquals(t, atx[i * b + c], 1e-12, "A_c^T x");
                }
            }
            double[] back = flat(a, a.solveA(a.applyA(x, b), b), b);
            double[] backT = flat(a, a.applyAT(a.solveAT(x, b), b), b);
            double[] gg = flat(a, a.applyGInverse(a.applyG(x, b), b), b);
            for (int i = 0; i < xf.length; i++) {
                assertEquals(xf[i], back[i], 1e-11, "A_c^-1 A_c x = x (finite Neumann series, §8 item 6)");
                assertEquals(xf[i], backT[i], 1e-11, "A_c^T A_c^-T x = x");
                assertEquals(xf[i], gg[i], 1e-9, "G^-1 G x = x");
            }
        }
    }

    @Test
    void gaussQuadratureOfATridiagonalMatrix() {
        SplittableRandom rng = new SplittableRandom(3);
        int k = 25;
        double[] al = new double[k], be = new double[k];
        for (int i = 0; i < k; i++) {
            al[i] = rng.nextDouble() * 4 - 2;
            be[i] = rng.nextDouble() + 0.1;
        }
        Tridiagonal t = Tridiagonal.gauss(al, be, k);
        double[] dense = new double[k * k];
        for (int i = 0; i < k; i++) {
            dense[i * k + i] = al[i];
            if (i + 1 < k) dense[i * k + i + 1] = dense[(i + 1) * k + i] = be[i];
        }
        double[] ev = LA.symmetricEigenvalues(k, dense);
        double sw = 0, m1 = 0, m2 = 0;
        for (int i = 0; i < k; i++) {
            assertEquals(ev[i], t.nodes()[i], 1e-12);
            sw += t.first()[i];
            m1 += t.first()[i] * t.nodes()[i];
            m2 += t.first()[i] * t.nodes()[i] * t.nodes()[i];
        }
        assertEquals(1.0, sw, 1e-13, "weights sum to 1");
        assertEquals(al[0], m1, 1e-12, "e1' T e1");
        assertEquals(al[0] * al[0] + be[0] * be[0], m2, 1e-12, "e1' T^2 e1");
    }

    /** The issue's tolerances on a trained-like 784-100-100-10 tanh net, both spaces, default settings. */
    @Test
    void matchesTheExactRouteWithinTheIssueTolerances() {
        Network net = Nets.random(3, 2.0, 0.5, new int[]{784, 100, 100, 10});
        AnalysisOptions o = AnalysisOptions.defaults();
        ThermoAnalysisResult exact = ThermoAnalysis.analyse(net, o, LA);
        ThermoAnalysisResult est = ThermoAnalysis.analyse(net, o.withRoute(Route.STOCHASTIC, null, null), LA);
        for (IntegrationSpace sp : IntegrationSpace.values()) {
            SpaceAnalysis e = exact.get(sp), s = est.get(sp);
            assertNull(s.spectrum());
            assertNotNull(s.stochastic());
            assertAccurate(e, s, sp.label());
        }
    }

    static void assertAccurate(SpaceAnalysis e, SpaceAnalysis s, String what) {
        StochasticSpectrum st = s.stochastic();
        assertEquals(e.nG(), s.nG());
        assertEquals(e.nTrivial(), s.nTrivial(), what + ": trivial count P3 exact");
        RouteComparison cmp = RouteComparison.of(e, s);
        assertTrue(cmp.failures().isEmpty(), what + ": " + cmp.failures());
        assertEquals(10, cmp.rows().size());
        var col = Metric.snapshotValues(java.util.List.of(s));
        String sp = "_" + s.space().label();
        assertEquals(1.0, col.get(Metric.ROUTE.column(s.space())));
        assertEquals(st.probes(), col.get("probes" + sp));
        assertTrue(col.get("c_gt_1_se" + sp) > 0 && col.get("mu2_se" + sp) > 0);
    }

    /** Over 20 probe seeds, the exact value lies within 2 standard errors in at least 90 % of the cases. */
    @Test
    @Tag("slow")
    void standardErrorsAreHonestOverTwentySeeds() {
        Network net = Nets.random(11, 2.0, 0.5, new int[]{300, 60, 60, 10});
        AnalysisOptions o = AnalysisOptions.defaults();
        for (IntegrationSpace sp : IntegrationSpace.values()) {
            SpaceAnalysis e = ThermoAnalysis.analyse(net, o.withSpaces(sp), LA).get(sp);
            GOperator op = GOperator.of(net).inSpace(sp);
            BlockIdentities id = BlockIdentities.of(op, LA);
            String[] names = {"C_>(1)", "mu2", "mu3", "mu2_nt", "gamma", "kappa2", "laplacian_ln"};
            double[] truth = {e.complexity().cGt(), e.moments().mu(2), e.moments().mu(3), e.moments().muNt(2), e.moments().skewnessNt(),
                    e.moments().kappa(2), e.laplacianFLnLambda()};
            int[] inside = new int[names.length];
            for (int seed = 1; seed <= 20; seed++) {
                StochasticSpectrum st = new StochasticLanczosQuadrature(LA, StochasticOptions.defaults().withSeed(seed)).estimate(op, id, o);
                Estimate[] est = {st.cGt(), st.mu()[2], st.mu()[3], st.muNt()[2], st.skewnessNt(), st.kappa()[2], st.laplacianLnLambda()};
                for (int q = 0; q < names.length; q++) if (est[q].zScore(truth[q]) <= 2) inside[q]++;
            }
            for (int q = 0; q < names.length; q++) {
                assertTrue(inside[q] >= 18, sp.label() + " " + names[q] + ": exact value within 2 SE in only " + inside[q] + " of 20 seeds");
            }
        }
    }

    @Test
    void autoRouteUsesTheBudgetAndBothRoutesHaveTheSameColumns() {
        Network net = Nets.random(4, 2.0, 0.5, new int[]{60, 30, 20, 10});
        AnalysisOptions o = AnalysisOptions.defaults();
        ThermoAnalysisResult exact = ThermoAnalysis.analyse(net, o, LA);
        assertNull(exact.get(IntegrationSpace.ALL).stochastic(), "small nets stay exact under the default budget");
        ThermoAnalysisResult st = ThermoAnalysis.analyse(net, o.withStochastic(StochasticOptions.defaults().withExactBudget(0)), LA);
        assertNotNull(st.get(IntegrationSpace.ALL).stochastic(), "above the budget the AUTO route is stochastic");
        var ec = Metric.snapshotValues(exact.spaces());
        var sc = Metric.snapshotValues(st.spaces());
        assertEquals(new ArrayList<>(ec.keySet()), new ArrayList<>(sc.keySet()), "both routes record the same columns");
        assertEquals(0.0, ec.get("route_all"));
        assertEquals(0.0, ec.get("c_gt_1_se_all"));
        assertEquals(1.0, sc.get("route_clamped"));
        // the exact block-product sums and counts stay exact on the stochastic route
        assertEquals(ec.get("trace_g_blocks_all"), sc.get("trace_g_blocks_all"));
        assertEquals(ec.get("inv_trace_blocks_all"), sc.get("inv_trace_blocks_all"));
        assertEquals(ec.get("n_trivial_all"), sc.get("n_trivial_all"));
        assertEquals(ec.get("n_g_clamped"), sc.get("n_g_clamped"));
        assertEquals(0.0, sc.get("sum_ln_lambda_all"), "S20 exact");
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> StochasticOptions.defaults().withProbes(4, 64));
        assertTrue(e1.getMessage().contains("probes"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> StochasticOptions.defaults().withSteps(5));
        assertTrue(e2.getMessage().contains("Lanczos steps"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> StochasticOptions.defaults().withProbes(16, 8));
        assertTrue(e3.getMessage().contains("maxProbes"), e3.getMessage());

        // a recurrent (backward) block: no finite Neumann inverse
        NeuronLayout layout = NeuronLayout.of(new int[]{6, 5, 4});
        SplittableRandom rng = new SplittableRandom(2);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(0, 1, 5, 6, random(rng, 30)));
        blocks.add(new Block(1, 2, 4, 5, random(rng, 20)));
        blocks.add(new Block(2, 1, 5, 4, random(rng, 20)));
        Network rec = Network.tanh(new WeightMatrix(layout, blocks), new double[layout.n()]);
        AnalysisOptions st = AnalysisOptions.defaults().withRoute(Route.STOCHASTIC, null, null);
        var e4 = assertThrows(IllegalArgumentException.class, () -> ThermoAnalysis.analyse(rec, st, LA));
        assertTrue(e4.getMessage().contains("recurrent") && e4.getMessage().contains("exact"), e4.getMessage());
        // AUTO takes the exact dense route for it
        assertNull(ThermoAnalysis.analyse(rec, AnalysisOptions.defaults().withStochastic(StochasticOptions.defaults().withExactBudget(0)), LA)
                .get(IntegrationSpace.ALL).stochastic());

        Network nan = Nets.random(1, 1.0, 0.1, new int[]{8, 5, 3});
        nan.weights().blocks().get(0).w()[3] = Double.NaN;
        var e5 = assertThrows(IllegalArgumentException.class, () -> ThermoAnalysis.analyse(nan, st, LA));
        assertTrue(e5.getMessage().contains("NaN"), e5.getMessage());
    }

    private static double[] random(SplittableRandom rng, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = rng.nextDouble() - 0.5;
        return w;
    }

    private static double[] flat(CompressedOperator a, double[][] x, int b) {
        double[] f = new double[a.dimension() * b];
        for (int g = 0; g < a.groupCount(); g++) System.arraycopy(x[g], 0, f, a.offset(g) * b, x[g].length);
        return f;
    }
}
