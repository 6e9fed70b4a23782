package org.thermolearn.experiments.cli;

import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.metric.MissingColumnException;
import org.thermolearn.thermo.metric.RunView;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.MetricsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermolearn inspect RUN}: a summary table of a run in the terminal. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Print a summary table of a run (one line per checkpoint).")
public final class InspectCommand implements Callable<Integer> {

    static final List<String> DEFAULT_COLUMNS = List.of("epoch", Metric.U_BOUNDARY.column(), Metric.U_BULK.column(), Metric.TEST_ACCURACY.column(), Metric.TEMPERATURE.column(IntegrationSpace.ALL),
            Metric.C_GT.column(IntegrationSpace.ALL), Metric.C_GT.column(IntegrationSpace.CLAMPED), Metric.SKEWNESS_NT.column(IntegrationSpace.ALL), Metric.SKEWNESS_NT.column(IntegrationSpace.CLAMPED), Metric.SUM_LN_LAMBDA.column(IntegrationSpace.ALL), Metric.TRAIN_SECONDS.column(), Metric.ANALYSIS_SECONDS.column());

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory")
    Path run;

    @Option(names = "--columns", split = ",", description = "columns to show (default: a summary set); 'list' prints every column name")
    List<String> columns;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(run)) throw new BadInputException("run directory " + run + " does not exist");
        Inspections.requireReadableRun(run);
        RunView v = RunView.open(run);
        if (v.metrics() == null) throw new BadInputException(run + " has no metrics.arrow yet (no checkpoint recorded); wait for the first checkpoint");
        MetricsTable m = v.metrics();
        System.out.println(run + ": status " + org.thermolearn.experiments.run.RunLock.state(run, RunStatus.read(run)) + ", " + m.rowCount() + " checkpoints" + (m.truncatedTail() ? " (last batch cut off: run was killed)" : ""));
        if (columns != null && columns.equals(List.of("list"))) {
            for (var c : m.columns()) System.out.printf(Locale.ROOT, "  %-28s %-6s %s%n", c.name(), c.unit(), c.description());
            return 0;
        }
        if (columns != null) {
            for (String c : columns) {
                try {
                    v.column(c);
                } catch (MissingColumnException e) {
                    throw new BadInputException(e.getMessage() + (e.getMessage().contains("--columns list") ? "" : "; `--columns list` prints every column of this run"));
                }
            }
        }
        List<String> cols = (columns == null ? DEFAULT_COLUMNS : columns).stream().filter(m.names()::contains).toList();
        StringBuilder h = new StringBuilder();
        for (String c : cols) h.append(String.format(Locale.ROOT, "%14s", abbreviate(c)));
        System.out.println(h);
        for (int i = 0; i < m.rowCount(); i++) {
            StringBuilder b = new StringBuilder();
            for (String c : cols) {
                var spec = m.spec(c);
                if (spec.type() == org.thermolearn.thermo.record.ColumnType.INT64) b.append(String.format(Locale.ROOT, "%14d", m.longColumn(c)[i]));
                else b.append(String.format(Locale.ROOT, "%14.5g", v.column(c)[i]));
            }
            System.out.println(b);
        }
        return 0;
    }

    private static String abbreviate(String c) {
        return c.length() <= 13 ? c : c.substring(0, 13);
    }
}
