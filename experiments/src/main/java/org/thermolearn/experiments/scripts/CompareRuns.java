package org.thermolearn.experiments.scripts;

import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.metric.RunView;
import org.thermolearn.thermo.operator.IntegrationSpace;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Example research script: compare two (or more) run directories side by side at their last checkpoint —
 * losses (S3, S4), accuracy, temperature (S23), complexity (S21) and skewness (S35) in both spaces.
 *
 * <pre>mvn -q -pl experiments exec:java -Dexec.mainClass=org.thermolearn.experiments.scripts.CompareRuns -Dexec.args="runs/a runs/b"</pre>
 */
public final class CompareRuns {

    private static final List<String> COLUMNS = List.of("epoch", Metric.U_BOUNDARY.column(), Metric.U_BULK.column(), Metric.BULK_TO_BOUNDARY.column(), Metric.TEST_ACCURACY.column(),
            Metric.TEMPERATURE.column(IntegrationSpace.ALL), Metric.C_GT.column(IntegrationSpace.ALL), Metric.C_GT.column(IntegrationSpace.CLAMPED), Metric.SKEWNESS_NT.column(IntegrationSpace.ALL), Metric.SKEWNESS_NT.column(IntegrationSpace.CLAMPED), Metric.MU3_NT.column(IntegrationSpace.ALL));

    private CompareRuns() { }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CompareRuns RUN_DIR RUN_DIR [RUN_DIR...]");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "%-22s", "last checkpoint");
        for (String a : args) System.out.printf(Locale.ROOT, "%20s", Path.of(a).getFileName());
        System.out.println();
        RunView[] t = new RunView[args.length];
        for (int i = 0; i < args.length; i++) t[i] = RunView.open(Path.of(args[i]));
        for (String c : COLUMNS) {
            System.out.printf(Locale.ROOT, "%-22s", c);
            for (RunView m : t) {
                if (!m.has(c) || m.rows() == 0) {
                    System.out.printf(Locale.ROOT, "%20s", "—"); // optional here: a run without the column shows a dash
                } else if (c.equals("epoch")) {
                    System.out.printf(Locale.ROOT, "%20d", (long) m.column(c)[m.rows() - 1]);
                } else {
                    System.out.printf(Locale.ROOT, "%20.6g", m.column(c)[m.rows() - 1]);
                }
            }
            System.out.println();
        }
    }
}
