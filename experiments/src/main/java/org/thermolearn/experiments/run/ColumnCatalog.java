package org.thermolearn.experiments.run;

import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.ColumnSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics columns as documentation sees them, derived from the {@link Metric} registry (nothing is
 * described here twice): the run-level columns, the per-space base names ({@code <base>_<space>}, space =
 * all | clamped, A1), and the spec of any recorded column name. docs/FORMAT.md is generated from it by
 * {@link FormatDoc}.
 */
public final class ColumnCatalog {

    private ColumnCatalog() { }

    /** The metric recorded under {@code column} (a run-level name or {@code <base>_<space>}), if any. */
    public static Optional<Metric> metricOf(String column) {
        for (Metric m : Metric.values()) {
            if (m.scope() == Metric.Scope.RUN) {
                if (m.column().equals(column)) return Optional.of(m);
            } else {
                for (IntegrationSpace s : IntegrationSpace.values()) if (m.column(s).equals(column)) return Optional.of(m);
            }
        }
        if (column.startsWith("c_gt_")) return Optional.of(Metric.C_GT);
        return Optional.empty();
    }

    /** The run-level columns in record order: name → {unit, description, formula}. */
    public static Map<String, String[]> describeRunColumns() { return describe(Metric.Scope.RUN); }

    /** The per-space base names in record order: base → {unit, description, formula}. */
    public static Map<String, String[]> describeSpaceColumns() { return describe(Metric.Scope.SPACE); }

    private static Map<String, String[]> describe(Metric.Scope scope) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (Metric x : Metric.of(scope)) m.put(x.base(), new String[]{x.unit(), x.description(), x.formula()});
        return m;
    }

    /** The key columns (checkpoint, epoch, step). */
    public static java.util.List<ColumnSpec> keyColumns() { return Metric.keyColumns(); }
}
