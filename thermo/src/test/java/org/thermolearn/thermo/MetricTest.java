package org.thermolearn.thermo;

import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.loss.BoundaryLossResult;
import org.thermolearn.core.loss.BulkLossResult;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.metric.Measurements;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.ensemble.Thermometer;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.ColumnSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metric registry: unique, documented names, and values computed from the measurements as the theory says. */
class MetricTest {

    @Test
    void everyRecordedNameIsUniqueAndDocumented() {
        Set<String> names = new HashSet<>();
        for (ColumnSpec k : Metric.keyColumns()) assertTrue(names.add(k.name()));
        for (Metric m : Metric.values()) {
            assertFalse(m.description().isBlank(), m + " has a description");
            assertFalse(m.unit().isBlank(), m + " has a unit");
            assertTrue(m.formula().isEmpty() || m.formula().matches("[SPA]\\d+"), m + ": formula id " + m.formula());
            assertTrue(m.base().matches("[a-z0-9_]+"), m + ": snake_case base " + m.base());
            if (m.scope() == Metric.Scope.RUN) assertTrue(names.add(m.column()), "duplicate column " + m.column());
            else for (IntegrationSpace s : IntegrationSpace.values()) assertTrue(names.add(m.column(s)), "duplicate column " + m.column(s));
        }
    }

    @Test
    void columnNamesFollowTheScope() {
        assertEquals("c_gt_1_all", Metric.C_GT.column(IntegrationSpace.ALL));
        assertEquals("c_gt_0p5_clamped", Metric.C_GT.column(IntegrationSpace.CLAMPED, 0.5));
        assertEquals("skewness_nt_clamped", Metric.SKEWNESS_NT.column(IntegrationSpace.CLAMPED, 0.5));
        assertEquals("u_boundary", Metric.U_BOUNDARY.column());
        assertThrows(IllegalArgumentException.class, () -> Metric.C_GT.column());
        assertThrows(IllegalArgumentException.class, () -> Metric.U_BULK.column(IntegrationSpace.ALL));
    }

    @Test
    void s0IsTheSingleHomeOfS19() {
        assertEquals(Math.log(2 * Math.PI * Math.E), GaussianEnsemble.s0(2, 1.0), 1e-15);
        assertEquals(5 * Math.log(2 * Math.PI * Math.E * 0.01), GaussianEnsemble.s0(10, 0.01), 1e-12);
        assertEquals(GaussianEnsemble.s0(10, 0.25), GaussianEnsemble.s0AtBeta(10, 4.0), 1e-12);
        assertEquals(GaussianEnsemble.s0AtBeta(7, 2.0), GaussianEnsemble.of(7, 0, 0, 2.0).s0(), 0);
        assertTrue(Double.isNaN(GaussianEnsemble.s0(10, Double.NaN)));
    }

    @Test
    void laplacianExcessIsTheRecordedColumnLessItsFlatSpectrumConstant() {
        ThermoAnalysisResult a = ThermoAnalysis.analyse(Nets.fromReference(Nets.reference().get(1)), AnalysisOptions.defaults(), EjmlLinalg.INSTANCE);
        var s = a.get(IntegrationSpace.ALL);
        var phi = org.thermolearn.thermo.entropy.BoxFreeEnergy.standard();
        int nG = s.spectrum().nG();
        double[] y = s.spectrum().lnLambdaNontrivial();
        assertEquals(s.laplacianFLnLambda(), org.thermolearn.thermo.entropy.EntropyProduction.laplacianLnLambdaExcess(y, 1.0, phi) + nG * phi.phiSecond(0, 1.0), 1e-10);
        assertEquals(s.laplacianFLambda(), org.thermolearn.thermo.entropy.EntropyProduction.laplacianLambdaExcess(y, 1.0) - nG / 2.0, 1e-10);
    }

    @Test
    void rowComputesEveryMetricFromTheMeasurements() {
        Network net = Nets.fromReference(Nets.reference().get(1));
        ThermoAnalysisResult a = ThermoAnalysis.analyse(net, AnalysisOptions.defaults(), EjmlLinalg.INSTANCE);
        double[] h = {0.2, 0.4, 0.9};
        BoundaryLossResult b = new BoundaryLossResult(new double[]{0.5, 0.5, 1.0}, 2.0 / 3, 0.1, 0.3, new double[0]);
        BulkLossResult bulk = new BulkLossResult(h, 0.5, new double[]{0.5, 0.5, 1.0}, 2.0 / 3, new double[3], 1e-9, 5, 4.0, 1, 2, null, 0, null);
        Metric.Row row = Metric.row(new Measurements(0.1, 0.7, b, bulk, 0.8, Double.NaN, 0.75, 1, 2, a));
        var v = row.values();
        assertEquals(v.size() + 3, row.specs().size(), "three key columns, then one spec per value");
        assertEquals(0.75, v.get("bulk_to_boundary"), 1e-15);
        assertEquals(3.0, v.get("bulk_not_converged"));
        int nG = a.get(IntegrationSpace.ALL).spectrum().nG();
        Thermometer t = Thermometer.fromSamples(h, nG);
        assertEquals(2 * 0.5 / nG, v.get(Metric.TEMPERATURE.column(IntegrationSpace.ALL)), 1e-15, "T̂ = 2U/N_G (S23)");
        assertEquals(t.betaFluctuation(), v.get(Metric.BETA_FL.column(IntegrationSpace.ALL)), 0);
        double s0 = GaussianEnsemble.s0(nG, t.temperature());
        assertEquals(s0, v.get(Metric.S0.column(IntegrationSpace.ALL)), 0);
        assertEquals(s0 + v.get(Metric.C_GT.column(IntegrationSpace.ALL)), v.get(Metric.S_TOTAL.column(IntegrationSpace.ALL)), 1e-12, "S = S₀ + C (S18)");
        assertTrue(Double.isNaN(v.get(Metric.RECORD_SECONDS.column())), "filled in by the writer");
        assertEquals(List.of("checkpoint", "epoch", "step", "learning_rate"), row.specs().subList(0, 4).stream().map(ColumnSpec::name).toList());

        Metric.Row noLosses = Metric.row(new Measurements(0.1, 0.7, null, null, 0.8, Double.NaN, 0.75, 1, 2, a));
        assertFalse(noLosses.values().containsKey("u_bulk"), "loss metrics are absent without a loss subset");
        assertTrue(Double.isNaN(noLosses.values().get("temperature_all")), "no thermometer, no temperature");
long lossMetrics = Metric.of(Metric.Scope.RUN).stream().filter(m -> m.needs() == Metric.Needs.LOSSES).count();
        assertEquals(v.size() - lossMetrics, noLosses.values().size());
    }
}
