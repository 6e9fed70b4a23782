package org.thermolearn.thermo.metric;

import org.thermolearn.core.loss.BoundaryLossResult;
import org.thermolearn.core.loss.BulkLossResult;
import org.thermolearn.thermo.ThermoAnalysisResult;

/**
 * Everything measured at one checkpoint from which the {@link Metric} registry computes a metrics row:
 * the run-level state (learning rate, training loss, accuracies, wall times), the losses of the loss
 * subset ((S3), (S4); both null when the run measures no losses, {@code bulkSamples: 0}) and the
 * thermodynamic analysis of the snapshot (one {@link org.thermolearn.thermo.SpaceAnalysis} per space).
 */
public record Measurements(double learningRate, double trainLoss, BoundaryLossResult boundary, BulkLossResult bulk,
                           double trainAccuracy, double validationAccuracy, double testAccuracy,
                           double trainSeconds, double measureSeconds, ThermoAnalysisResult analysis) {

    /** True when the boundary and bulk losses were measured (a non-empty loss subset). */
    public boolean hasLosses() { return boundary != null && bulk != null; }
}
