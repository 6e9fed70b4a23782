package org.thermolearn.tests;

import org.thermolearn.core.data.SyntheticIdx;
import org.thermolearn.experiments.cli.ThermoLearnCli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for end-to-end tests: a synthetic IDX data set, in-process and child-JVM CLI calls. */
final class RunFixtures {

    private RunFixtures() { }

    /** 8×8 synthetic images, 4 classes, 600 training and 200 test images. */
    static Path syntheticData(Path dir) throws IOException {
        new SyntheticIdx(7, 8, 8, 4).writeDirectory(dir, 600, 200, false);
        return dir;
    }

    /** A small run config on the synthetic data. */
    static Path config(Path file, Path data, int epochs, String extra) throws IOException {
        Files.writeString(file, String.join("\n",
                "architecture: \"64-16-12-4\"",
                "epochs: " + epochs,
                "checkpoints: \"every:1\"",
                "trainCount: 500",
                "validationCount: 100",
                "bulkSamples: 200",
                "batchSize: 16",
                "learningRate: 0.1",
                "dataDir: \"" + data + "\"",
                extra, ""));
        return file;
    }

    record Result(int code, String out, String err) { }

    /** Runs the CLI in this JVM. */
    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        var cl = ThermoLearnCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        var oldOut = System.out;
        try {
            System.setOut(new java.io.PrintStream(out, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    /** Starts the CLI in a child JVM (same classpath, the Arrow flag), output to files in {@code logDir}. */
    static Process childCli(Path logDir, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ThermoLearnCli.class.getName());
        cmd.addAll(List.of(args));
        Files.createDirectories(logDir);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(logDir.resolve(name + ".out").toFile())
                .redirectError(logDir.resolve(name + ".err").toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        return pb.start();
    }

    /**
     * Waits for the child to exit (the event; no wall-clock limit, so a slow machine cannot fail a test) and
     * returns its exit code.
     */
    static int waitFor(Process p) throws InterruptedException {
        return p.waitFor();
    }
}
