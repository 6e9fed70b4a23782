package org.thermolearn.experiments.cli;

import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.run.ColumnNames;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.experiments.run.TrainingRun;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.ColumnType;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.metric.RunView;
import org.thermolearn.thermo.operator.IntegrationSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code thermolearn inspect RUN}: a run's metrics, one line per checkpoint, as a table, CSV or JSON. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print a run's metrics, one line per checkpoint: a summary set of columns, or those --columns names.",
                "--format table (default; with the run's status and provenance above it), csv or json (the rows only, full precision, for other tools)."})
public final class InspectCommand implements Callable<Integer> {

    static final List<String> DEFAULT_COLUMNS = List.of("epoch", Metric.U_BOUNDARY.column(), Metric.U_BULK.column(), Metric.TEST_ACCURACY.column(),
            Metric.TEMPERATURE.column(IntegrationSpace.ALL), Metric.C_GT.column(IntegrationSpace.ALL), Metric.C_GT.column(IntegrationSpace.CLAMPED),
            Metric.SKEWNESS_NT.column(IntegrationSpace.ALL), Metric.SKEWNESS_NT.column(IntegrationSpace.CLAMPED),
            Metric.SUM_LN_LAMBDA.column(IntegrationSpace.ALL), Metric.TRAIN_SECONDS.column(), Metric.ANALYSIS_SECONDS.column());

    /** Output formats. */
    enum Format { TABLE, CSV, JSON }

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory")
    Path run;

    @Option(names = "--columns", split = ",", paramLabel = "PATTERN",
            description = "columns to show: names or globs such as 'c_gt_1_*' or '*_seconds', comma separated "
                    + "(default: a summary set); 'list' prints every column with its type, unit, formula and description")
    List<String> columns;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json")
    String format = "table";

    @Override
    public Integer call() throws Exception {
        Format f = parseFormat(format);
        if (!Files.isDirectory(run)) throw new BadInputException("run directory " + run + " does not exist");
        Inspections.requireReadableRun(run);
        MetricsTable m = RunView.open(run).metrics();
        if (m == null) throw new BadInputException(run + " has no metrics.arrow yet (no checkpoint recorded; "
                + org.thermolearn.experiments.run.RunState.describe(run, RunStatus.read(run)) + "); wait for the first checkpoint");
        PrintStream out = System.out;
        if (columns != null && columns.equals(List.of("list"))) {
            listColumns(m, out);
            return 0;
        }
        List<String> cols = select(m);
        switch (f) {
            case TABLE -> {
                out.println(run + ": status " + org.thermolearn.experiments.run.RunState.describe(run, RunStatus.read(run)) + ", " + m.rowCount() + " checkpoints"
                        + (m.truncatedTail() ? " (last batch cut off: run was killed)" : ""));
                out.println(provenanceLine(run));
                table(m, cols, out);
            }
            case CSV -> csv(m, cols, out);
            case JSON -> json(m, cols, out);
        }
        out.flush();
        return 0;
    }

    private static Format parseFormat(String s) {
        for (Format f : Format.values()) if (f.name().equalsIgnoreCase(s.trim())) return f;
        throw new BadInputException("--format " + s + ": choose table, csv or json");
    }

    /** The columns to show, in the order asked (each pattern's matches in file order), each once. */
    private List<String> select(MetricsTable m) {
        if (columns == null) return DEFAULT_COLUMNS.stream().filter(m.names()::contains).toList();
        Set<String> out = new LinkedHashSet<>();
        for (String p : columns) {
            List<String> hit = ColumnNames.matching(p.trim(), m.names());
            if (hit.isEmpty()) {
                throw new BadInputException(ColumnNames.unknown(p.trim(), m.names(), run.toString(),
                        "`thermolearn inspect " + run + " --columns list` prints all " + m.names().size()));
            }
            out.addAll(hit);
        }
        return new ArrayList<>(out);
    }

    private static void listColumns(MetricsTable m, PrintStream out) {
        int w = m.names().stream().mapToInt(String::length).max().orElse(6);
        for (ColumnSpec c : m.columns()) {
            out.printf(Locale.ROOT, "  %-" + w + "s  %-6s  %-6s  %-6s  %s%n", c.name(), c.type().name().toLowerCase(Locale.ROOT), c.unit(),
                    c.formula().isEmpty() ? ColumnSpec.NO_FORMULA : c.formula(), c.description());
        }
    }

    /** "provenance: git <commit> (clean|uncommitted changes), toolkit <version>" from run.json. */
    static String provenanceLine(Path run) {
        if (!Files.isRegularFile(run.resolve(TrainingRun.RUN_JSON))) return "provenance: unknown (no " + TrainingRun.RUN_JSON + ")";
        try {
            JsonNode p = ConfigLoader.json().readTree(run.resolve(TrainingRun.RUN_JSON).toFile()).path("provenance");
            String commit = p.path("git_commit").asText("unknown");
            String dirty = p.path("git_dirty").asText("unknown");
            String state = switch (dirty) {
                case "true" -> " with uncommitted changes";
                case "false" -> " (clean)";
                default -> "";
            };
            return "provenance: git " + commit + state + ", toolkit " + p.path("toolkit_version").asText("unknown")
                    + ", linear algebra " + p.path("linalg_backend").asText("unknown");
        } catch (Exception e) {
            return "provenance: unknown (run.json unreadable: " + e.getMessage() + ")";
        }
    }

    private static Object value(MetricsTable m, String c, int row) {
        return m.rows().get(row).get(c);
    }

    private static void table(MetricsTable m, List<String> cols, PrintStream out) {
        int[] w = new int[cols.size()];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < m.rowCount(); i++) {
            String[] r = new String[cols.size()];
            for (int j = 0; j < r.length; j++) r[j] = cell(m.spec(cols.get(j)).type(), value(m, cols.get(j), i));
            cells.add(r);
        }
        for (int j = 0; j < w.length; j++) {
            w[j] = cols.get(j).length();
            for (String[] r : cells) w[j] = Math.max(w[j], r[j].length());
        }
        StringBuilder h = new StringBuilder();
        for (int j = 0; j < w.length; j++) h.append(j == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%" + w[j] + "s", cols.get(j)));
        out.println(h);
        for (String[] r : cells) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < w.length; j++) b.append(j == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%" + w[j] + "s", r[j]));
            out.println(b);
        }
    }

    private static String cell(ColumnType t, Object v) {
        if (v == null) return "";
        if (t == ColumnType.UTF8) return v.toString();
        if (v instanceof Long l) return Long.toString(l);
        double d = ((Number) v).doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e9) return Long.toString((long) d);
        return String.format(Locale.ROOT, "%.5g", d);
    }

    private static void csv(MetricsTable m, List<String> cols, PrintStream out) {
        out.print(org.thermolearn.experiments.export.TidyExport.csvLine(cols.toArray()));
        for (int i = 0; i < m.rowCount(); i++) {
            Object[] v = new Object[cols.size()];
            for (int j = 0; j < v.length; j++) v[j] = value(m, cols.get(j), i);
            out.print(org.thermolearn.experiments.export.TidyExport.csvLine(v));
        }
    }

    private static void json(MetricsTable m, List<String> cols, PrintStream out) throws java.io.IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartArray();
        for (int i = 0; i < m.rowCount(); i++) {
            g.writeStartObject();
            for (String c : cols) {
                g.writeFieldName(c);
                org.thermolearn.experiments.export.TidyExport.jsonValue(g, value(m, c, i));
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
        g.writeEndArray();
        g.writeRaw('\n');
        g.flush();
    }
}
