package org.thermolearn.experiments.cli;

import org.thermolearn.experiments.figures.LiveFigures;
import org.thermolearn.experiments.run.RunListener;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.config.RunConfig;
import org.thermolearn.experiments.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code thermolearn run}: train while measuring; the toolkit's main job. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Train a network on MNIST and record its thermodynamics at every checkpoint (Arrow files, figures).",
                "Configuration layers, later wins: defaults < --preset < --config file < flags < --set."},
        footer = {"", "Examples:", "  thermolearn run                                  # quickstart preset: 784-100-10, 5 epochs",
                "  thermolearn run --preset deep2 --epochs 30 --output runs/deep2",
                "  thermolearn run --config my.yaml --set mass=0.1"})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--preset", description = "quickstart (default), shallow, deep2, deep3")
    String preset;

    @Option(names = {"-c", "--config"}, description = "YAML or JSON file with run configuration keys")
    Path config;

    @Option(names = {"-o", "--output"}, description = "run directory to create (must not exist or be empty); default runs/<data>-<architecture>-<activation>-<time>-s<seed>")
    Path output;

    @Option(names = "--arch", description = "architecture, e.g. 784-100-100-10 or 784-100-100-10+0>2 (skip edge)")
    String arch;
    @Option(names = "--activation", description = "hidden activation: tanh, sigmoid, identity, relu, softplus")
    String activation;
    @Option(names = "--output-activation", description = "output activation")
    String outputActivation;
    @Option(names = "--loss", description = "squared_error (default), binary_cross_entropy, softmax_cross_entropy (outside the theory)")
    String loss;
    @Option(names = "--targets", description = "one-hot target values: 0,1 (default) or -1,1")
    String targets;
    @Option(names = "--lr", description = "learning rate")
    String lr;
    @Option(names = "--momentum", description = "momentum (0 = plain SGD)")
    String momentum;
    @Option(names = "--l2", description = "L2 weight decay")
    String l2;
    @Option(names = "--schedule", description = "learning-rate schedule: constant, step, exponential")
    String schedule;
    @Option(names = "--batch", description = "mini-batch size")
    String batch;
    @Option(names = "--init", description = "initialisation: normal, xavier, he")
    String init;
    @Option(names = "--init-scale", description = "initialisation scale σ")
    String initScale;
    @Option(names = "--seed", description = "random seed")
    String seed;
    @Option(names = "--epochs", description = "number of epochs")
    String epochs;
    @Option(names = "--steps-per-epoch", description = "SGD steps per 'epoch' (0 = a full pass, A13)")
    String stepsPerEpoch;
    @Option(names = "--checkpoints", description = "log (default), every:K, or a list like 0,1,5")
    String checkpoints;
    @Option(names = "--spaces", description = "integration spaces of G: all,clamped (both; the default), all (all N neurons) or clamped (inputs clamped)")
    String spaces;
    @Option(names = "--fprime", description = "where f' is taken: bias (default) or data")
    String fprime;
    @Option(names = "--mass", description = "mass m in G")
    String mass;
    @Option(names = "--beta", description = "β of the Gaussian ensemble columns")
    String beta;
    @Option(names = "--bulk-samples", description = "training samples for U_∂ and U (0 = skip)")
    String bulkSamples;
    @Option(names = "--train-count", description = "training images (the rest of the 60 000 are validation)")
    String trainCount;
    @Option(names = "--data", description = "directory of IDX files (MNIST, Fashion-MNIST, …); default $THERMOLEARN_DATA or the user cache")
    String data;
    @Mixin
    RouteFlags routeFlags = new RouteFlags();
    @Option(names = "--linalg", description = "auto (default), native, java")
    String linalg;
    @Option(names = "--set", description = "any config key: --set key=value (repeatable)")
    Map<String, String> set = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> ov = new LinkedHashMap<>();
        put(ov, "architecture", arch);
        put(ov, "hiddenActivation", activation);
        put(ov, "outputActivation", outputActivation);
        put(ov, "loss", loss);
        put(ov, "targets", targets);
        put(ov, "learningRate", lr);
        put(ov, "momentum", momentum);
        put(ov, "l2", l2);
        put(ov, "schedule", schedule);
        put(ov, "batchSize", batch);
        put(ov, "init", init);
        put(ov, "initScale", initScale);
        put(ov, "seed", seed);
        put(ov, "epochs", epochs);
        put(ov, "stepsPerEpoch", stepsPerEpoch);
        put(ov, "checkpoints", checkpoints);
        put(ov, "spaces", spaces);
        put(ov, "fprimeAt", fprime);
        put(ov, "mass", mass);
        put(ov, "beta", beta);
        put(ov, "bulkSamples", bulkSamples);
        put(ov, "trainCount", trainCount);
        put(ov, "dataDir", data);
        ov.putAll(routeFlags.overrides());
        put(ov, "linalg", linalg);
        ov.putAll(set);
        if (output != null) ov.put("output", output.toString());
        RunConfig c = ConfigLoader.load(preset, config, ov);
        Path dir = c.output() != null ? Path.of(c.output()) : defaultOutput(c);
        ObjectNode given = ConfigLoader.json().createObjectNode();
        if (preset != null) given.put("preset", preset);
        if (config != null) given.put("configFile", config.toAbsolutePath().toString());
        given.set("overrides", ConfigLoader.json().valueToTree(ov));
        try (ConsoleListener out = ConsoleListener.create()) {
            LiveFigures live = new LiveFigures();
            TrainingRun run = TrainingRun.create(c, given, dir, RunListener.both(out, live));
            out.info("run directory: " + dir.toAbsolutePath() + " (figures/ redrawn as checkpoints arrive)");
            TrainingRun.Outcome o = run.execute();
            out.info(live.report());
            Reports.afterRun(dir, out);
            return o == TrainingRun.Outcome.DIVERGED ? ThermoLearnCli.EXIT_DIVERGED : 0;
        }
    }

    /**
     * {@code runs/<data>-<architecture>-<activation>-<time>-s<seed>}: named after what the run is
     * (for example {@code runs/fashion-mnist-784-300-10-tanh-20261202-081500-s1}), whatever preset
     * it started from; the data set is the name of the data directory, {@code mnist} by default.
     */
    static Path defaultOutput(RunConfig c) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", runName(c) + "-" + stamp + "-s" + c.seed());
    }

    static String runName(RunConfig c) {
        String data = "mnist";
        if (c.dataDir() != null && !c.dataDir().isBlank()) {
            Path fn = Path.of(c.dataDir()).toAbsolutePath().normalize().getFileName();
            if (fn != null) data = fn.toString();
        }
        String name = data + "-" + c.architecture() + "-" + c.hiddenActivation();
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]+", "_").replaceAll("_+$", "");
    }

    private static void put(Map<String, Object> m, String k, String v) {
        if (v != null) m.put(k, v);
    }
}
