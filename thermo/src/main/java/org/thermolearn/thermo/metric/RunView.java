package org.thermolearn.thermo.metric;

import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.RunReader;
import org.thermolearn.thermo.record.SpectraTable;
import org.thermolearn.thermo.record.SpectrumRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one read side of a run's records for figures, claims, the report, sweeps, inspect and notebooks:
 * its metrics (metrics.arrow) and spectra (spectra.arrow), either of which may be absent (a run that has
 * not reached its first checkpoint). Columns are named by the {@link Metric} registry
 * ({@code view.column(Metric.C_GT, IntegrationSpace.ALL)}); plain names are accepted for the key columns and
 * for user input.
 *
 * <p>One rule for a missing column: {@link #column} throws a {@link MissingColumnException} that names the
 * column, the run and the reason when it can tell (a space that was not analysed, losses not measured, a
 * different λ_c). A reader for which the column is optional asks {@link #has} first.
 */
public final class RunView {

    private final String name;
    private final Path directory;
    private final MetricsTable metrics;
    private final SpectraTable spectra;

    private RunView(String name, Path directory, MetricsTable metrics, SpectraTable spectra) {
        this.name = name;
        this.directory = directory;
        this.metrics = metrics;
        this.spectra = spectra;
    }

    /** Reads a run directory; an absent metrics or spectra file leaves that part empty, a damaged one throws. */
    public static RunView open(Path runDir) throws IOException {
        RunReader r = RunReader.open(runDir);
        MetricsTable m = Files.isRegularFile(RunFiles.metrics(runDir)) ? r.metrics() : null;
        SpectraTable s = Files.isRegularFile(RunFiles.spectra(runDir)) ? r.spectra() : null;
        Path fn = runDir.toAbsolutePath().normalize().getFileName();
        return new RunView(fn == null ? runDir.toString() : fn.toString(), runDir, m, s);
    }

    /**
     * Reads only the metrics of a run directory (for readers that need no spectra, such as a sweep's
     * collection); a missing or damaged metrics.arrow throws, naming the file.
     */
    public static RunView openMetrics(Path runDir) throws IOException {
        MetricsTable m = RunReader.open(runDir).metrics();
        Path fn = runDir.toAbsolutePath().normalize().getFileName();
        return new RunView(fn == null ? runDir.toString() : fn.toString(), runDir, m, null);
    }

    /** A view of tables already read (either may be null), named {@code name}. */
    public static RunView of(String name, MetricsTable metrics, SpectraTable spectra) {
        Path dir = metrics != null ? metrics.file().getParent() : spectra != null ? spectra.file().getParent() : null;
        return new RunView(name, dir, metrics, spectra);
    }

    /** The run's name (its directory name). */
    public String name() { return name; }

    /** The run directory (null for a view of tables without one). */
    public Path directory() { return directory; }

    /** metrics.arrow, or null when the run has none yet. */
    public MetricsTable metrics() { return metrics; }

    /** spectra.arrow, or null when the run has none yet. */
    public SpectraTable spectra() { return spectra; }

    /** Recorded checkpoints (rows of metrics.arrow; 0 without one). */
    public int rows() { return metrics == null ? 0 : metrics.rowCount(); }

    /** The column names in file order (empty without metrics). */
    public List<String> names() { return metrics == null ? List.of() : metrics.names(); }

    public boolean has(String column) { return metrics != null && metrics.names().contains(column); }

    public boolean has(Metric m) { return has(m.column()); }

    public boolean has(Metric m, IntegrationSpace space) { return has(m.column(space)); }

    /** A column by name, one value per checkpoint; throws {@link MissingColumnException} when absent. */
    public double[] column(String column) {
        if (!has(column)) throw missing(column);
        return metrics.column(column);
    }

    /** A run-level metric. */
    public double[] column(Metric m) { return column(m.column()); }

    /** A per-space metric. */
    public double[] column(Metric m, IntegrationSpace space) { return column(m.column(space)); }

    /** The value at the first checkpoint. */
    public double first(Metric m, IntegrationSpace space) { return column(m, space)[0]; }

    /** The value at the last checkpoint. */
    public double last(Metric m, IntegrationSpace space) {
        double[] v = column(m, space);
        return v[v.length - 1];
    }

    public double first(Metric m) { return column(m)[0]; }

    public double last(Metric m) {
        double[] v = column(m);
        return v[v.length - 1];
    }

    /** The epoch of every checkpoint. */
    public double[] epochs() { return column("epoch"); }

    /** The spectra of one space in checkpoint order (empty without spectra or without that space). */
    public List<SpectrumRow> spectrum(IntegrationSpace space) { return spectra == null ? List.of() : spectra.rows(space.label()); }

    private MissingColumnException missing(String column) {
        String run = "run " + name + (directory == null ? "" : " (" + directory + ")");
        if (metrics == null) {
            return new MissingColumnException(column, run + " has no metrics.arrow yet, so no column '" + column
                    + "'; wait for its first checkpoint or resume it with `thermolearn resume`");
        }
        String why = "";
        for (IntegrationSpace s : IntegrationSpace.values()) {
            if (column.endsWith("_" + s.label()) && names().stream().noneMatch(n -> n.endsWith("_" + s.label()))) {
                why = ": the " + s.label() + " space was not analysed in this run (config key spaces)";
            }
        }
        if (column.startsWith("c_gt_")) {
            String other = names().stream().filter(n -> n.startsWith("c_gt_")).findFirst().orElse(null);
            if (other != null) why = ": this run used another complexity threshold lambdaC (it recorded " + other + ")";
        }
        for (Metric m : Metric.of(Metric.Scope.RUN)) {
            if (m.needs() == Metric.Needs.LOSSES && m.column().equals(column)) why = ": this run measured no losses (bulkSamples: 0)";
        }
        if (why.isEmpty()) why = "; `thermolearn inspect --columns list` prints the columns it has, docs/FORMAT.md describes them";
        return new MissingColumnException(column, run + " has no column '" + column + "' in metrics.arrow" + why);
    }
}
