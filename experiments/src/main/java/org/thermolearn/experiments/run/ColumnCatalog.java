package org.thermolearn.experiments.run;

import org.thermolearn.thermo.metric.Metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics columns as documentation sees them, derived from the {@link Metric} registry (nothing is
 * described here twice): the run-level columns, the per-space base names ({@code <base>_<space>}, space =
 * all | clamped, A1). docs/FORMAT.md is generated from it by
 * {@link FormatDoc}.
 */
public final class ColumnCatalog {

    private ColumnCatalog() { }

    /** The run-level columns in record order: name → {unit, description, formula}. */
    public static Map<String, String[]> describeRunColumns() { return describe(Metric.Scope.RUN); }

    /** The per-space base names in record order: base → {unit, description, formula}. */
    public static Map<String, String[]> describeSpaceColumns() { return describe(Metric.Scope.SPACE); }

    private static Map<String, String[]> describe(Metric.Scope scope) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (Metric x : Metric.of(scope)) m.put(x.base(), new String[]{x.unit(), x.description(), x.formula()});
        return m;
    }
}
