package org.thermolearn.thermo;

import org.thermolearn.thermo.operator.IntegrationSpace;

import java.util.List;

/**
 * The result of {@link ThermoAnalysis#analyse}: one {@link SpaceAnalysis} per integration space, the
 * options used and the linear-algebra backend. {@link org.thermolearn.thermo.metric.Metric#snapshotValues}
 * names its scalars as the records do ({@code c_gt_1_all}, {@code skewness_nt_clamped}).
 */
public record ThermoAnalysisResult(String architecture, AnalysisOptions options, String backend, List<SpaceAnalysis> spaces,
                                   double seconds) {

    /** The analysis of one space; throws if it was not requested. */
    public SpaceAnalysis get(IntegrationSpace space) {
        for (SpaceAnalysis s : spaces) if (s.space() == space) return s;
        throw new IllegalArgumentException("space " + space + " was not analysed; request it in AnalysisOptions.spaces");
    }
}
