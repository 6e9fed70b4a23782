package org.thermolearn.thermo;

import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.metric.SpaceMeasurement;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.LeftTail;
import org.thermolearn.thermo.spectrum.Method;
import org.thermolearn.thermo.spectrum.Route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rough timings (printed, not asserted): full analysis, both spaces, compressed vs dense. */
@Tag("slow")
class TimingSlowTest {

    @Test
    void mnistSized() {
        Linalg la = Linalg.select("auto");
        Network small = Nets.random(7, 3.0, 0.5, new int[]{784, 100, 100, 10});
        AnalysisOptions comp = AnalysisOptions.defaults();
        AnalysisOptions dense = comp.withRoute(Route.DENSE, LeftTail.NEVER, Method.AUTO);
        for (int rep = 0; rep < 3; rep++) {
            var c = ThermoAnalysis.analyse(small, comp, la);
            var d = ThermoAnalysis.analyse(small, dense, la);
            System.out.printf("784-100-100-10 [%s] compressed %.3f s, dense %.3f s, ratio %.1f%n", la.name(), c.seconds(), d.seconds(),
                    d.seconds() / c.seconds());
            for (IntegrationSpace sp : IntegrationSpace.values()) {
                assertArrayEquals(d.get(sp).spectrum().lnLambdaNontrivial(), c.get(sp).spectrum().lnLambdaNontrivial(), 1e-8);
            }
        }
        Network big = Nets.random(8, 3.0, 0.5, new int[]{784, 1000, 1000, 10});
        for (Method m : new Method[]{Method.AUTO}) {
            var c = ThermoAnalysis.analyse(big, comp.withRoute(Route.AUTO, LeftTail.ALWAYS, m), la);
            System.out.printf("784-1000-1000-10 [%s] method %s: %.3f s (all %.3f, clamped %.3f), residual %.2e%n", la.name(), m, c.seconds(),
                    c.get(IntegrationSpace.ALL).seconds(), c.get(IntegrationSpace.CLAMPED).seconds(),
                    Metric.MAX_CHECK_RESIDUAL.value(new SpaceMeasurement(c.get(IntegrationSpace.ALL), null)));
            assertTrue(Metric.MAX_CHECK_RESIDUAL.value(new SpaceMeasurement(c.get(IntegrationSpace.ALL), null)) < 1e-8);
        }
    }
}
