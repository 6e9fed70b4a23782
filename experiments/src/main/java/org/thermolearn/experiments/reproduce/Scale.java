package org.thermolearn.experiments.reproduce;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How much work a reproduction does (theory.md §6.2, A13). Every scale runs the same protocol — shallow
 * 784-w-10, deep 784-w-w-10 and 784-w-w-w-10, three seeds each, tanh, ½Σ squared error on {0,1} targets,
 * plain SGD, small-σ normal init, both integration spaces — and differs only in width, data, length and the
 * MCMC effort of the Gaussian check.
 *
 * <ul>
 *   <li>{@link #MINI}: the CI miniature (width 16, 500 images, 3 epochs); checks the machinery, not the physics.</li>
 *   <li>{@link #SMALL}: width 100, 10 000 images, 10 epochs: a report in ~15 minutes on a quiet 2-core machine.</li>
 *   <li>{@link #DEFAULT}: width 100, the full 50 000 MNIST training images, 100 epochs (the talk's
 *       "after 100 epochs" histogram), U over 10 000 samples: ≤ 60 minutes on a quiet 2-core machine.</li>
 *   <li>{@link #FULL}: as the talk, 10 000 epochs, U over 10 000 samples: cluster-sized (days of CPU);
 *       run its runs through a sweep executor with {@code --only NAME}.</li>
 * </ul>
 */
public enum Scale {
    MINI(16, 500, 100, 200, 3, "0,1,2,3", 50, new McmcSettings(new double[] {0.3, 1, 3, 10, 100, 1000}, 3, 150, 300, 8, 3000)),
    SMALL(100, 10_000, 2_000, 0, 10, "0,1,2,3,5,7,10", 500,
            new McmcSettings(new double[] {0.1, 0.3, 1, 3, 10, 30, 100, 1e3, 1e4}, 4, 300, 1000, 10, 20_000)),
    DEFAULT(100, 50_000, 10_000, 0, 100, "0,1,2,3,4,5,6,7,8,9,10,11,13,14,16,18,21,23,26,30,34,38,43,48,55,62,70,78,89,100", 10_000,
            new McmcSettings(new double[] {0.1, 0.3, 1, 3, 10, 30, 100, 1e3, 1e4}, 4, 500, 2000, 10, 50_000)),
    FULL(100, 50_000, 10_000, 0, 10_000, "log", 10_000,
            new McmcSettings(new double[] {0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1e3, 1e4, 1e5}, 4, 1000, 10_000, 10, 200_000));

    /** Hidden width of every architecture. */
    public final int width;
    public final int trainCount;
    public final int validationCount;
    /** 0 = the whole test set. */
    public final int testCount;
    public final int epochs;
    public final String checkpoints;
    public final int bulkSamples;
    public final McmcSettings mcmc;

    Scale(int width, int trainCount, int validationCount, int testCount, int epochs, String checkpoints, int bulkSamples, McmcSettings mcmc) {
        this.width = width;
        this.trainCount = trainCount;
        this.validationCount = validationCount;
        this.testCount = testCount;
        this.epochs = epochs;
        this.checkpoints = checkpoints;
        this.bulkSamples = bulkSamples;
        this.mcmc = mcmc;
    }

    /** Lower-case name as used on the command line. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static Scale parse(String s) {
        for (Scale x : values()) if (x.label().equalsIgnoreCase(s.trim())) return x;
        throw new IllegalArgumentException("unknown scale '" + s + "'; choose mini, small, default or full");
    }

    /** The architectures of the protocol, keyed by role: shallow (1 hidden layer), deep2, deep3. */
    public Map<String, String> architectures() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("shallow", "784-" + width + "-10");
        m.put("deep2", "784-" + width + "-" + width + "-10");
        m.put("deep3", "784-" + width + "-" + width + "-" + width + "-10");
        return m;
    }

    /**
     * The configuration keys every run of this scale sets (on top of defaults.yaml). The paper's defaults
     * are spelled out so the plan documents them even if defaults.yaml changes.
     */
    public Map<String, Object> runKeys() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hiddenActivation", "tanh");
        m.put("outputActivation", "tanh");
        m.put("loss", "squared_error");
        m.put("targets", "0,1");
        m.put("learningRate", 0.1);
        m.put("momentum", 0.0);
        m.put("l2", 0.0);
        m.put("schedule", "constant");
        m.put("batchSize", 32);
        m.put("init", "normal");
        m.put("initScale", INIT_SCALE);
        m.put("epochs", epochs);
        m.put("stepsPerEpoch", 0);
        m.put("checkpoints", checkpoints);
        m.put("trainCount", trainCount);
        m.put("validationCount", validationCount);
        m.put("testCount", testCount);
        m.put("spaces", "all,clamped");
        m.put("fprimeAt", "bias");
        m.put("mass", 0.0);
        m.put("beta", 1.0);
        m.put("bulkSamples", bulkSamples);
        m.put("lambdaC", 1.0);
        return m;
    }

    /** The "small σ" of theory.md §6.2: W ~ N(0, σ²/n_in) with σ = 0.5 (the toolkit default is 1.0), b = 0. */
    public static final double INIT_SCALE = 0.5;

    /** Seeds of every architecture. */
    public static final long[] SEEDS = {1, 2, 3};

    /**
     * Effort of the Gaussian-approximation check (see {@link GaussianCheck}).
     *
     * @param betas     inverse temperatures, ascending
     * @param chains    independent HMC chains per β
     * @param warmup    HMC iterations per chain used to adapt the step size (discarded)
     * @param samples   HMC iterations per chain kept
     * @param leapfrog  leapfrog steps per HMC iteration
     * @param ancestral exact samples per β drawn by the noisy forward pass (the reference)
     */
    public record McmcSettings(double[] betas, int chains, int warmup, int samples, int leapfrog, int ancestral) { }
}
