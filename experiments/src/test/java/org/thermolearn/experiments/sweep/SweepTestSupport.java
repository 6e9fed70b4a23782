package org.thermolearn.experiments.sweep;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers of the sweep tests: specs using {@link FakeRunMain}, a CLI in a child JVM, an Arrow reader. */
final class SweepTestSupport {
    private SweepTestSupport() { }

    /** A 12-task spec: grid over architecture (2) × learningRate (3), zip over seed (2). */
    static String spec12(String name, Path output, int epochs) {
        return """
                name: %s
                output: %s
                mainClass: org.thermolearn.experiments.sweep.FakeRunMain
                maxAttempts: 3
                base:
                  epochs: %d
                  dataDir: synthetic
                axes:
                  - grid:
                      architecture: ["16-8-4", "16-8-8-4"]
                      learningRate: [0.05, 0.1, 0.2]
                  - zip:
                      seed: [1, 2]
                local:
                  parallel: 2
                slurm:
                  cpusPerTask: 1
                  throttle: 2
                  time: "00:10:00"
                """.formatted(name, quote(output.toString()), epochs);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Path write(Path dir, String file, String text) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(file);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    record Cli(int code, String output) { }

    /** Starts {@code sweep ARGS} in a child JVM with the test class path. */
    static Process startCli(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(TaskRunner.currentJava(), TaskRunner.ADD_OPENS, "-cp",
                System.getProperty("java.class.path"), SweepCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs the CLI in a child JVM and waits for it to exit (an event, never a wall-clock limit). */
    static Cli cli(Map<String, String> env, Path tmp, String... args) throws Exception {
        Path log = Files.createTempFile(tmp, "cli", ".log");
        Process p = startCli(env, log, args);
        int code = p.waitFor();
        return new Cli(code, Files.readString(log));
    }

    /** An Arrow stream file as schema + columns of Java values (nulls kept). */
    record Table(Schema schema, Map<String, List<Object>> columns, int rows) { }

    static Table readArrow(Path file) throws IOException {
        try (BufferAllocator a = new RootAllocator(); InputStream in = Files.newInputStream(file);
             ArrowStreamReader r = new ArrowStreamReader(in, a)) {
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            Map<String, List<Object>> cols = new LinkedHashMap<>();
            for (var f : root.getSchema().getFields()) cols.put(f.getName(), new ArrayList<>());
            int rows = 0;
            while (r.loadNextBatch()) {
                for (FieldVector v : root.getFieldVectors()) {
                    for (int i = 0; i < root.getRowCount(); i++) {
                        Object o = v.getObject(i);
                        cols.get(v.getName()).add(o == null ? null : o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o);
                    }
                }
                rows += root.getRowCount();
            }
            return new Table(root.getSchema(), cols, rows);
        }
    }

    /**
     * Asserts two collected tables hold the same rows bit for bit, ignoring wall-clock columns
     * (unit "s"), which no two runs share.
     */
    static void assertSameMetrics(Table a, Table b) {
        org.junit.jupiter.api.Assertions.assertEquals(new ArrayList<>(a.columns().keySet()), new ArrayList<>(b.columns().keySet()), "columns");
        org.junit.jupiter.api.Assertions.assertEquals(a.rows(), b.rows(), "rows");
        int compared = 0;
        for (var f : a.schema().getFields()) {
            if ("s".equals(f.getMetadata().get("unit"))) continue;
            List<Object> x = a.columns().get(f.getName()), y = b.columns().get(f.getName());
            for (int i = 0; i < a.rows(); i++) {
                Object u = x.get(i), v = y.get(i);
                boolean same = u instanceof Double du && v instanceof Double dv
                        ? Double.doubleToRawLongBits(du) == Double.doubleToRawLongBits(dv) : java.util.Objects.equals(u, v);
                if (!same) throw new AssertionError("column " + f.getName() + " row " + i + ": " + u + " vs " + v);
                compared++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(compared > 0);
    }

    static String classPath() { return System.getProperty("java.class.path").replace(File.pathSeparator, "\n"); }
}
