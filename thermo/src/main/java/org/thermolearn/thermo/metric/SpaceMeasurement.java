package org.thermolearn.thermo.metric;

import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ensemble.Thermometer;

/**
 * What a per-space {@link Metric} is computed from: the analysis of the snapshot in one integration space and
 * the data-driven thermometer ((S23), (S24)) for its N_G, or null when the run measured no bulk loss (then the
 * temperature-based metrics are NaN).
 */
public record SpaceMeasurement(SpaceAnalysis analysis, Thermometer thermometer) {

    /** T̂ of (S23), NaN without a thermometer. */
    public double temperature() { return thermometer == null ? Double.NaN : thermometer.temperature(); }
}
