package org.thermolearn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thermolearn.experiments.config.ConfigException;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.config.RunConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns a task's requested configuration (base + swept values) into the fully resolved run
 * configuration that {@code thermolearn run} would use: defaults, preset, file values, validated.
 * The toolkit resolver delegates to {@link ConfigLoader}, so a
 * bad value fails at plan time with the loader's message (naming the key) instead of in a worker.
 */
public interface ConfigResolver {

    /** The resolved configuration as a JSON object (the {@code output} key absent). */
    ObjectNode resolve(ObjectNode requested);

    /** The toolkit's {@link ConfigLoader}: defaults, preset, the task's values; validated. */
    static ConfigResolver toolkit() {
        return requested -> {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("thermolearn-task", ".json");
                SweepSpec.JSON.writeValue(tmp.toFile(), requested);
                RunConfig cfg = ConfigLoader.load(null, tmp, Map.of());
                ObjectNode out = ConfigLoader.json().valueToTree(cfg);
                out.remove("output");
                return out;
            } catch (ConfigException e) {
                throw new SweepException(e.getMessage());
            } catch (IOException e) {
                throw new SweepException("could not resolve a task configuration: " + e.getMessage(), e);
            } finally {
                if (tmp != null) try { Files.deleteIfExists(tmp); } catch (IOException ignored) { }
            }
        };
    }

    /** No defaults, no validation: the requested mapping itself (for tests and for foreign runners). */
    static ConfigResolver identity() {
        return requested -> {
            ObjectNode out = requested.deepCopy();
            out.remove("output");
            return out;
        };
    }

    /** A canonical JSON text: object keys sorted at every level. */
    static String canonical(JsonNode n) {
        try {
            return SweepSpec.JSON.writeValueAsString(sorted(n));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = SweepSpec.JSON.createObjectNode();
            java.util.List<String> keys = new java.util.ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            java.util.Collections.sort(keys);
            for (String k : keys) o.set(k, sorted(n.get(k)));
            return o;
        }
        if (n.isArray()) {
            var a = SweepSpec.JSON.createArrayNode();
            n.forEach(x -> a.add(sorted(x)));
            return a;
        }
        return n;
    }
}
