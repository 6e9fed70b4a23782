package org.thermolearn.thermo.stochastic;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;
import org.thermolearn.thermo.operator.GOperator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe quadrature on the union of the Krylov spaces of Ĝ_c and Ĝ_c⁻¹: a positive measure of total weight ‖z‖², exact
 * for the Laurent moments zᵀĜ_c^p z far beyond what either run alone integrates exactly, with nodes inside the spectrum.
 */
class ExtendedKrylovQuadratureTest {

    private static final Linalg LA = Linalg.auto();

    @Test
    void integratesLaurentMomentsOfBothSignsExactly() {
        // σ = 2.5 tanh net: ln κ spans several units on both sides of 0, as in the nets where the hand-over mattered
        CompressedOperator a = CompressedOperator.of(GOperator.of(net(7, new int[]{40, 30, 30, 5})), LA);
        int n = a.dimension(), k = 8, b = 3;
        double[][] z = a.zeros(b);
        SplittableRandom rng = new SplittableRandom(5);
        for (double[] g : z) for (int i = 0; i < g.length; i++) g[i] = rng.nextBoolean() ? 1 : -1;
        BlockLanczos.Run rg = BlockLanczos.run(a::applyG, z, b, k), ri = BlockLanczos.run(a::applyGInverse, z, b, k);
        List<double[][]> qi = new ArrayList<>(ri.basis());
        qi.add(ri.next());
        for (int c = 0; c < b; c++) {
            double[][] cross = new double[rg.basis().size()][qi.size()];
            for (int i = 0; i < cross.length; i++) for (int j = 0; j < qi.size(); j++) cross[i][j] = BlockLanczos.colDots(rg.basis().get(i), qi.get(j), b)[c];
            double[][] q = ExtendedKrylovQuadrature.of(rg.recurrences().get(c), ri.recurrences().get(c), cross, n);
            double[] nodes = q[0], w = q[1];
            double total = 0;
            for (int j = 0; j < nodes.length; j++) {
                assertTrue(nodes[j] > 0 && w[j] >= 0, "a positive measure on (0, ∞)");
                total += w[j];
            }
            assertEquals(n, total, 1e-9 * n, "total weight ‖z‖² = n_c");
            // zᵀĜ^p z for p = −(2k−1) … 2k−1 by repeated application: each Gauss rule alone is exact only for p ≥ 0 (Ĝ_c run)
            // or p ≤ 0 (Ĝ_c⁻¹ run), |p| ≤ 2k − 1; the union space integrates both signs
            for (int p = -(2 * k - 1); p <= 2 * k - 1; p++) {
                double[][] x = column(a, z, b, c);
                double[][] y = x;
                for (int s = 0; s < Math.abs(p) / 2; s++) y = p > 0 ? a.applyG(y, 1) : a.applyGInverse(y, 1);
                double exact = dot(y, y);
                if (Math.abs(p) % 2 == 1) exact = dot(y, p > 0 ? a.applyG(y, 1) : a.applyGInverse(y, 1));
                double quad = 0;
                for (int j = 0; j < nodes.length; j++) quad += w[j] * Math.pow(nodes[j], p);
                assertEquals(exact, quad, 1e-7 * Math.abs(exact), "z'G^" + p + "z");
            }
        }
    }

    private static double[][] column(CompressedOperator a, double[][] z, int b, int c) {
        double[][] x = a.zeros(1);
        for (int g = 0; g < x.length; g++) for (int i = 0; i < x[g].length; i++) x[g][i] = z[g][i * b + c];
        return x;
    }

    private static double dot(double[][] x, double[][] y) {
        double s = 0;
        for (int g = 0; g < x.length; g++) for (int i = 0; i < x[g].length; i++) s += x[g][i] * y[g][i];
        return s;
    }

    private static Network net(long seed, int[] sizes) {
        SplittableRandom rng = new SplittableRandom(seed);
        NeuronLayout layout = NeuronLayout.of(sizes);
        List<Block> blocks = new ArrayList<>();
        for (int g = 0; g + 1 < sizes.length; g++) {
            double[] w = new double[sizes[g + 1] * sizes[g]];
            for (int i = 0; i < w.length; i++) w[i] = 2.5 / Math.sqrt(sizes[g]) * (rng.nextDouble() * 2 - 1) * Math.sqrt(3);
            blocks.add(new Block(g, g + 1, sizes[g + 1], sizes[g], w));
        }
        double[] bias = new double[layout.n()];
        for (int i = layout.nIn(); i < bias.length; i++) bias[i] = 0.5 * (rng.nextDouble() - 0.5);
        return Network.tanh(new WeightMatrix(layout, blocks), bias);
    }
}
