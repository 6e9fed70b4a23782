package org.thermolearn.experiments.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.MetricsWriter;
import org.thermolearn.thermo.record.Row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * A stand-in for {@code ThermoLearnCli run/resume} with the same contract (run directory with
 * run.json, metrics.arrow written through thermo.record, checkpoints/, status; exit 0 done, 2 bad
 * config, 1 failure) and a deterministic state chain x_c = (1 − lr)·x_{c−1} + noise(seed, c), so a
 * resumed run is bit-identical to an uninterrupted one only if it really restarts from its last
 * checkpoint. Test knobs in {@code <sweepDir>/fake.properties}: {@code sleepMs} per checkpoint,
 * {@code fail.<taskId>=N} (fail the first N attempts), {@code badConfig.<taskId>=true} (exit 2).
 */
public final class FakeRunMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.int64("checkpoint", "1", "checkpoint index"),
            ColumnSpec.int64("epoch", "1", "epoch"),
            ColumnSpec.float64("c_gt_1_all", "1", "complexity", "S21"),
            ColumnSpec.float64("skewness_nt_all", "1", "skewness", "S35"),
            ColumnSpec.float64("test_accuracy", "1", "accuracy", ""),
            ColumnSpec.float64("checkpoint_seconds", "s", "wall time", ""),
            ColumnSpec.utf8("linalg_backend", "backend"));

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Path out;
        ObjectNode cfg;
        boolean resume = args[0].equals("resume");
        if (resume) {
            out = Path.of(args[1]);
            cfg = (ObjectNode) JSON.readTree(out.resolve("run.json").toFile()).get("config");
        } else {
            Path cfgFile = Path.of(args[2]);
            out = Path.of(args[4]);
            cfg = (ObjectNode) JSON.readTree(cfgFile.toFile());
        }
        String id = out.getFileName().toString();
        Properties knobs = new Properties();
        Path sweepDir = out.getParent().getParent();
        Path kf = sweepDir.resolve("fake.properties");
        if (Files.isRegularFile(kf)) try (var r = Files.newBufferedReader(kf)) { knobs.load(r); }
        if (Boolean.parseBoolean(knobs.getProperty("badConfig." + id))) {
            System.err.println("bad config: learningRate must be positive");
            return 2;
        }
        int failFirst = Integer.parseInt(knobs.getProperty("fail." + id, "0"));
        Path counter = sweepDir.resolve("fake-attempts-" + id);
        int attempt = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) + 1 : 1;
        Files.writeString(counter, Integer.toString(attempt));
        long sleep = Long.parseLong(knobs.getProperty("sleepMs", "0"));

        double lr = cfg.path("learningRate").asDouble(0.1);
        long seed = cfg.path("seed").asLong(1);
        int epochs = cfg.path("epochs").asInt(3);
        String arch = cfg.path("architecture").asText("16-8-4");
        int depth = Math.max(0, arch.split("-").length - 2);
        Path cps = out.resolve("checkpoints");
        Files.createDirectories(cps);
        int start;
        double x;
        MetricsWriter w;
        if (resume) {
            long[] last = lastCheckpoint(cps);
            start = (int) last[0] + 1;
            x = Double.longBitsToDouble(last[1]);
            w = MetricsWriter.reopen(out.resolve("metrics.arrow"), start);
            System.out.println("resuming " + id + " from checkpoint " + (start - 1));
        } else {
            ObjectNode runJson = JSON.createObjectNode();
            runJson.set("config", cfg);
            Files.writeString(out.resolve("run.json"), JSON.writeValueAsString(runJson));
            w = MetricsWriter.create(out.resolve("metrics.arrow"), COLUMNS, Map.of("provenance", "{}"));
            start = 0;
            x = 1.0;
        }
        Files.writeString(out.resolve("status"), "running\n");
        try (w) {
            for (int c = start; c <= epochs; c++) {
                long t0 = System.nanoTime();
                if (c > 0) x = (1 - lr) * x + new SplittableRandom(seed * 1_000_003L + c).nextGaussian() * 0.01;
                if (sleep > 0) Thread.sleep(sleep);
                if (attempt <= failFirst && c == 1) {
                    Files.writeString(out.resolve("status"), "failed: injected failure on attempt " + attempt + "\n");
                    return 1;
                }
                w.append(Row.of().put("checkpoint", (long) c).put("epoch", (long) c)
                        .put("c_gt_1_all", x * (depth + 1))
                        .put("skewness_nt_all", Math.sin(x * 7 + depth))
                        .put("test_accuracy", 1 - Math.abs(x) / (1 + lr))
                        .put("checkpoint_seconds", (System.nanoTime() - t0) / 1e9)
                        .put("linalg_backend", "fake"));
                Path tmp = cps.resolve(".tmp");
                Files.writeString(tmp, c + " " + Long.toHexString(Double.doubleToRawLongBits(x)));
                Files.move(tmp, cps.resolve(String.format("%06d", c)), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.writeString(out.resolve("status"), "done\n", StandardCharsets.UTF_8);
        return 0;
    }

    private static long[] lastCheckpoint(Path cps) throws IOException {
        long best = -1, bits = 0;
        try (var s = Files.list(cps)) {
            for (Path p : s.toList()) {
                if (p.getFileName().toString().startsWith(".")) continue;
                String[] f = Files.readString(p).trim().split(" ");
                long c = Long.parseLong(f[0]);
                if (c > best) {
                    best = c;
                    bits = Long.parseUnsignedLong(f[1], 16);
                }
            }
        }
        return new long[]{best, bits};
    }

}
