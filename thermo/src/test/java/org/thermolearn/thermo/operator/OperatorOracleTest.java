package org.thermolearn.thermo.operator;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GOperator and BlockMatrix against a 2-2-1 net written out by hand: tanh hidden, sigmoid output, a skip edge, biases
 * ≠ 0. M = F′ŵ is built here entry by entry from f′(b) = 1 − tanh²(b) and σ′(b) = σ(1 − σ) and every product is
 * checked against plain triple loops over that dense M (PIT survivors, issue 18).
 */
class OperatorOracleTest {

    private static final Linalg LA = EjmlLinalg.INSTANCE;
    private static final double[] W1 = {0.5, -1, 2, 0.25};      // hidden ← input, 2×2
    private static final double[] W2 = {1.5, -0.5};             // output ← hidden, 1×2
    private static final double[] W3 = {0.75, 0};               // output ← input (skip), 1×2
    private static final double[] BIAS = {0, 0, 0.3, -0.7, 0.2};

    static Network net(boolean skip, double[] skipWeights) {
        NeuronLayout layout = NeuronLayout.of(2, 2, 1);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(0, 1, 2, 2, W1.clone()));
        blocks.add(new Block(1, 2, 1, 2, W2.clone()));
        if (skip) blocks.add(new Block(0, 2, 1, 2, skipWeights.clone()));
        return new Network(layout, new WeightMatrix(layout, blocks), BIAS.clone(), Activation.TANH, Activation.SIGMOID);
    }

    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /** f′ at the bias: tanh on the hidden pair, sigmoid on the output, 0 on inputs. */
    static double[] fPrime() {
        double s = sigmoid(0.2);
        return new double[]{0, 0, 1 - Math.pow(Math.tanh(0.3), 2), 1 - Math.pow(Math.tanh(-0.7), 2), s * (1 - s)};
    }

    /** Dense 5×5 M = F′ŵ (row i receives). */
    static double[] denseM(double[] fp, boolean skip) {
        double[] m = new double[25];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) m[(2 + i) * 5 + j] = fp[2 + i] * W1[i * 2 + j];
        for (int j = 0; j < 2; j++) m[4 * 5 + 2 + j] = fp[4] * W2[j];
        if (skip) for (int j = 0; j < 2; j++) m[4 * 5 + j] = fp[4] * W3[j];
        return m;
    }

    static double[] restrict(double[] a, int n, int from) {
        int k = n - from;
        double[] r = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) r[i * k + j] = a[(from + i) * n + from + j];
        return r;
    }

    static double[] mul(double[] a, double[] b, int n, boolean transposeA) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++) {
            c[i * n + j] += (transposeA ? a[k * n + i] : a[i * n + k]) * b[k * n + j];
        }
        return c;
    }

    static double[] identityMinus(double[] m, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) a[i] = -m[i];
        for (int i = 0; i < n; i++) a[i * n + i] += 1;
        return a;
    }

    static double[] matvec(double[] a, double[] x, int n, boolean transpose) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) y[i] += (transpose ? a[j * n + i] : a[i * n + j]) * x[j];
        return y;
    }

    @Test
    void operatorOfASkipNetWrittenOut() {
        double[] fp = fPrime();
        double[] m = denseM(fp, true);
        GOperator op = GOperator.of(net(true, W3), IntegrationSpace.ALL, null, 0);
        assertEquals(FPrimePoint.BIAS, op.fPrimePoint());
        assertArrayEquals(fp, op.fPrime(), 1e-15);
        op.fPrime()[2] = 99;
        assertEquals(fp[2], op.fPrime()[2], 1e-15, "fPrime() is a copy");
        assertArrayEquals(m, op.m().toDense(0), 1e-15);
        assertEquals(0, op.firstGroup());
        assertEquals(5, op.nG());
        assertTrue(op.isBlockNilpotent());
        assertFalse(op.isLayered());
        assertEquals(3, op.levels());
        assertArrayEquals(new double[]{0, 0, Math.tanh(0.3), Math.tanh(-0.7), sigmoid(0.2)}, op.activationAtBias(), 1e-15);
        double[] a = identityMinus(m, 5);
        assertArrayEquals(a, op.denseA(), 1e-15);
        assertArrayEquals(mul(a, a, 5, true), op.denseG(LA), 1e-14);
        double[] v = {1, -2, 0, 0.5, 3};
        assertArrayEquals(matvec(a, v, 5, false), op.applyA(v), 1e-14);
        assertArrayEquals(matvec(a, v, 5, true), op.applyAT(v), 1e-14);
        // powers: M, M² ≠ 0, M³ = 0
        List<BlockMatrix> p = op.powers(LA);
        assertEquals(2, p.size());
        assertArrayEquals(mul(m, m, 5, false), p.get(1).toDense(0), 1e-14);
        assertSame(p, op.inSpace(IntegrationSpace.CLAMPED).powers(LA), "the spaces share the cached powers");
        assertSame(op, op.inSpace(IntegrationSpace.ALL));
        assertTrue(op.toString().contains("all") && op.toString().contains("BIAS") && op.toString().contains("m=0.0"), op.toString());
    }

    @Test
    void clampedSpaceRestrictsToTheNonInputNeurons() {
        double[] m = denseM(fPrime(), true);
        GOperator op = GOperator.of(net(true, W3), IntegrationSpace.CLAMPED, null, 0.5);
        assertEquals(1, op.firstGroup());
        assertEquals(3, op.nG());
        assertEquals(0.5, op.mass(), 0);
        double[] a = identityMinus(restrict(m, 5, 2), 3);
        assertArrayEquals(a, op.denseA(), 1e-15);
        double[] g = mul(a, a, 3, true);
        for (int i = 0; i < 3; i++) g[i * 3 + i] += 0.5;
        assertArrayEquals(g, op.denseG(LA), 1e-14);
        assertArrayEquals(new double[]{Math.tanh(0.3), Math.tanh(-0.7), sigmoid(0.2)}, op.activationAtBias(), 1e-15);
        double[] v = {0.5, 0, -1};
        assertArrayEquals(matvec(a, v, 3, false), op.applyA(v), 1e-14);
        assertArrayEquals(matvec(a, v, 3, true), op.applyAT(v), 1e-14);
        GOperator heavier = op.withMass(2);
        assertEquals(2, heavier.mass(), 0);
        assertEquals(IntegrationSpace.CLAMPED, heavier.space());
        assertEquals(g[0] - 0.5 + 2, heavier.denseG(LA)[0], 1e-14);
        assertTrue(heavier.toString().contains("clamped") && heavier.toString().contains("m=2.0"));
        assertThrows(IllegalArgumentException.class, () -> op.withMass(-1e-12));
        assertThrows(IllegalArgumentException.class, () -> op.withMass(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> op.withMass(Double.POSITIVE_INFINITY));
        assertEquals(0, op.withMass(0).mass(), 0);
    }

    @Test
    void layeredNetAndZeroBlocks() {
        // an all-zero skip block is no block at all: the net is layered
        GOperator op = GOperator.of(net(true, new double[]{0, 0}));
        assertNull(op.m().block(2, 0));
        assertTrue(op.isLayered());
        assertEquals(3, op.levels());
        assertArrayEquals(denseM(fPrime(), false), op.m().toDense(0), 1e-15);
        GOperator plain = GOperator.of(net(false, null));
        assertTrue(plain.isLayered());
        // one layer: M² = 0, L = 2
        NeuronLayout one = NeuronLayout.of(2, 2);
        Network shallow = new Network(one, new WeightMatrix(one, List.of(new Block(0, 1, 2, 2, W1.clone()))), new double[4],
                Activation.IDENTITY, Activation.IDENTITY);
        GOperator s = GOperator.of(shallow);
        assertEquals(2, s.levels());
        assertEquals(1, s.powers(LA).size());
        // a backward block: not nilpotent, no levels or powers
        NeuronLayout l3 = NeuronLayout.of(1, 1, 1);
        Network loop = new Network(l3, new WeightMatrix(l3, List.of(new Block(0, 1, 1, 1, new double[]{1}), new Block(1, 2, 1, 1, new double[]{1}),
                new Block(2, 1, 1, 1, new double[]{1}))), new double[3], Activation.IDENTITY, Activation.IDENTITY);
        GOperator bad = GOperator.of(loop);
        assertFalse(bad.isBlockNilpotent());
        assertFalse(bad.isLayered());
        assertThrows(IllegalStateException.class, bad::levels);
        assertThrows(IllegalStateException.class, () -> bad.powers(LA));
        // a diagonal (self) block is not strictly lower either
        Network self = new Network(l3, new WeightMatrix(l3, List.of(new Block(0, 1, 1, 1, new double[]{1}), new Block(1, 1, 1, 1, new double[]{0.5}))),
                new double[3], Activation.IDENTITY, Activation.IDENTITY);
        assertFalse(GOperator.of(self).isBlockNilpotent());
        assertFalse(GOperator.of(self).isLayered());
    }

    @Test
    void dataFPrimeReplacesTheBiasValuesOnNonInputsOnly() {
        double[] data = {9, Double.NaN, 0.5, 0.25, 0.125};
        GOperator op = GOperator.of(net(true, W3), IntegrationSpace.ALL, data, 0);
        assertEquals(FPrimePoint.DATA, op.fPrimePoint());
        double[] fp = {0, 0, 0.5, 0.25, 0.125};
        assertArrayEquals(fp, op.fPrime(), 0);
        assertArrayEquals(denseM(fp, true), op.m().toDense(0), 1e-15);
        assertEquals(9, data[0], 0, "the caller's array is not modified");
        // c = f(b) stays at the bias (S10)
        assertArrayEquals(new double[]{0, 0, Math.tanh(0.3), Math.tanh(-0.7), sigmoid(0.2)}, op.activationAtBias(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> GOperator.of(net(true, W3), IntegrationSpace.ALL, new double[4], 0));
        assertThrows(IllegalArgumentException.class, () -> GOperator.of(net(true, W3), IntegrationSpace.ALL, new double[]{0, 0, 0.5, Double.NaN, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> GOperator.of(net(true, W3), IntegrationSpace.ALL, new double[]{0, 0, 0.5, 1, Double.POSITIVE_INFINITY}, 0));
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GOperator.of(null, IntegrationSpace.ALL, null, 0));
        assertThrows(IllegalArgumentException.class, () -> GOperator.of(net(true, W3), null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> GOperator.of(net(true, W3), IntegrationSpace.ALL, null, -1e-12));
        assertThrows(IllegalArgumentException.class, () -> GOperator.of(net(true, W3), IntegrationSpace.ALL, null, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GOperator.of(net(true, W3), IntegrationSpace.ALL, null, Double.POSITIVE_INFINITY));
        assertEquals(0, GOperator.of(net(true, W3), IntegrationSpace.ALL, null, 0).mass(), 0);
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> GOperator.of(net(true, new double[]{0, Double.NaN})));
        assertTrue(w.getMessage().contains("entry (0,1)"), w.getMessage());
        Network nanBias = net(true, W3);
        nanBias.bias()[4] = Double.POSITIVE_INFINITY;
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> GOperator.of(nanBias));
        assertTrue(b.getMessage().contains("neuron 4"), b.getMessage());
    }

    @Test
    void denseFormsAreRefusedAboveTheLimit() {
        // clamped N_G = 4096 is allowed, 4097 is not
        for (int r : new int[]{4096, 4097}) {
            NeuronLayout l = NeuronLayout.of(1, r);
            Network big = new Network(l, new WeightMatrix(l, List.of(new Block(0, 1, r, 1, new double[r]))), new double[1 + r],
                    Activation.IDENTITY, Activation.IDENTITY);
            GOperator op = GOperator.of(big, IntegrationSpace.CLAMPED, null, 0);
            if (r == 4096) {
                double[] a = op.denseA();
                assertEquals(1.0, a[4095 * 4096 + 4095], 0);
                assertEquals(4096L * 4096, a.length);
            } else {
                assertTrue(assertThrows(IllegalStateException.class, op::denseA).getMessage().contains("dense A = I - F'w would be 4097x4097"));
                assertTrue(assertThrows(IllegalStateException.class, () -> op.denseG(LA)).getMessage().contains("dense G would be 4097x4097"));
            }
        }
    }

    // ------------------------------------------------------------------ BlockMatrix

    @Test
    void blockProductsAgainstDenseLoops() {
        double[] m = denseM(fPrime(), true);
        BlockMatrix bm = GOperator.of(net(true, W3)).m();
        BlockMatrix m2 = bm.times(bm, LA);
        double[] mm = mul(m, m, 5, false);
        assertArrayEquals(mm, m2.toDense(0), 1e-14);
        // plus: blocks present in one, the other or both
        double[] sum = bm.plus(m2).toDense(0);
        for (int i = 0; i < 25; i++) assertEquals(m[i] + mm[i], sum[i], 1e-14, "entry " + i);
        assertArrayEquals(sum, m2.plus(bm).toDense(0), 1e-14);
        assertArrayEquals(m, bm.plus(BlockMatrix.zeros(new int[]{2, 2, 1})).toDense(0), 1e-15);
        // Gram of I ± L
        for (double s : new double[]{-1, 1}) {
            double[] a = new double[25];
            for (int i = 0; i < 25; i++) a[i] = s * m[i];
            for (int i = 0; i < 5; i++) a[i * 5 + i] += 1;
            assertArrayEquals(mul(a, a, 5, true), bm.gramOfIdentityPlus(s, LA), 1e-14, "s = " + s);
        }
        // Frobenius norms and inner products, all groups and from group 1
        double f2 = 0, inner = 0;
        for (int i = 0; i < 25; i++) { f2 += m[i] * m[i]; inner += m[i] * mm[i]; }
        assertEquals(f2, bm.frobenius2(0), 1e-14);
        assertEquals(inner, bm.frobeniusInner(m2, 0), 1e-14);
        double[] mr = restrict(m, 5, 2);
        double f2r = 0;
        for (double x : mr) f2r += x * x;
        assertEquals(f2r, bm.frobenius2(1), 1e-14);
        assertEquals(0, bm.frobeniusInner(m2, 1), 0, "M² lives in the input columns only");
        assertEquals(f2r, bm.frobeniusInner(bm, 1), 1e-14);
        assertArrayEquals(mr, bm.toDense(1), 1e-15);
        // matrix-vector products, all groups and clamped
        double[] x = {0.5, 0, -1, 0, 2};
        assertArrayEquals(matvec(m, x, 5, false), bm.apply(x, 0), 1e-14);
        assertArrayEquals(matvec(m, x, 5, true), bm.applyTransposed(x, 0), 1e-14);
        double[] xr = {1, -2, 3};
        assertArrayEquals(matvec(mr, xr, 3, false), bm.apply(xr, 1), 1e-14);
        assertArrayEquals(matvec(mr, xr, 3, true), bm.applyTransposed(xr, 1), 1e-14);
        assertArrayEquals(new int[]{0, 2, 4, 5}, bm.offsets(0));
        assertArrayEquals(new int[]{0, 0, 2, 3}, bm.offsets(1));
        assertEquals(3, bm.groupCount());
        assertEquals(2, bm.size(1));
        assertTrue(bm.toString().contains("0->1") && bm.toString().contains("1->2") && bm.toString().contains("0->2"), bm.toString());
        assertFalse(bm.toString().contains("1->0"));
    }

    @Test
    void blockMatrixShapesAndPredicates() {
        int[] sizes = {1, 2};
        assertTrue(BlockMatrix.zeros(sizes).isZero());
        assertTrue(BlockMatrix.zeros(sizes).isStrictlyBlockLower());
        BlockMatrix lower = BlockMatrix.of(sizes, new double[][][]{{null, null}, {{1, 2}, null}});
        assertFalse(lower.isZero());
        assertTrue(lower.isStrictlyBlockLower());
        assertFalse(BlockMatrix.of(sizes, new double[][][]{{null, {1, 2}}, {null, null}}).isStrictlyBlockLower());
        assertFalse(BlockMatrix.of(sizes, new double[][][]{{{1}, null}, {null, null}}).isStrictlyBlockLower());
        assertFalse(BlockMatrix.of(sizes, new double[][][]{{null, null}, {null, {1, 0, 0, 1}}}).isStrictlyBlockLower());
        assertThrows(IllegalArgumentException.class, () -> BlockMatrix.of(sizes, new double[][][]{{null, null}}));
        assertThrows(IllegalArgumentException.class, () -> BlockMatrix.of(sizes, new double[][][]{{null, null}, {{1, 2, 3}, null}}));
        // the sizes are copied
        int[] s = {1, 2};
        BlockMatrix c = BlockMatrix.of(s, new double[][][]{{null, null}, {{1, 2}, null}});
        s[1] = 7;
        assertEquals(2, c.size(1));
        assertArrayEquals(new double[]{0, 0, 0, 1, 0, 0, 2, 0, 0}, c.toDense(0), 0);
    }
}
