package org.thermolearn.thermo;

import org.thermolearn.thermo.operator.IntegrationSpace;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The result of {@link ThermoAnalysis#analyse}: one {@link SpaceAnalysis} per integration space, the
 * options used and the linear-algebra backend. {@link #columns()} flattens every scalar to
 * {@code <space>_<name>} (e.g. {@code all_c_gt_1}, {@code clamped_skewness_nt}).
 */
public record ThermoAnalysisResult(String architecture, AnalysisOptions options, String backend, List<SpaceAnalysis> spaces,
                                   double seconds) {

    /** The analysis of one space; throws if it was not requested. */
    public SpaceAnalysis get(IntegrationSpace space) {
        for (SpaceAnalysis s : spaces) if (s.space() == space) return s;
        throw new IllegalArgumentException("space " + space + " was not analysed; request it in AnalysisOptions.spaces");
    }

    /** All scalars, prefixed by the space label, in a stable order. */
    public LinkedHashMap<String, Double> columns() {
        LinkedHashMap<String, Double> c = new LinkedHashMap<>();
        for (SpaceAnalysis s : spaces) {
            for (var e : s.columns().entrySet()) c.put(s.space().label() + "_" + e.getKey(), e.getValue());
        }
        c.put("analysis_seconds", seconds);
        return c;
    }
}
