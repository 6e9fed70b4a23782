package org.thermolearn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The expansion of a {@link SweepSpec} into tasks: base configuration plus each axis point,
 * resolved and validated by a {@link ConfigResolver}, each with its stable id. Two points that
 * resolve to the same configuration are an error (they would be one task twice).
 */
public record SweepPlan(SweepSpec spec, List<SweepTask> tasks) {

    /** Expands and resolves; throws {@link SweepException} naming the task and the bad key. */
    public static SweepPlan of(SweepSpec spec, ConfigResolver resolver) {
        List<SweepTask> tasks = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int i = 0;
        for (Map<String, JsonNode> point : spec.points()) {
            ObjectNode req = spec.base().deepCopy();
            point.forEach(req::set);
            absolutiseDataDir(req);
            ObjectNode resolved;
            try {
                resolved = resolver.resolve(req);
            } catch (SweepException e) {
                throw new SweepException("sweep " + spec.name() + " task " + i + " " + describe(point) + ": " + e.getMessage());
            }
            String id = SweepTask.idOf(resolved);
            Integer prev = seen.putIfAbsent(id, i);
            if (prev != null) {
                throw new SweepException("sweep " + spec.name() + ": tasks " + prev + " and " + i + " " + describe(point)
                        + " resolve to the same configuration (id " + id + "); remove the duplicate axis value");
            }
            tasks.add(new SweepTask(i, id, point, resolved));
            i++;
        }
        return new SweepPlan(spec, List.copyOf(tasks));
    }

    /** A relative dataDir is taken against the current directory, so workers started elsewhere (Slurm) read the same data. */
    private static void absolutiseDataDir(ObjectNode req) {
        JsonNode d = req.get("dataDir");
        if (d != null && d.isTextual() && !d.asText().isEmpty()) {
            Path p = Path.of(d.asText());
            if (!p.isAbsolute()) req.put("dataDir", p.toAbsolutePath().normalize().toString());
        }
    }

    static String describe(Map<String, JsonNode> point) {
        StringBuilder b = new StringBuilder("{");
        point.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return b.append('}').toString();
    }

    /** Human-readable listing for {@code sweep plan}. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("sweep ").append(spec.name()).append(": ").append(tasks.size()).append(" task(s) in ").append(spec.sweepDir()).append('\n');
        List<String> keys = spec.sweptKeys();
        b.append(String.format("%5s  %-12s", "index", "id"));
        for (String k : keys) b.append("  ").append(k);
        b.append('\n');
        for (SweepTask t : tasks) {
            b.append(String.format("%5d  %-12s", t.index(), t.id()));
            for (String k : keys) {
                JsonNode v = t.params().get(k);
                b.append("  ").append(v == null ? "-" : v.isTextual() ? SweepSpec.JSON.valueToTree(v.asText()).toString() : v.toString());
            }
            b.append('\n');
        }
        return b.toString();
    }
}
