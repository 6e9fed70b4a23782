package org.thermolearn.experiments.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.core.data.SyntheticIdx;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.config.RunConfig;
import org.thermolearn.thermo.record.Checkpoint;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunReader;
import org.thermolearn.thermo.record.SpectrumRow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every record a run writes stays bit-identical across refactorings (wall-time columns aside): two small
 * fixed-seed runs on synthetic data are compared, value by value as IEEE bit patterns, with golden files
 * that the code before the metric registry (issue 14) wrote. The golden files hold every metrics column
 * (name, unit, formula, description, values), the schema metadata except run.json, every spectrum and
 * every checkpoint array.
 *
 * <p>To regenerate after an intended change of the records (never for a refactoring), run this test
 * with {@code -Dthermolearn.golden.write=<directory>} and copy the files into
 * {@code experiments/src/test/resources/golden/}.
 */
class RecordBitIdentityTest {

    /** Two configurations covering both integration spaces, f′ at the bias and at the data, a mass, a non-default λ_c and momentum. */
    static final Map<String, Map<String, Object>> RUNS = new LinkedHashMap<>();

    static {
        RUNS.put("plain", Map.of("checkpoints", "every:1"));
        RUNS.put("variant", Map.of("checkpoints", "0,1,3", "fprimeAt", "data", "mass", 0.05, "lambdaC", 0.5, "momentum", 0.9,
                "beta", 2.0, "architecture", "64-12-10-4+0>2"));
    }

    @Test
    void recordsMatchTheGoldenRun(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        new SyntheticIdx(7, 8, 8, 4).writeDirectory(data, 400, 100, false);
        String write = System.getProperty("thermolearn.golden.write");
        for (var e : RUNS.entrySet()) {
            Path dir = tmp.resolve(e.getKey());
            String actual = dump(run(dir, data, e.getValue()));
            String name = "golden/" + e.getKey() + ".txt";
            if (write != null) {
                Files.createDirectories(Path.of(write));
                Files.writeString(Path.of(write, e.getKey() + ".txt"), actual);
                continue;
            }
            try (var in = RecordBitIdentityTest.class.getClassLoader().getResourceAsStream(name)) {
                assertNotNull(in, "golden resource " + name);
                String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                List<String> exp = expected.lines().toList(), act = actual.lines().toList();
                for (int i = 0; i < Math.min(exp.size(), act.size()); i++) {
                    assertEquals(exp.get(i), act.get(i), e.getKey() + " record line " + (i + 1) + " differs from the golden run");
                }
                assertEquals(exp.size(), act.size(), e.getKey() + ": number of record lines");
            }
        }
    }

    static Path run(Path dir, Path data, Map<String, Object> extra) throws IOException {
        Map<String, Object> ov = new TreeMap<>();
        ov.put("architecture", "64-16-12-4");
        ov.put("epochs", 3);
        ov.put("trainCount", 300);
        ov.put("validationCount", 100);
        ov.put("bulkSamples", 60);
        ov.put("batchSize", 16);
        ov.put("linalg", "java");
        ov.put("seed", 11);
        ov.put("dataDir", data.toString());
        ov.putAll(extra);
        RunConfig c = ConfigLoader.load("quickstart", null, ov);
        ObjectNode given = ConfigLoader.json().createObjectNode();
        TrainingRun run = TrainingRun.create(c, given, dir, new RunListener() { });
        assertEquals(TrainingRun.Outcome.DONE, run.execute());
        return dir;
    }

    /** Wall-time columns differ from run to run by nature. */
    static boolean wallTime(String column) { return column.endsWith("seconds") || column.startsWith("analysis_seconds"); }

    static String dump(Path dir) throws IOException {
        RunReader r = RunReader.open(dir);
        StringBuilder b = new StringBuilder();
        MetricsTable m = r.metrics();
        b.append("rows ").append(m.rowCount()).append('\n');
        new TreeMap<>(m.metadata()).forEach((k, v) -> {
            if (!k.equals("run_json")) b.append("meta ").append(k).append(" = ").append(v.replace('\n', ' ')).append('\n');
        });
        for (ColumnSpec c : m.columns()) {
            b.append("column ").append(c.name()).append(" | ").append(c.type()).append(" | ").append(c.unit()).append(" | ")
                    .append(c.formula()).append(" | ").append(c.description()).append('\n');
            if (wallTime(c.name())) continue;
            b.append("  values");
            for (var row : m.rows()) {
                Object v = row.get(c.name());
                b.append(' ').append(v instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d)) : String.valueOf(v));
            }
            b.append('\n');
        }
        for (SpectrumRow s : r.spectra().rows()) {
            b.append("spectrum ").append(s.checkpoint()).append(' ').append(Long.toHexString(Double.doubleToRawLongBits(s.epoch()))).append(' ')
                    .append(s.step()).append(' ').append(s.space()).append(' ').append(s.nG()).append(' ').append(s.nTrivial());
            for (double y : s.lnLambda()) b.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(y)));
            b.append('\n');
        }
        for (long k : r.checkpoints()) {
            Checkpoint c = r.checkpoint(k);
            b.append("checkpoint ").append(k).append(' ').append(new TreeMap<>(c.attributes())).append('\n');
            var blocks = c.network().weights().blocks();
            for (int i = 0; i < blocks.size(); i++) b.append("  block ").append(i).append(hex(blocks.get(i).w())).append('\n');
            b.append("  bias").append(hex(c.network().bias())).append('\n');
            for (var a : new TreeMap<>(c.arrays()).entrySet()) b.append("  array ").append(a.getKey()).append(hex(a.getValue())).append('\n');
        }
        return b.toString();
    }

    static String hex(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) b.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(x)));
        return b.toString();
    }
}
