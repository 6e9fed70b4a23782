package org.thermolearn.thermo;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.ensemble.Complexity;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.ensemble.Moments;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.BlockIdentities;
import org.thermolearn.thermo.spectrum.LeftTail;
import org.thermolearn.thermo.spectrum.Method;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.spectrum.Spectrum;
import org.thermolearn.thermo.spectrum.SpectrumSolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every network of thermo-reference.json, both spaces, compressed and dense routes. */
@Tag("essential")
class ReferenceTest {

    private static final Linalg LA = EjmlLinalg.INSTANCE;

    @TestFactory
    Stream<DynamicTest> referenceNetworks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> j : Nets.reference()) {
            Network net = Nets.fromReference(j);
            @SuppressWarnings("unchecked")
            Map<String, Object> spaces = (Map<String, Object>) j.get("spaces");
            for (IntegrationSpace sp : IntegrationSpace.values()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> ref = (Map<String, Object>) spaces.get(sp.label());
                for (Route route : new Route[]{Route.COMPRESSED, Route.DENSE}) {
                    for (Method method : route == Route.DENSE ? new Method[]{Method.AUTO} : new Method[]{Method.SVD, Method.GRAM}) {
                        tests.add(DynamicTest.dynamicTest(j.get("name") + " / " + sp.label() + " / " + route + " / " + method,
                                () -> check(net, sp, ref, route, method)));
                    }
                }
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void check(Network net, IntegrationSpace sp, Map<String, Object> ref, Route route, Method method) {
        GOperator op = GOperator.of(net, sp, null, 0.0);
        Spectrum s = new SpectrumSolver(LA, route, LeftTail.ALWAYS, method, 1e-9).spectrum(op);
        double[] expected = ((List<Object>) ref.get("ln_lambda_nontrivial")).stream().mapToDouble(o -> (Double) o).toArray();
        assertEquals(d(ref, "N_G"), s.nG(), 0);
        assertEquals(d(ref, "n_nontrivial"), s.nNontrivial(), 0);
        assertEquals(d(ref, "n_trivial"), s.nTrivial(), 0);
        assertArrayEquals(expected, s.lnLambdaNontrivial(), 1e-10, "ln lambda non-trivial");
        assertEquals(d(ref, "sum_ln_lambda"), s.lnDetG(), 1e-11);
        assertEquals(d(ref, "sum_lambda"), s.sumOverLambda(l -> l), 1e-9);
        assertEquals(d(ref, "sum_inv_lambda"), s.sumOverLambda(l -> 1 / l), 1e-8);
        BlockIdentities id = BlockIdentities.of(op, LA);
        assertEquals(d(ref, "fro2_M"), id.fro2M(), 1e-10);
        assertEquals(d(ref, "sum_lambda"), id.traceG(), 1e-10);
        assertEquals(d(ref, "sum_inv_lambda"), id.fro2Inverse(), 1e-9);
        assertEquals(d(ref, "sinh_generator_S33"), s.checks().s33Eigen(), 1e-8);
        assertEquals(d(ref, "sinh_generator_S33"), id.s33Blocks(), 1e-9);
        assertEquals(d(ref, "cosh_generator_S34"), s.checks().s34Eigen(), 1e-8);
        assertEquals(d(ref, "cosh_generator_S34"), id.s34Blocks(), 1e-9);
        if (ref.containsKey("S33_from_block_products")) {
            assertEquals(d(ref, "S33_from_block_products"), id.s33Layered(), 1e-9);
        }
        Complexity c = Complexity.of(s, 1.0, 1e-6, 0.1);
        assertEquals(d(ref, "complexity_C_gt_1"), c.cGt(), 1e-10);
        assertEquals(d(ref, "effective_rank_eps_1e-6"), c.effectiveRank(), 0);
        assertEquals(-0.5 * d(ref, "mass_0.1_sum_ln_lambda"), c.cMass(), 1e-10);
        assertEquals(0.0, c.cLnDet(), 1e-11);
        Moments m = Moments.of(s, 4);
        assertEquals(d(ref, "mu1_nt"), m.muNt(1), 1e-12);
        assertEquals(d(ref, "mu2_nt"), m.muNt(2), 1e-10);
        assertEquals(d(ref, "mu3_nt"), m.muNt(3), 1e-10);
        assertEquals(d(ref, "skewness_nt"), m.skewnessNt(), 1e-10);
        for (String b : new String[]{"0.5", "2.0"}) {
            Map<String, Object> e = (Map<String, Object>) ref.get("beta_" + b);
            GaussianEnsemble g = GaussianEnsemble.of(s, 0.0, Double.parseDouble(b));
            assertEquals(d(e, "lnZ"), g.lnZ(), 1e-10);
            assertEquals(d(e, "U"), g.u(), 1e-12);
            assertEquals(d(e, "S"), g.s(), 1e-10);
            assertEquals(d(e, "F"), g.f(), 1e-10);
        }
        Spectrum massive = new SpectrumSolver(LA, route, LeftTail.ALWAYS, method, 1e-9).spectrum(op.withMass(0.1));
        assertEquals(d(ref, "mass_0.1_sum_ln_lambda"), massive.lnDetG(), 1e-10);
        assertEquals(0.0, s.checks().maxRelativeResidual(s.nNontrivial()), 1e-10);
    }

    private static double d(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v == null) throw new AssertionError("reference lacks " + k);
        return (Double) v;
    }
}
