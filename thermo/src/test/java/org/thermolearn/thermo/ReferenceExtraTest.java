package org.thermolearn.thermo;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;
import org.thermolearn.thermo.operator.FPrimePoint;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.LeftTail;
import org.thermolearn.thermo.spectrum.Method;
import org.thermolearn.thermo.spectrum.Route;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole analysis ({@link ThermoAnalysis}) against thermo-reference-extra.json, an independent dense
 * numpy oracle (tests/python/make_reference_extra.py) for what the tanh/tanh reference file does not
 * reach: sigmoid and identity output groups and a sigmoid hidden group (f′ of each group's own
 * activation, A2), f′ supplied from data (A2 (b)), C_&gt;(λ_c) with λ_c = 0.5 and 2 (S21), C_m with
 * m_C = 0.25, and the ensemble at β = 1.7 with a mass m = 0.3 and its ground energy E₀ ((S10), (S13)–(S16)).
 */
@Tag("essential")
class ReferenceExtraTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> root() {
        try (InputStream in = ReferenceExtraTest.class.getResourceAsStream("/thermo-reference-extra.json")) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Network network(Map<String, Object> j) {
        int[] sizes = ((List<Object>) j.get("sizes")).stream().mapToInt(o -> ((Double) o).intValue()).toArray();
        NeuronLayout layout = NeuronLayout.of(sizes);
        List<Block> blocks = new ArrayList<>();
        for (Object bo : (List<Object>) j.get("blocks")) {
            Map<String, Object> b = (Map<String, Object>) bo;
            int from = ((Double) b.get("from")).intValue(), to = ((Double) b.get("to")).intValue();
            int r = sizes[to], c = sizes[from];
            double[] w = new double[r * c];
            List<Object> rows = (List<Object>) b.get("w");
            for (int i = 0; i < r; i++) for (int k = 0; k < c; k++) w[i * c + k] = (Double) ((List<Object>) rows.get(i)).get(k);
            blocks.add(new Block(from, to, r, c, w));
        }
        double[] bias = new double[layout.n()];
        List<Object> bl = (List<Object>) j.get("bias");
        for (int g = 1; g < sizes.length; g++) {
            for (int i = 0; i < sizes[g]; i++) bias[layout.offset(g) + i] = (Double) ((List<Object>) bl.get(g)).get(i);
        }
        return new Network(layout, new WeightMatrix(layout, blocks), bias,
                Activation.parse((String) j.get("hidden")), Activation.parse((String) j.get("output")));
    }

    @SuppressWarnings("unchecked")
    static double[] doubles(Object list) {
        return ((List<Object>) list).stream().mapToDouble(o -> (Double) o).toArray();
    }

    @SuppressWarnings("unchecked")
    @Test
    void fPrimeAtTheBiasUsesEachGroupsOwnActivation() {
        for (Object o : (List<Object>) root().get("networks")) {
            Map<String, Object> j = (Map<String, Object>) o;
            Network net = network(j);
            assertArrayEquals(doubles(j.get("fprime_at_bias")), net.fPrimeAtBias(), 1e-15, (String) j.get("name"));
            GOperator op = GOperator.of(net);
            assertEquals(FPrimePoint.BIAS, op.fPrimePoint());
            assertArrayEquals(doubles(j.get("fprime_at_bias")), op.fPrime(), 1e-15, (String) j.get("name"));
        }
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> everyNetworkSpaceMassAndLambdaC() {
        Map<String, Object> root = root();
        List<Map<String, Object>> cases = new ArrayList<>();
        for (Object o : (List<Object>) root.get("networks")) cases.add((Map<String, Object>) o);
        cases.add((Map<String, Object>) root.get("data_fprime"));
        double beta = (Double) root.get("beta"), mC = (Double) root.get("complexity_mass");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> j : cases) {
            Network net = network(j);
            double[] dataFPrime = j.containsKey("fprime_at_data") ? doubles(j.get("fprime_at_data")) : null;
            for (IntegrationSpace sp : IntegrationSpace.values()) {
                Map<String, Object> ref = (Map<String, Object>) ((Map<String, Object>) j.get("spaces")).get(sp.label());
                for (Object mo : (List<Object>) root.get("masses")) {
                    double m = (Double) mo;
                    for (Object lo : (List<Object>) root.get("lambda_c")) {
                        double lc = (Double) lo;
                        for (Route route : new Route[]{Route.COMPRESSED, Route.DENSE}) {
                            AnalysisOptions opt = AnalysisOptions.defaults().withSpaces(sp).withMass(m).withBeta(beta)
                                    .withComplexity(lc, 1e-6, mC).withDataFPrime(dataFPrime)
                                    .withRoute(route, LeftTail.ALWAYS, Method.AUTO);
                            tests.add(DynamicTest.dynamicTest(j.get("name") + " / " + sp.label() + " / m=" + m + " / lambda_c=" + lc
                                    + " / " + route, () -> check(net, opt, ref, m, lc, mC)));
                        }
                    }
                }
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void check(Network net, AnalysisOptions opt, Map<String, Object> ref, double m, double lc, double mC) {
        SpaceAnalysis a = ThermoAnalysis.analyse(net, opt, EjmlLinalg.INSTANCE).spaces().get(0);
        Map<String, Object> e = (Map<String, Object>) ref.get("mass_" + m);
        assertEquals(d(ref, "N_G"), a.spectrum().nG(), 0);
        if (m == 0) {
            assertArrayEquals(doubles(ref.get("ln_lambda_nontrivial")), a.spectrum().lnLambdaNontrivial(), 1e-10, "ln lambda");
            assertEquals(d(ref, "sum_lambda"), a.spectrum().sumOverLambda(l -> l), 1e-10);
            assertEquals(d(ref, "sum_inv_lambda"), a.spectrum().sumOverLambda(l -> 1 / l), 1e-8);
        }
        assertEquals(d(ref, "c_m_" + mC), a.complexity().cMass(), 1e-10, "C_m");
        assertEquals(d(e, "c_gt_" + lc), a.complexity().cGt(), 1e-10, "C_>(lambda_c = " + lc + ")");
        assertEquals(lc, a.complexity().lambdaC(), 0);
        assertEquals(d(e, "sum_ln_lambda"), a.spectrum().lnDetG(), 1e-10, "ln det G");
        assertEquals(d(e, "E0"), a.ensemble().e0(), 1e-10, "E0");
        assertEquals(d(e, "lnZ"), a.ensemble().lnZ(), 1e-10, "ln Z");
        assertEquals(d(e, "U"), a.ensemble().u(), 1e-10, "U");
        assertEquals(d(e, "F"), a.ensemble().f(), 1e-10, "F");
        assertEquals(d(e, "S"), a.ensemble().s(), 1e-10, "S");
        assertEquals(d(e, "beta"), a.ensemble().beta(), 0);
    }

    private static double d(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v == null) throw new AssertionError("reference lacks " + k);
        return (Double) v;
    }
}
