package org.thermolearn.experiments.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.config.RunConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one reproduction (theory.md §6.2): three architectures × three seeds at one {@link Scale}, each
 * a plain {@code thermolearn run} configuration. Written into the reproduction directory as {@code plan.json}
 * and one {@code configs/NAME.yaml} per run, so any executor (a sweep, a Slurm array, a shell loop) can run
 * them with {@code thermolearn run --config configs/NAME.yaml --output runs/NAME}.
 */
public record ReproductionPlan(Scale scale, String dataDir, Map<String, String> extra, List<PlannedRun> runs) {

    /** One run: its directory name, role (shallow | deep2 | deep3), hidden layers, seed and full key set. */
    public record PlannedRun(String name, String role, int hiddenLayers, String architecture, long seed, Map<String, Object> keys) {

        /** The resolved, validated configuration. */
        public RunConfig config() {
            return ConfigLoader.load(role, null, keys);
        }
    }

    public static final String PLAN_JSON = "plan.json";
    public static final String RUNS_DIR = "runs";
    public static final String CONFIGS_DIR = "configs";

    /**
     * @param dataDir IDX directory, or null for MNIST from $THERMOLEARN_DATA / the user cache
     * @param extra   config keys applied to every run last (e.g. learningRate=0.05); may be empty
     */
    public static ReproductionPlan of(Scale scale, String dataDir, Map<String, String> extra) {
        List<PlannedRun> runs = new ArrayList<>();
        int h = 1;
        for (var a : scale.architectures().entrySet()) {
            for (long seed : Scale.SEEDS) {
                Map<String, Object> k = new LinkedHashMap<>(scale.runKeys());
                k.put("architecture", a.getValue());
                k.put("seed", seed);
                if (dataDir != null) k.put("dataDir", dataDir);
                k.putAll(extra);
                runs.add(new PlannedRun(a.getKey() + "-s" + seed, a.getKey(), h, a.getValue(), seed, k));
            }
            h++;
        }
        return new ReproductionPlan(scale, dataDir, Map.copyOf(extra), runs);
    }

    /** Validates every configuration (throws ConfigException naming the key) before any work starts. */
    public void validate() {
        for (PlannedRun r : runs) r.config();
    }

    /** Writes plan.json and configs/NAME.yaml into {@code root}. */
    public void write(Path root) throws IOException {
        Files.createDirectories(root.resolve(CONFIGS_DIR));
        ObjectNode j = ConfigLoader.json().createObjectNode();
        j.put("scale", scale.label());
        j.put("dataDir", dataDir);
        j.set("extra", ConfigLoader.json().valueToTree(extra));
        j.set("mcmc", ConfigLoader.json().valueToTree(scale.mcmc));
        j.set("runs", ConfigLoader.json().valueToTree(runs));
        Files.writeString(root.resolve(PLAN_JSON), ConfigLoader.json().writerWithDefaultPrettyPrinter().writeValueAsString(j));
        YAMLMapper yaml = new YAMLMapper();
        for (PlannedRun r : runs) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("preset", r.role());
            k.putAll(r.keys());
            Files.writeString(root.resolve(CONFIGS_DIR).resolve(r.name() + ".yaml"),
                    "# reproduction run " + r.name() + " (scale " + scale.label() + "); thermolearn run --config THIS --output "
                            + RUNS_DIR + "/" + r.name() + "\n" + yaml.writeValueAsString(k).replaceFirst("^---\\n", ""));
        }
    }

    /** The run directory of a planned run. */
    public static Path runDir(Path root, String name) { return root.resolve(RUNS_DIR).resolve(name); }
}
