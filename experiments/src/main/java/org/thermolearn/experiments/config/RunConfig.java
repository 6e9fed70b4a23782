package org.thermolearn.experiments.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Everything that defines one run: the network (architecture, activations), the training (loss,
 * targets, optimiser, batch, initialisation, seed, length), the checkpoint schedule (log-spaced by
 * default, theory.md §6.2), the analysis options (integration spaces A1, f′ point A2, mass A3, β,
 * the route of the spectrum: exact or stochastic Lanczos quadrature), and where data and output live. Immutable; produced by {@link ConfigLoader} from a preset, a file
 * and flags, validated by {@link #validate()} before any work starts.
 */
@JsonPropertyOrder(alphabetic = false)
public record RunConfig(
        String preset,
        String architecture,
        String hiddenActivation,
        String outputActivation,
        String loss,
        String targets,
        double learningRate,
        double momentum,
        double l2,
        String schedule,
        double scheduleGamma,
        double scheduleEvery,
        int batchSize,
        String init,
        double initScale,
        long seed,
        int epochs,
        int stepsPerEpoch,
        String checkpoints,
        int trainCount,
        int validationCount,
        int testCount,
        String spaces,
        String fprimeAt,
        double mass,
        double beta,
        int bulkSamples,
        double lambdaC,
        double rankEpsilon,
        String route,
        int probes,
        int lanczosSteps,
        double exactBudgetFlops,
        long probeSeed,
        String dataDir,
        String linalg,
        String output) {

    /** Validates values that Jackson's typing cannot; throws {@link ConfigException} naming the key and the fix. */
    public RunConfig validate() {
        require(architecture != null && !architecture.isBlank(), "architecture", architecture, "give widths like 784-100-10");
        org.thermolearn.core.network.Architecture arch;
        try {
            arch = network();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("architecture", architecture, e.getMessage());
        }
        for (int[] e : arch.edges()) {
            long block = (long) arch.layout().size(e[0]) * arch.layout().size(e[1]);
            require(block <= Integer.MAX_VALUE - 8, "architecture", architecture, "the block " + e[0] + "->" + e[1] + " would hold "
                    + block + " weights, more than one Java array can (" + (Integer.MAX_VALUE - 8) + "); use smaller widths");
        }
        long bytes = 8L * 3 * arch.weightCount(); // weights, gradient, velocity
        long max = Runtime.getRuntime().maxMemory();
        require(bytes <= max, "architecture", architecture, String.format(java.util.Locale.ROOT,
                "%d weights need about %.1f GB for training alone, the JVM may use %.1f GB; use smaller widths (or raise -Xmx in THERMOLEARN_JAVA_OPTS)",
                arch.weightCount(), bytes / 1e9, max / 1e9));
        parse("hiddenActivation", hiddenActivation, () -> org.thermolearn.core.network.Activation.parse(hiddenActivation));
        parse("outputActivation", outputActivation, () -> org.thermolearn.core.network.Activation.parse(outputActivation));
        parse("loss", loss, () -> org.thermolearn.core.train.Loss.parse(loss));
        parse("targets", targets, this::targetValues);
        var required = org.thermolearn.core.train.Loss.parse(loss).requiredOutputActivation();
        require(required == null || required == org.thermolearn.core.network.Activation.parse(outputActivation), "outputActivation", outputActivation,
                "loss " + loss + " needs outputActivation " + (required == null ? "" : required.name().toLowerCase(java.util.Locale.ROOT)));
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate", learningRate, "use a positive number such as 0.1");
        require(momentum >= 0 && momentum < 1, "momentum", momentum, "use a value in [0, 1); 0 is plain SGD");
        require(l2 >= 0 && Double.isFinite(l2), "l2", l2, "use 0 (none) or a small positive decay such as 1e-4");
        require(Double.isFinite(scheduleGamma) && scheduleGamma > 0, "scheduleGamma", scheduleGamma, "use a positive finite factor such as 0.5");
        require(Double.isFinite(scheduleEvery) && scheduleEvery > 0, "scheduleEvery", scheduleEvery, "use a positive number of epochs such as 10");
        parse("schedule", schedule, this::scheduleValue);
        require(batchSize >= 1, "batchSize", batchSize, "use a positive mini-batch size such as 32");
        require(batchSize <= trainCount, "batchSize", batchSize, "a mini-batch cannot hold more than the " + trainCount
                + " training samples (trainCount); use at most " + trainCount);
        parse("init", init, () -> org.thermolearn.core.train.Initialization.parseKind(init));
        require(initScale >= 0 && Double.isFinite(initScale), "initScale", initScale, "use a non-negative finite σ such as 1.0");
        require(epochs >= 0, "epochs", epochs, "use a non-negative number of epochs");
        require(stepsPerEpoch >= 0, "stepsPerEpoch", stepsPerEpoch, "use 0 (a full pass over the training set) or a positive step count (A13)");
        parse("checkpoints", checkpoints, () -> CheckpointSchedule.parse(checkpoints, epochs));
        require(trainCount >= 1, "trainCount", trainCount, "use a positive number of training samples (default 50000)");
        require(validationCount >= 0, "validationCount", validationCount, "use 0 or a positive number (default 10000)");
        require(testCount >= 0, "testCount", testCount, "use 0 (the whole test set) or a positive number");
        parse("spaces", spaces, this::spaceList);
        require("bias".equals(fprimeAt) || "data".equals(fprimeAt), "fprimeAt", fprimeAt, "use bias (A2 default) or data");
        require(mass >= 0 && Double.isFinite(mass), "mass", mass, "use 0 (A3 default) or a positive finite mass");
        require(beta > 0 && Double.isFinite(beta), "beta", beta, "use a positive finite inverse temperature such as 1");
        require(bulkSamples >= 0, "bulkSamples", bulkSamples, "use 0 (skip the bulk loss) or a positive sample count");
        // the default (10 000) reads "up to 10 000" and is capped at a smaller trainCount; a larger request is an error
        require(bulkSamples <= Math.max(trainCount, 10_000), "bulkSamples", bulkSamples, "the bulk loss is averaged over training samples and there are only "
                + trainCount + " (trainCount); use at most " + trainCount);
        require(lambdaC > 0 && Double.isFinite(lambdaC), "lambdaC", lambdaC, "use a positive finite eigenvalue cut such as 1 (A4 default)");
        require(rankEpsilon > 0 && Double.isFinite(rankEpsilon), "rankEpsilon", rankEpsilon, "use a positive eigenvalue cut such as 0.1 (S22, THEORY.md A4 reading c)");
        parse("route", route, () -> routeChoice().stochasticOptions());
        routeChoice().checkFits(arch);
        require(dataDir == null || !dataDir.isBlank(), "dataDir", dataDir, "give a directory of IDX files, or leave the key unset for the user cache");
        require(output == null || !output.isBlank(), "output", output, "give a run directory, or leave it unset for runs/<preset>-<time>-s<seed>");
        parse("linalg", linalg, () -> {
            if (!java.util.List.of("auto", "native", "java", "ejml").contains(linalg)) throw new IllegalArgumentException("choose auto, native or java");
            return linalg;
        });
        return this;
    }

    private static void require(boolean ok, String key, Object value, String fix) {
        if (!ok) throw new ConfigException(key, value, fix);
    }

    private static void parse(String key, Object value, java.util.function.Supplier<?> p) {
        if (value == null) throw new ConfigException(key, null, "the key is required");
        try {
            p.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    /** The spectrum's route and the stochastic route's settings (config keys route … probeSeed). */
    @JsonIgnore
    public RouteChoice routeChoice() {
        return new RouteChoice(route, probes, lanczosSteps, exactBudgetFlops, probeSeed);
    }

    /** The architecture with activations resolved. */
    @JsonIgnore
    public org.thermolearn.core.network.Architecture network() {
        return org.thermolearn.core.network.Architecture.parse(architecture,
                org.thermolearn.core.network.Activation.parse(hiddenActivation),
                org.thermolearn.core.network.Activation.parse(outputActivation));
    }

    /** {low, high} one-hot target values. */
    @JsonIgnore
    public double[] targetValues() {
        String t = targets.replace(" ", "");
        return switch (t) {
            case "0,1", "01" -> new double[]{0, 1};
            case "-1,1", "pm1", "+-1" -> new double[]{-1, 1};
            default -> throw new IllegalArgumentException("use \"0,1\" (default) or \"-1,1\"");
        };
    }

    @JsonIgnore
    public org.thermolearn.core.train.Schedule scheduleValue() {
        return switch (schedule) {
            case "constant" -> org.thermolearn.core.train.Schedule.constant();
            case "step" -> org.thermolearn.core.train.Schedule.step(scheduleGamma, scheduleEvery);
            case "exponential" -> org.thermolearn.core.train.Schedule.exponential(scheduleGamma);
            default -> throw new IllegalArgumentException("use constant, step or exponential");
        };
    }

    @JsonIgnore
    public org.thermolearn.core.train.Optimizer optimizer() {
        return new org.thermolearn.core.train.Optimizer(learningRate, momentum, l2, scheduleValue());
    }

    /** The integration spaces to analyse, in order: "all" and/or "clamped" (A1). */
    @JsonIgnore
    public java.util.List<String> spaceList() {
        java.util.List<String> s = new java.util.ArrayList<>();
        for (String p : spaces.split(",")) {
            String q = p.trim();
            if (!q.equals("all") && !q.equals("clamped")) throw new IllegalArgumentException("'" + q + "' is not a space; use all, clamped or all,clamped");
            if (!s.contains(q)) s.add(q);
        }
        if (s.isEmpty()) throw new IllegalArgumentException("name at least one space: all, clamped");
        return s;
    }
}
