package org.thermolearn.experiments.scripts;

import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunReader;

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

    private static final List<String> COLUMNS = List.of("epoch", "u_boundary", "u_bulk", "bulk_to_boundary", "test_accuracy",
            "temperature_all", "c_gt_1_all", "c_gt_1_clamped", "skewness_nt_all", "skewness_nt_clamped", "mu3_nt_all");

    private CompareRuns() { }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CompareRuns RUN_DIR RUN_DIR [RUN_DIR...]");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "%-22s", "last checkpoint");
        for (String a : args) System.out.printf(Locale.ROOT, "%20s", Path.of(a).getFileName());
        System.out.println();
        MetricsTable[] t = new MetricsTable[args.length];
        for (int i = 0; i < args.length; i++) t[i] = RunReader.open(Path.of(args[i])).metrics();
        for (String c : COLUMNS) {
            System.out.printf(Locale.ROOT, "%-22s", c);
            for (MetricsTable m : t) {
                if (!m.names().contains(c) || m.rowCount() == 0) {
                    System.out.printf(Locale.ROOT, "%20s", "—");
                } else if (c.equals("epoch")) {
                    System.out.printf(Locale.ROOT, "%20d", m.longColumn(c)[m.rowCount() - 1]);
                } else {
                    System.out.printf(Locale.ROOT, "%20.6g", m.column(c)[m.rowCount() - 1]);
                }
            }
            System.out.println();
        }
    }
}
