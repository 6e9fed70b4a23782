package org.thermolearn.thermo;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.linalg.NetlibLinalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.WeightMatrix;
import org.thermolearn.thermo.ensemble.Moments;
import org.thermolearn.thermo.operator.BlockMatrix;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.BlockIdentities;
import org.thermolearn.thermo.spectrum.LeftTail;
import org.thermolearn.thermo.spectrum.Method;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.spectrum.Spectrum;
import org.thermolearn.thermo.spectrum.SpectrumSolver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Predictions P1–P5, P12, P13 of theory.md §7 and compressed-vs-dense agreement. */
class TheoryPredictionsTest {

    private static final Linalg LA = EjmlLinalg.INSTANCE;

    private static Spectrum spec(Network net, IntegrationSpace sp, double mass, Route route) {
        return new SpectrumSolver(LA, route, LeftTail.ALWAYS, Method.AUTO, 1e-9).spectrum(GOperator.of(net, sp, null, mass));
    }

    @Test
    void p1NilpotencyAndBackwardEdge() {
        Network net = Nets.random(1, 2.0, 0.3, new int[]{3, 3, 3});
        GOperator op = GOperator.of(net);
        assertEquals(3, op.levels());
        List<BlockMatrix> p = op.powers(LA);
        assertEquals(2, p.size(), "M and M^2 non-zero, M^3 = 0");
        assertTrue(p.get(1).frobenius2(0) > 0);
        // one backward edge 2 -> 1 breaks nilpotency
        List<Block> blocks = new ArrayList<>(net.weights().blocks());
        double[] back = new double[9];
        back[4] = 0.5;
        blocks.add(new Block(2, 1, 3, 3, back));
        Network cyc = Network.tanh(new WeightMatrix(net.layout(), blocks), net.bias());
        GOperator opc = GOperator.of(cyc);
        assertFalse(opc.isBlockNilpotent());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SpectrumSolver(LA, Route.COMPRESSED, LeftTail.ALWAYS, Method.AUTO, 1e-9).spectrum(opc));
        assertTrue(e.getMessage().contains("nilpotent"), e.getMessage());
        Spectrum s = new SpectrumSolver(LA).spectrum(opc); // AUTO falls back to dense
        assertEquals(Route.DENSE, s.route());
        assertTrue(Double.isNaN(s.checks().traceBlocks()));
        assertEquals(9, s.nG());
    }

    @Test
    void p2SumLnLambdaZeroAndPositiveWithMass() {
        for (double scale : new double[]{1.0, 10.0}) {
            Network net = Nets.random(2, scale, 1.0, new int[]{20, 15, 15, 15, 5});
            for (IntegrationSpace sp : IntegrationSpace.values()) {
                Spectrum s = spec(net, sp, 0, Route.COMPRESSED);
                assertEquals(0.0, s.lnDetG(), 1e-10 * Math.max(1, s.nNontrivial()), "scale " + scale + " " + sp);
                assertTrue(spec(net, sp, 0.1, Route.COMPRESSED).lnDetG() > 0.1);
            }
        }
    }

    @Test
    void p3TrivialCountAndRankBounds() {
        int[] sizes = {50, 20, 10};
        Network net = Nets.random(3, 2.0, 0.5, sizes);
        Spectrum all = spec(net, IntegrationSpace.ALL, 0, Route.COMPRESSED);
        Spectrum cl = spec(net, IntegrationSpace.CLAMPED, 0, Route.COMPRESSED);
        assertEquals(50, all.nNontrivial(), "min(n_in, n_1) + R attained generically");
        assertEquals(80 - 50, all.nTrivial());
        assertTrue(cl.nNontrivial() <= 30);
        assertEquals(cl.nG(), cl.nNontrivial() + cl.nTrivial());
        Spectrum dense = spec(net, IntegrationSpace.ALL, 0, Route.DENSE);
        assertEquals(all.nTrivial(), dense.nTrivial());
    }

    @Test
    void p4ShallowSymmetry() {
        // clamped one-hidden-layer, and all-N without hidden layer: y_i = -y_{N+1-i}, odd moments 0, +-2 asinh(s/2)
        Network shallow = Nets.random(4, 3.0, 0.7, new int[]{12, 8, 5});
        Network none = Nets.random(5, 3.0, 0.7, new int[]{9, 6});
        checkSymmetric(spec(shallow, IntegrationSpace.CLAMPED, 0, Route.COMPRESSED), outputSingularValues(shallow, 2, 1));
        checkSymmetric(spec(none, IntegrationSpace.ALL, 0, Route.COMPRESSED), outputSingularValues(none, 1, 0));
        Spectrum deepCl = spec(Nets.random(6, 3.0, 0.7, new int[]{12, 8, 8, 5}), IntegrationSpace.CLAMPED, 0, Route.COMPRESSED);
        assertTrue(Math.abs(Moments.of(deepCl, 3).muNt(3)) > 1e-3, "two hidden layers clamped: not symmetric");
    }

    private static double[] outputSingularValues(Network net, int to, int from) {
        GOperator op = GOperator.of(net);
        double[] b = op.m().block(to, from);
        return LA.singularValues(op.layout().size(to), op.layout().size(from), b);
    }

    private static void checkSymmetric(Spectrum s, double[] sv) {
        double[] y = s.lnLambdaNontrivial();
        for (int i = 0; i < y.length; i++) assertEquals(-y[y.length - 1 - i], y[i], 1e-10);
        Moments m = Moments.of(s, 5);
        assertEquals(0.0, m.muNt(3), 1e-10);
        assertEquals(0.0, m.muNt(5), 1e-9);
        double[] expected = new double[2 * sv.length];
        int k = 0;
        for (double v : sv) if (v > 1e-12) { expected[k++] = 2 * asinh(v / 2); expected[k++] = -2 * asinh(v / 2); }
        expected = Arrays.copyOf(expected, k);
        Arrays.sort(expected);
        assertArrayEquals(expected, y, 1e-10);
    }

    private static double asinh(double x) { return Math.log(x + Math.sqrt(x * x + 1)); }

    @Test
    void p5DepthAsymmetry() {
        double prevGamma = 0;
        int[][] archs = {{60, 20, 6}, {60, 20, 20, 6}, {60, 20, 20, 20, 6}};
        for (int a = 0; a < archs.length; a++) {
            double gammaSum = 0;
            for (int seed = 0; seed < 3; seed++) {
                Network net = Nets.random(100 + seed, 3.0, 0.0, archs[a]);
                GOperator op = GOperator.of(net);
                Spectrum s = new SpectrumSolver(LA).spectrum(op);
                BlockIdentities id = BlockIdentities.of(op, LA);
                assertEquals(id.s33Blocks(), s.checks().s33Eigen(), 1e-8 * Math.max(1, Math.abs(id.s33Blocks())));
                assertEquals(id.s33Layered(), id.s33Blocks(), 1e-9 * Math.max(1, Math.abs(id.s33Blocks())));
                if (archs[a].length >= 4) assertTrue(id.s33Blocks() < 0, "S33 < 0 with two consecutive weight layers");
                gammaSum += Moments.of(s, 3).skewnessNt();
            }
            double gamma = gammaSum / 3;
            if (a > 0) assertTrue(gamma < prevGamma, "skewness more negative with depth: " + gamma + " vs " + prevGamma);
            prevGamma = gamma;
        }
        assertTrue(prevGamma < 0);
    }

    @Test
    void p12SignFlipInvariance() {
        Network net = Nets.random(7, 2.5, 0.4, new int[]{10, 8, 7, 4});
        List<Block> flipped = new ArrayList<>();
        for (Block b : net.weights().blocks()) {
            double[] w = b.w().clone();
            for (int i = 0; i < w.length; i++) w[i] = -w[i];
            flipped.add(new Block(b.from(), b.to(), b.rows(), b.cols(), w));
        }
        Network neg = Network.tanh(new WeightMatrix(net.layout(), flipped), net.bias());
        for (IntegrationSpace sp : IntegrationSpace.values()) {
            assertArrayEquals(spec(net, sp, 0, Route.COMPRESSED).lnLambdaNontrivial(), spec(neg, sp, 0, Route.COMPRESSED).lnLambdaNontrivial(), 1e-10);
        }
    }

    @Test
    void p13TracesVsBlocksWithSkipEdges() {
        Network net = Nets.random(8, 2.0, 0.5, new int[]{9, 7, 6, 5, 3}, new int[]{0, 2}, new int[]{1, 4}, new int[]{0, 3});
        for (IntegrationSpace sp : IntegrationSpace.values()) {
            GOperator op = GOperator.of(net, sp, null, 0);
            Spectrum s = new SpectrumSolver(LA).spectrum(op);
            assertEquals(s.checks().traceBlocks(), s.checks().traceEigen(), 1e-9);
            assertEquals(s.checks().invTraceBlocks(), s.checks().invTraceEigen(), 1e-8 * s.checks().invTraceBlocks());
            assertFalse(BlockIdentities.of(op, LA).layered());
            assertEquals(0, s.lnDetG(), 1e-10 * s.nNontrivial());
        }
    }

    @Test
    void compressedEqualsDenseRandomNets() {
        List<Network> nets = List.of(
                Nets.random(9, 1.5, 0.5, new int[]{30, 12, 10, 4}),
                Nets.random(10, 4.0, 1.0, new int[]{8, 15, 15, 15, 3}),
                Nets.random(11, 2.0, 0.5, new int[]{10, 6, 5, 4}, new int[]{0, 2}, new int[]{0, 3}, new int[]{1, 3}));
        for (Network net : nets) {
            for (IntegrationSpace sp : IntegrationSpace.values()) {
                for (double mass : new double[]{0, 0.3}) {
                    Spectrum d = spec(net, sp, mass, Route.DENSE);
                    for (Method m : new Method[]{Method.SVD, Method.GRAM}) {
                        for (LeftTail lt : LeftTail.values()) {
                            Spectrum c = new SpectrumSolver(LA, Route.COMPRESSED, lt, m, 1e-9).spectrum(GOperator.of(net, sp, null, mass));
                            String what = net.layout() + " " + sp + " m=" + mass + " " + m + " " + lt;
                            assertEquals(d.nTrivial(), c.nTrivial(), what);
                            assertArrayEquals(d.lnLambdaNontrivial(), c.lnLambdaNontrivial(), 1e-9, what);
                            assertEquals(d.lnDetG(), c.lnDetG(), 1e-9, what);
                        }
                    }
                }
            }
        }
    }

    /**
     * The end-to-end check that does not rest on an identity: Ĝ = (I − F′w)ᵀ(I − F′w) + mI (S11) built here
     * from the weights and biases with f′ = 1 − tanh²(b) (not through GOperator), all its eigenvalues by
     * commons-math, against the spectrum the solver reports on both routes, both spaces, with and without mass.
     */
    @Test
    void spectrumMatchesAnIndependentlyBuiltG() {
        List<Network> nets = List.of(
                Nets.random(9, 1.5, 0.5, new int[]{30, 12, 10, 4}),
                Nets.random(10, 4.0, 1.0, new int[]{8, 15, 15, 15, 3}),
                Nets.random(11, 2.0, 0.5, new int[]{10, 6, 5, 4}, new int[]{0, 2}, new int[]{0, 3}, new int[]{1, 3}));
        for (Network net : nets) {
            for (IntegrationSpace sp : IntegrationSpace.values()) {
                for (double mass : new double[]{0, 0.3}) {
                    double[] lam = independentEigenvalues(net, sp, mass);
                    double lnDet = 0, sum = 0;
                    List<Double> nontrivial = new ArrayList<>();
                    for (double l : lam) {
                        lnDet += Math.log(l);
                        sum += l;
                        if (Math.abs(Math.log(l - mass)) > 1e-7) nontrivial.add(Math.log(l));
                    }
                    double[] expected = nontrivial.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    for (Route route : new Route[]{Route.DENSE, Route.COMPRESSED}) {
                        Spectrum s = spec(net, sp, mass, route);
                        String what = net.layout() + " " + sp + " m=" + mass + " " + route;
                        assertEquals(lam.length, s.nG(), what);
                        assertArrayEquals(expected, s.lnLambdaNontrivial(), 1e-8, what);
                        assertEquals(lnDet, s.lnDetG(), 1e-8, what);
                        assertEquals(sum, s.sumOverLambda(l -> l), 1e-9 * sum, what);
                    }
                }
            }
        }
    }

    private static double[] independentEigenvalues(Network net, IntegrationSpace sp, double mass) {
        double[][] w = net.weights().toDense();
        double[] b = net.bias();
        int n = w.length, from = sp == IntegrationSpace.ALL ? 0 : net.layout().nIn(), ng = n - from;
        double[][] a = new double[ng][ng];
        for (int i = 0; i < ng; i++) {
            double t = Math.tanh(b[from + i]);
            double fp = from + i < net.layout().nIn() ? 0 : 1 - t * t;
            for (int j = 0; j < ng; j++) a[i][j] = (i == j ? 1 : 0) - fp * w[from + i][from + j];
        }
        double[][] g = new double[ng][ng];
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < ng; j++) {
                double v = 0;
                for (int k = 0; k < ng; k++) v += a[k][i] * a[k][j];
                g[i][j] = v + (i == j ? mass : 0);
            }
        }
        return new org.apache.commons.math3.linear.EigenDecomposition(new org.apache.commons.math3.linear.Array2DRowRealMatrix(g))
                .getRealEigenvalues();
    }

    @Test
    void backendsAgree() {
        var nat = NetlibLinalg.loadNative();
        org.junit.jupiter.api.Assumptions.assumeTrue(nat.isPresent(), "native OpenBLAS not loaded");
        Network net = Nets.random(12, 3.0, 0.5, new int[]{40, 25, 20, 5}, new int[]{0, 2});
        for (IntegrationSpace sp : IntegrationSpace.values()) {
            GOperator op = GOperator.of(net, sp, null, 0.05);
            Spectrum a = new SpectrumSolver(LA).spectrum(op);
            Spectrum b = new SpectrumSolver(nat.get()).spectrum(op);
            assertArrayEquals(a.lnLambdaNontrivial(), b.lnLambdaNontrivial(), 1e-10);
        }
    }

    @Test
    void badInputIsRejectedClearly() {
        Network net = Nets.random(13, 1.0, 0.5, new int[]{4, 3, 2});
        Network nan = net.copy();
        nan.weights().blocks().get(1).w()[2] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GOperator.of(nan));
        assertTrue(e.getMessage().contains("1->2") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GOperator.of(net, IntegrationSpace.ALL, new double[3], 0));
        assertTrue(e.getMessage().contains("length 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GOperator.of(net, IntegrationSpace.ALL, null, -1));
        assertTrue(e.getMessage().contains("mass"), e.getMessage());
        Network big = Nets.random(14, 1.0, 0.0, new int[]{4100, 5, 2});
        IllegalStateException d = assertThrows(IllegalStateException.class,
                () -> new SpectrumSolver(LA, Route.DENSE, LeftTail.NEVER, Method.AUTO, 1e-9).spectrum(GOperator.of(big)));
        assertTrue(d.getMessage().contains("4096"), d.getMessage());
    }

    @Test
    void dataFPrimeIsUsed() {
        Network net = Nets.random(15, 2.0, 0.5, new int[]{6, 5, 4});
        double[] ones = new double[net.layout().n()];
        Arrays.fill(ones, 1.0);
        GOperator op = GOperator.of(net, IntegrationSpace.ALL, ones, 0);
        assertEquals(org.thermolearn.thermo.operator.FPrimePoint.DATA, op.fPrimePoint());
        double fro = 0;
        for (Block b : net.weights().blocks()) for (double v : b.w()) fro += v * v;
        assertEquals(fro, BlockIdentities.of(op, LA).fro2M(), 1e-12, "f' = 1 gives M = w");
        assertEquals(0.0, op.fPrime()[0]);
    }
}
