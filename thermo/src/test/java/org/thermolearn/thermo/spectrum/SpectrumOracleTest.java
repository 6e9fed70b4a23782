package org.thermolearn.thermo.spectrum;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;
import org.thermolearn.thermo.operator.BlockMatrix;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spectrum package against values written down by hand or by the plainest dense numpy route
 * ({@code np.log(np.linalg.eigvalsh(A.T @ A))} on the 3×3 A = I − F′ŵ quoted in each test): the accessors with a
 * mass, the trivial cut, the self-checks, the histogram, the route and left-tail choices (PIT survivors, issue 18).
 */
class SpectrumOracleTest {

    private static final Linalg LA = EjmlLinalg.INSTANCE;

    /**
     * 1 → 1 → 1 chain (identity activations, bias 0) with weights a (input → hidden), b (hidden → output) and
     * optionally a skip edge c (input → output): F′ = 1, A = [[1,0,0],[−a,1,0],[−c,−b,1]].
     */
    static Network chain(double a, double b, Double c) {
        NeuronLayout layout = NeuronLayout.of(1, 1, 1);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(0, 1, 1, 1, new double[]{a}));
        blocks.add(new Block(1, 2, 1, 1, new double[]{b}));
        if (c != null) blocks.add(new Block(0, 2, 1, 1, new double[]{c}));
        return new Network(layout, new WeightMatrix(layout, blocks), new double[3], Activation.IDENTITY, Activation.IDENTITY);
    }

    // ------------------------------------------------------------------ Spectrum

    @Test
    void accessorsWithAMassWrittenOut() {
        // kinetic κ = {3, 0.25, 1, 0.5, 1}: two trivial; m = 0.3, so λ = {0.55, 0.8, 1.3, 1.3, 3.3}
        Spectrum s = Spectrum.fromKinetic(IntegrationSpace.CLAMPED, 5, new double[]{3, 0.25, 1, 0.5, 1}, 0.3, 1e-9, Route.DENSE, true, null);
        assertEquals(5, s.nG());
        assertEquals(2, s.nTrivial());
        assertEquals(3, s.nNontrivial());
        assertEquals(0.3, s.mass(), 0);
        assertEquals(IntegrationSpace.CLAMPED, s.space());
        assertEquals(Route.DENSE, s.route());
        assertTrue(s.leftTailFromInverse());
        assertEquals(5, s.compressedSize());
        assertNull(s.identities());
        assertArrayEquals(new double[]{0.25, 0.5, 3}, s.kineticNontrivial(), 0);
        assertArrayEquals(new double[]{0.55, 0.8, 3.3}, s.lambdaNontrivial(), 1e-15);
        assertArrayEquals(new double[]{Math.log(0.55), Math.log(0.8), Math.log(3.3)}, s.lnLambdaNontrivial(), 1e-15);
        assertEquals(1.3, s.trivialLambda(), 0);
        assertEquals(Math.log(1.3), s.trivialLnLambda(), 1e-15);
        double lnDet = Math.log(0.55) + Math.log(0.8) + Math.log(3.3) + 2 * Math.log(1.3);
        assertEquals(lnDet, s.lnDetG(), 1e-14);
        assertEquals(0.55 + 0.8 + 3.3 + 2 * 1.3, s.sumOverLambda(l -> l), 1e-14);
        double y2 = Math.pow(Math.log(0.55), 2) + Math.pow(Math.log(0.8), 2) + Math.pow(Math.log(3.3), 2) + 2 * Math.pow(Math.log(1.3), 2);
        assertEquals(y2, s.sumOverLnLambda(y -> y * y), 1e-14);
        assertTrue(s.toString().contains("N_G=5") && s.toString().contains("N_nt=3") && s.toString().contains("clamped"), s.toString());
        // the copies do not expose the internal arrays
        s.lambdaNontrivial()[0] = 99;
        s.kineticNontrivial()[0] = 99;
        s.lnLambdaNontrivial()[0] = 99;
        assertArrayEquals(new double[]{0.55, 0.8, 3.3}, s.lambdaNontrivial(), 1e-15);
        assertArrayEquals(new double[]{0.25, 0.5, 3}, s.kineticNontrivial(), 0);
        assertEquals(Math.log(0.55), s.lnLambdaNontrivial()[0], 1e-15);

        Spectrum massless = s.withMass(0);
        assertEquals(0.0, massless.trivialLnLambda(), 0);
        assertEquals(1.0, massless.trivialLambda(), 0);
        assertArrayEquals(new double[]{0.25, 0.5, 3}, massless.lambdaNontrivial(), 0);
        assertEquals(Math.log(0.25) + Math.log(0.5) + Math.log(3), massless.lnDetG(), 1e-14);
        assertEquals(2, massless.nTrivial());
        assertEquals(Route.DENSE, massless.route());
        assertTrue(massless.leftTailFromInverse());
        assertEquals(5, massless.compressedSize());
        assertEquals(s.checks(), massless.checks());
        assertEquals(Math.log(3.5), s.withMass(0.5).lnLambdaNontrivial()[2], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> s.withMass(-1e-12));
        assertThrows(IllegalArgumentException.class, () -> s.withMass(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.withMass(Double.POSITIVE_INFINITY));
    }

    @Test
    void sumsNeverEvaluateTheTrivialEigenvalueWhenThereIsNone() {
        Spectrum s = Spectrum.fromKinetic(IntegrationSpace.ALL, 2, new double[]{0.5, 2}, 0, 1e-9, Route.DENSE, false, null);
        assertEquals(0, s.nTrivial());
        // f has a pole at the trivial λ = 1: a sum over the two non-trivial values only is finite
        assertEquals(1 / (0.5 - 1) + 1 / (2.0 - 1), s.sumOverLambda(l -> 1 / (l - 1)), 1e-15);
        assertEquals(1 / Math.log(0.5) + 1 / Math.log(2), s.sumOverLnLambda(y -> 1 / y), 1e-15);
    }

    @Test
    void theTrivialCutIncludesItsBoundary() {
        double tau = Math.log(2);
        // |ln 2| = τ exactly: trivial (|ln κ| ≤ τ, A16); 2.5 is not
        Spectrum s = Spectrum.fromKinetic(IntegrationSpace.ALL, 3, new double[]{2, 0.5, 2.5}, 0, tau, Route.DENSE, false, null);
        assertEquals(2, s.nTrivial());
        assertArrayEquals(new double[]{2.5}, s.kineticNontrivial(), 0);
    }

    @Test
    void selfChecksOfAKnownSpectrum() {
        // κ = {0.25, 0.5, 3} non-trivial, two trivial; no block identities (NaN block fields)
        Spectrum s = Spectrum.fromKinetic(IntegrationSpace.ALL, 5, new double[]{0.25, 1, 0.5, 1, 3}, 0, 1e-9, Route.DENSE, false, null);
        SpectrumChecks c = s.checks();
        assertEquals(Math.log(0.25) + Math.log(0.5) + Math.log(3), c.sumLnLambda(), 1e-15);
        assertEquals(0.25 + 0.5 + 3 + 2, c.traceEigen(), 1e-15);
        assertEquals(4 + 2 + 1 / 3.0 + 2, c.invTraceEigen(), 1e-14);
        assertEquals((0.25 - 4) + (0.5 - 2) + (3 - 1 / 3.0), c.s33Eigen(), 1e-14);
        assertEquals((0.25 + 4 - 2) + (0.5 + 2 - 2) + (3 + 1 / 3.0 - 2), c.s34Eigen(), 1e-14);
        assertTrue(Double.isNaN(c.traceBlocks()) && Double.isNaN(c.invTraceBlocks()) && Double.isNaN(c.s33Blocks()) && Double.isNaN(c.s34Blocks()));
    }

    @Test
    void maxRelativeResidualTakesTheWorstPair() {
        double nan = Double.NaN;
        // |Σ ln λ| / max(1, N_nt)
        assertEquals(1.5, new SpectrumChecks(-3, 0, 0, 0, 0, 0, 0, 0, 0).maxRelativeResidual(2), 0);
        assertEquals(3, new SpectrumChecks(3, 0, 0, 0, 0, 0, 0, 0, 0).maxRelativeResidual(0), 0);
        // |a − b| / max(1, |b|), each pair on its own
        assertEquals(0.25, new SpectrumChecks(0, 10, 8, 0, 0, 0, 0, 0, 0).maxRelativeResidual(1), 1e-15);
        assertEquals(0.25, new SpectrumChecks(0, 0.5, 0.25, 0, 0, 0, 0, 0, 0).maxRelativeResidual(1), 1e-15);
        assertEquals(0.5, new SpectrumChecks(0, 0, 0, 6, 4, 0, 0, 0, 0).maxRelativeResidual(1), 1e-15);
        assertEquals(0.75, new SpectrumChecks(0, 0, 0, 0, 0, -1, -4, 0, 0).maxRelativeResidual(1), 1e-15);
        assertEquals(0.2, new SpectrumChecks(0, 0, 0, 0, 0, 0, 0, 4, 5).maxRelativeResidual(1), 1e-15);
        // the largest wins; NaN pairs are skipped
        assertEquals(0.75, new SpectrumChecks(0.1, 10, 8, 6, 4, -1, -4, 4, 5).maxRelativeResidual(1), 1e-15);
        assertEquals(0.1, new SpectrumChecks(0.1, nan, 8, 6, nan, nan, nan, 4, nan).maxRelativeResidual(1), 1e-15);
    }

    // ------------------------------------------------------------------ Histogram

    @Test
    void histogramBinsWrittenOut() {
        Histogram h = Histogram.of(new double[]{-1, 0, 0.2, 0.25, 0.5, 0.99, 1.0, 2}, 0, 1, 4);
        assertArrayEquals(new long[]{2, 1, 1, 1}, h.counts());
        assertEquals(1, h.underflow());
        assertEquals(2, h.overflow());
        assertEquals(5, h.total());
        assertEquals(4, h.bins());
        assertEquals(0.0, h.edge(0), 0);
        assertEquals(0.25, h.edge(1), 0);
        assertEquals(0.75, h.edge(3), 0);
        assertEquals(-2.0, Histogram.of(new double[0], -2, 2, 4).edge(0), 0);
        assertEquals(1.0, Histogram.of(new double[0], -2, 2, 4).edge(3), 0);
        // a value just below hi whose bin index rounds up to `bins` is counted in the last bin, not lost
        // (lo, hi, bins) = (0.2, 0.9, 7): (nextDown(0.9) − 0.2) / 0.1 rounds to 7.0
        double hi = 0.9, v = Math.nextDown(hi);
        Histogram r = Histogram.of(new double[]{v}, 0.2, hi, 7);
        assertEquals(1, r.total());
        assertEquals(1, r.counts()[6]);
        assertEquals(0, r.overflow());
        // NaN is neither below lo nor inside: counted as overflow
        assertEquals(1, Histogram.of(new double[]{Double.NaN}, 0, 1, 2).overflow());
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], 1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], 2, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], Double.NEGATIVE_INFINITY, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], 0, Double.POSITIVE_INFINITY, 2));
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], 0, 1, 0));
        Histogram one = Histogram.of(new double[0], 0, 1, 1);
        assertEquals(1, one.bins());
    }

    @Test
    void histogramOfASpectrumUsesItsNonTrivialLnLambda() {
        Spectrum s = Spectrum.fromKinetic(IntegrationSpace.ALL, 4, new double[]{Math.exp(-1.5), 1, Math.exp(0.5), Math.exp(3)}, 0, 1e-9, Route.DENSE, false, null);
        Histogram h = Histogram.of(s, -2, 2, 4);
        assertArrayEquals(new long[]{1, 0, 1, 0}, h.counts());
        assertEquals(1, h.overflow());
        assertEquals(0, h.underflow());
    }

    // ------------------------------------------------------------------ BlockIdentities (hand-computed)

    @Test
    void blockIdentitiesOfASkipNetByHand() {
        // a = 0.5, b = −2, c = 1.5: M = [[0,0,0],[a,0,0],[c,b,0]], M² = [[0,0,0],[0,0,0],[ab,0,0]]
        GOperator op = GOperator.of(chain(0.5, -2, 1.5), IntegrationSpace.ALL, null, 0);
        BlockIdentities id = BlockIdentities.of(op, LA);
        assertEquals(3, id.nG());
        assertArrayEquals(new double[]{0.25 + 4 + 2.25, 1}, id.fro2Powers(), 1e-15);
        assertEquals(6.5, id.fro2M(), 1e-15);
        assertEquals(9.5, id.traceG(), 1e-15);
        // ‖I + M + M²‖_F² = 3 + a² + b² + (c + ab)²: the skip block and the M² block add before squaring
        assertEquals(3 + 0.25 + 4 + 0.25, id.fro2Inverse(), 1e-15);
        assertEquals(9.5 - 7.5, id.s33Blocks(), 1e-15);
        assertEquals(9.5 + 7.5 - 6, id.s34Blocks(), 1e-15);
        assertFalse(id.layered());
        assertTrue(Double.isNaN(id.s33Layered()));
        assertEquals(7.5, id.sumFro2Powers(), 1e-15);
        // clamped: only M_RR = [[0,0],[b,0]]
        BlockIdentities cl = BlockIdentities.of(op.inSpace(IntegrationSpace.CLAMPED), LA);
        assertEquals(2, cl.nG());
        assertEquals(4, cl.fro2M(), 1e-15);
        assertEquals(6, cl.traceG(), 1e-15);
        assertEquals(6, cl.fro2Inverse(), 1e-15);
        assertEquals(0, cl.s33Blocks(), 1e-15);
        assertEquals(6 + 6 - 4, cl.s34Blocks(), 1e-15);
    }

    @Test
    void layeredIdentitiesByHand() {
        // a = 3, b = 2 (no skip): M² has the single block ab = 6; S33 layered = −‖M²‖² = −36
        GOperator op = GOperator.of(chain(3, 2, null), IntegrationSpace.ALL, null, 0);
        BlockIdentities id = BlockIdentities.of(op, LA);
        assertTrue(id.layered());
        assertEquals(-36, id.s33Layered(), 1e-12);
        assertEquals(3 + 13, id.traceG(), 1e-12);
        assertEquals(3 + 13 + 36, id.fro2Inverse(), 1e-12);
        assertEquals(id.traceG() - id.fro2Inverse(), id.s33Layered(), 1e-12);
        assertEquals(13 + 36, id.sumFro2Powers(), 1e-12);
        BlockMatrix tail = BlockIdentities.neumannTail(op.powers(LA));
        assertArrayEquals(new double[]{3}, tail.block(1, 0), 0);
        assertArrayEquals(new double[]{2}, tail.block(2, 1), 0);
        assertArrayEquals(new double[]{6}, tail.block(2, 0), 0);
    }

    @Test
    void aZeroNetHasNoPowersAndOnlyTrivialEigenvalues() {
        // ŵ = 0: M = 0, A = I, every λ = 1; the identities reduce to N_G
        GOperator op = GOperator.of(chain(0, 0, null), IntegrationSpace.ALL, null, 0);
        assertTrue(op.powers(LA).isEmpty());
        BlockIdentities id = BlockIdentities.of(op, LA);
        assertEquals(0, id.fro2Powers().length);
        assertEquals(0, id.fro2M(), 0);
        assertEquals(3, id.traceG(), 0);
        assertEquals(3, id.fro2Inverse(), 0);
        assertEquals(0, id.s34Blocks(), 0);
        for (LeftTail tail : LeftTail.values()) {
            Spectrum s = new SpectrumSolver(LA, Route.COMPRESSED, tail, Method.GRAM, 1e-9).spectrum(op);
            assertEquals(3, s.nTrivial(), tail.toString());
            assertEquals(0, s.lnDetG(), 0);
        }
    }

    // ------------------------------------------------------------------ SpectrumSolver

    @Test
    void skipNetSpectrumOnEveryRouteMatchesNumpy() {
        GOperator op = GOperator.of(chain(0.5, -2, 1.5), IntegrationSpace.ALL, null, 0);
        // numpy: eigvalsh(A.T @ A), A = [[1,0,0],[-0.5,1,0],[-1.5,2,1]]
        double[] expected = {0.16877213387920728, 0.6853118577091257, 8.645916008411666};
        for (Route route : new Route[]{Route.COMPRESSED, Route.DENSE, Route.AUTO}) {
            for (Method method : Method.values()) {
                for (LeftTail tail : LeftTail.values()) {
                    Spectrum s = new SpectrumSolver(LA, route, tail, method, 1e-9).spectrum(op);
                    String what = route + "/" + method + "/" + tail;
                    assertArrayEquals(expected, s.kineticNontrivial(), 1e-12, what);
                    assertEquals(route == Route.DENSE ? Route.DENSE : Route.COMPRESSED, s.route(), what);
                    assertEquals(9.5, s.sumOverLambda(l -> l), 1e-12, what);
                    assertEquals(7.5, s.sumOverLambda(l -> 1 / l), 1e-11, what);
                    assertEquals(0, s.checks().maxRelativeResidual(s.nNontrivial()), 1e-12, what);
                    assertEquals(7.5, s.checks().invTraceBlocks(), 1e-15, what);
                    assertEquals(3, s.compressedSize(), what);
                }
            }
        }
        // clamped: Ĝ_R = [[5, −2], [−2, 1]], λ = 3 ± 2√2
        Spectrum c = new SpectrumSolver(LA).spectrum(op.inSpace(IntegrationSpace.CLAMPED));
        assertArrayEquals(new double[]{3 - 2 * Math.sqrt(2), 3 + 2 * Math.sqrt(2)}, c.kineticNontrivial(), 1e-13);
        assertEquals(2, c.compressedSize());
        // with a mass the solver reports λ = κ + m and keeps κ
        Spectrum m = new SpectrumSolver(LA).spectrum(op.withMass(0.25));
        assertEquals(0.25, m.mass(), 0);
        assertArrayEquals(expected, m.kineticNontrivial(), 1e-12);
        assertEquals(Math.log(0.16877213387920728 + 0.25), m.lnLambdaNontrivial()[0], 1e-12);
    }

    @Test
    void theAutomaticLeftTailFollowsThePredictedError() {
        // a = b = 10: κ(A_c) ≈ 1066, so ε κ² ≈ 2.5e-10 > 1e-11 (Gram: merge) but 2 ε κ ≈ 4.7e-13 (SVD: no merge)
        GOperator op = GOperator.of(chain(10, 10, null), IntegrationSpace.ALL, null, 0);
        // numpy: log(eigvalsh(A.T @ A)), A = [[1,0,0],[-10,1,0],[0,-10,1]]
        double[] expected = {-9.230435123644497, 4.516743505807186, 4.713691617837972};
        Spectrum gram = new SpectrumSolver(LA, Route.AUTO, LeftTail.AUTO, Method.GRAM, 1e-9).spectrum(op);
        assertTrue(gram.leftTailFromInverse());
        assertArrayEquals(expected, gram.lnLambdaNontrivial(), 1e-10);
        Spectrum auto = new SpectrumSolver(LA).spectrum(op);
        assertTrue(auto.leftTailFromInverse(), "AUTO method is GRAM");
        assertArrayEquals(expected, auto.lnLambdaNontrivial(), 1e-10);
        Spectrum svd = new SpectrumSolver(LA, Route.AUTO, LeftTail.AUTO, Method.SVD, 1e-9).spectrum(op);
        assertFalse(svd.leftTailFromInverse());
        assertArrayEquals(expected, svd.lnLambdaNontrivial(), 1e-10);
        assertFalse(new SpectrumSolver(LA, Route.AUTO, LeftTail.NEVER, Method.GRAM, 1e-9).spectrum(op).leftTailFromInverse());
        assertTrue(new SpectrumSolver(LA, Route.AUTO, LeftTail.ALWAYS, Method.SVD, 1e-9).spectrum(op).leftTailFromInverse());
        Spectrum always = new SpectrumSolver(LA, Route.COMPRESSED, LeftTail.ALWAYS, Method.SVD, 1e-9).spectrum(op);
        assertArrayEquals(expected, always.lnLambdaNontrivial(), 1e-10);
        // a = b = 5: κ ≈ 146, ε κ² ≈ 4.7e-12 < 1e-11: no merge even with Gram
        assertFalse(new SpectrumSolver(LA).spectrum(GOperator.of(chain(5, 5, null), IntegrationSpace.ALL, null, 0)).leftTailFromInverse());
        // clamped: λ = 51 ± 10√26 (Ĝ_R = [[101, −10], [−10, 1]]), the small one from A_c⁻¹
        Spectrum c = new SpectrumSolver(LA, Route.AUTO, LeftTail.ALWAYS, Method.GRAM, 1e-9).spectrum(op.inSpace(IntegrationSpace.CLAMPED));
        double big = Math.log(51 + 10 * Math.sqrt(26));
        assertArrayEquals(new double[]{-big, big}, c.lnLambdaNontrivial(), 1e-12);
        assertTrue(c.leftTailFromInverse());
    }

    @Test
    void theMergeTakesEachEndFromTheRouteThatResolvesIt() {
        // a = b = 30: κ(A_c) ≈ 2.7e4. mpmath (40 digits): ln λ of AᵀA, A = [[1,0,0],[-30,1,0],[0,-30,1]]
        double[] expected = {-13.607012976135742972, 6.770230188980772138, 6.8367827871549708342};
        GOperator op = GOperator.of(chain(30, 30, null), IntegrationSpace.ALL, null, 0);
        for (Method method : new Method[]{Method.GRAM, Method.SVD}) {
            Spectrum s = new SpectrumSolver(LA, Route.COMPRESSED, LeftTail.ALWAYS, method, 1e-9).spectrum(op);
            // the large λ from A_c, the small one from A_c⁻¹: each to ~1e-12; taking all from one side costs ~1e-7 with Gram
            assertArrayEquals(expected, s.lnLambdaNontrivial(), 1e-9, method.toString());
            assertEquals(0, s.lnDetG(), 1e-9, method.toString());
        }
        assertTrue(new SpectrumSolver(LA, Route.AUTO, LeftTail.AUTO, Method.SVD, 1e-9).spectrum(op).leftTailFromInverse(), "2 ε κ ≈ 1.2e-11 > 1e-11");
    }

    @Test
    void routeChoiceAndRefusals() {
        // a backward block (output → hidden) makes F′ŵ non-nilpotent
        NeuronLayout layout = NeuronLayout.of(1, 1, 1);
        List<Block> blocks = List.of(new Block(0, 1, 1, 1, new double[]{0.5}), new Block(1, 2, 1, 1, new double[]{-2}),
                new Block(2, 1, 1, 1, new double[]{0.25}));
        Network loop = new Network(layout, new WeightMatrix(layout, blocks), new double[3], Activation.IDENTITY, Activation.IDENTITY);
        GOperator op = GOperator.of(loop, IntegrationSpace.ALL, null, 0);
        Spectrum auto = new SpectrumSolver(LA, null, null, null, 1e-9).spectrum(op);
        assertEquals(Route.DENSE, auto.route());
        assertNull(auto.identities());
        // numpy: eigvalsh(A.T @ A), A = [[1,0,0],[-0.5,1,-0.25],[0,2,1]]
        double[] a = {1, 0, 0, -0.5, 1, -0.25, 0, 2, 1};
        double[] ata = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) ata[i * 3 + j] += a[k * 3 + i] * a[k * 3 + j];
        double trace = ata[0] + ata[4] + ata[8];
        assertEquals(trace, auto.sumOverLambda(l -> l), 1e-12);
        double det = 1 * (1 * 1 - (-0.25) * 2) - 0 + 0; // det A = 1.5
        assertEquals(2 * Math.log(det), auto.lnDetG(), 1e-12);
        assertThrows(IllegalStateException.class, () -> new SpectrumSolver(LA, Route.COMPRESSED, LeftTail.AUTO, Method.AUTO, 1e-9).spectrum(op));
        assertThrows(IllegalStateException.class, () -> SpectrumSolver.compressedLower(op, LA));
        GOperator ff = GOperator.of(chain(0.5, -2, null), IntegrationSpace.ALL, null, 0);
        IllegalArgumentException st = assertThrows(IllegalArgumentException.class,
                () -> new SpectrumSolver(LA, Route.STOCHASTIC, LeftTail.AUTO, Method.AUTO, 1e-9).spectrum(ff));
        assertTrue(st.getMessage().contains("stochastic"));
        assertEquals(Route.COMPRESSED, new SpectrumSolver(LA).spectrum(ff).route());
        assertNotNullIdentities(new SpectrumSolver(LA, Route.DENSE, LeftTail.AUTO, Method.AUTO, 1e-9).spectrum(ff));
        assertThrows(IllegalArgumentException.class, () -> new SpectrumSolver(null));
        for (double tau : new double[]{0, -1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new SpectrumSolver(LA, Route.AUTO, LeftTail.AUTO, Method.AUTO, tau), "tau " + tau);
        }
        // the solver's τ is used: the clamped chain a = b = 0.5 has κ = (9 ± √17)/8, |ln κ| ≈ 0.49 < ln 4: all trivial
        GOperator small = GOperator.of(chain(0.5, 0.5, null), IntegrationSpace.CLAMPED, null, 0);
        assertEquals(0, new SpectrumSolver(LA, Route.AUTO, LeftTail.AUTO, Method.AUTO, Math.log(4)).spectrum(small).nNontrivial());
        assertEquals(2, new SpectrumSolver(LA, Route.AUTO, LeftTail.AUTO, Method.AUTO, 1e-9).spectrum(small).nNontrivial());
    }

    private static void assertNotNullIdentities(Spectrum s) {
        assertTrue(s.identities() != null && s.identities().traceG() == s.checks().traceBlocks());
    }

    @Test
    void theCompressedRouteRefusesADenseProblemAboveItsLimit() {
        // 1 input feeding 15 812 outputs: A_c is (1 + 15 812)² = 250 050 969 elements > 2.5e8
        int r = 15_812;
        NeuronLayout layout = NeuronLayout.of(1, r);
        double[] w = new double[r];
        w[0] = 0.5;
        Network net = new Network(layout, new WeightMatrix(layout, List.of(new Block(0, 1, r, 1, w))), new double[1 + r],
                Activation.IDENTITY, Activation.IDENTITY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SpectrumSolver(LA).spectrum(GOperator.of(net)));
        assertTrue(e.getMessage().contains("15813 x 15813") && e.getMessage().contains("1907 MiB"), e.getMessage());
    }
}
