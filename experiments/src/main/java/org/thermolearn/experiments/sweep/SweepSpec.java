package org.thermolearn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sweep specification (YAML or JSON): a name, an output root, a base run configuration (any key
 * {@code thermolearn run} accepts), and axes that vary it. Axes are blocks combined as a Cartesian
 * product, each block one of
 * <ul>
 *   <li>{@code grid: {key: [v1, v2], key2: [...]}} — every combination,</li>
 *   <li>{@code zip: {key: [v1, v2], key2: [w1, w2]}} — the i-th values together (equal lengths),</li>
 *   <li>{@code list: [{key: v, key2: w}, ...]} — explicit override mappings.</li>
 * </ul>
 * Execution settings: {@code maxAttempts}, {@code jvmArgs}, {@code local} (parallel,
 * threadsPerTask) and {@code slurm} (partition, time, mem, cpusPerTask, throttle, extra #SBATCH
 * lines, java). Values are data only: nothing here is ever pasted into shell text.
 */
public record SweepSpec(String name, Path outputRoot, ObjectNode base, List<Axis> axes, int maxAttempts,
                        List<String> jvmArgs, LocalOptions local, SlurmOptions slurm, String mainClass,
                        ObjectNode source) {

    /** The default worker main class: the toolkit's command line. */
    public static final String DEFAULT_MAIN = "org.thermolearn.experiments.cli.ThermoLearnCli";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern JAVA_CLASS = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Set<String> TOP = Set.of("name", "output", "base", "axes", "maxAttempts", "jvmArgs", "local", "slurm", "mainClass");

    /** One block of axes: the parameter names it sets and the override mappings it contributes, in order. */
    public record Axis(String kind, List<String> keys, List<Map<String, JsonNode>> points) { }

    /** Local executor settings: tasks at a time and BLAS threads per task (0 = cores / parallel). */
    public record LocalOptions(int parallel, int threadsPerTask) { }

    /**
     * Slurm executor settings. {@code throttle} is the {@code %} limit of the array (0 = none);
     * {@code extra} lines are passed through as {@code #SBATCH} directives; {@code java} is the java
     * binary on the compute nodes (null = the submitting JVM's).
     */
    public record SlurmOptions(String partition, String time, String mem, int cpusPerTask, int throttle,
                               List<String> extra, String java, boolean copyClasspath) { }

    /** Reads and validates a spec file. */
    public static SweepSpec load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SweepException("sweep spec " + file + " does not exist or is not a file; give the path of a YAML spec");
        }
        JsonNode n;
        try {
            n = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new SweepException("sweep spec " + file + " is not valid YAML/JSON: " + firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw new SweepException("sweep spec " + file + " must be a mapping with keys name, output, base, axes");
        }
        return parse((ObjectNode) n, "sweep spec " + file);
    }

    /** Validates a spec tree; {@code where} names it in messages. */
    public static SweepSpec parse(ObjectNode n, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                throw new SweepException(where + ": unknown key '" + k + "'; known keys are " + String.join(", ", new java.util.TreeSet<>(TOP)));
            }
        }
        String name = text(n, "name", null, where);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SweepException(where + ": name '" + name + "' must be 1-100 characters of letters, digits, '.', '_' or '-' "
                    + "starting with a letter or digit (it names the sweep directory)");
        }
        String out = text(n, "output", "sweeps", where);
        if (out.isEmpty() || out.indexOf('\0') >= 0 || out.contains("\n")) {
            throw new SweepException(where + ": output '" + out + "' is not a usable directory path");
        }
        JsonNode b = n.get("base");
        ObjectNode base;
        if (b == null || b.isNull()) base = JSON.createObjectNode();
        else if (b.isObject()) base = ((ObjectNode) b).deepCopy();
        else throw new SweepException(where + ": base must be a mapping of run-config keys to values, found " + b.getNodeType());
        if (base.has("output")) {
            throw new SweepException(where + ": base.output is set by the sweep (each task writes to <output>/<name>/tasks/<id>); remove it");
        }
        for (Iterator<String> it = base.fieldNames(); it.hasNext(); ) checkKey(it.next(), where + " base");

        List<Axis> axes = new ArrayList<>();
        JsonNode a = n.get("axes");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) throw new SweepException(where + ": axes must be a list of blocks like '- grid: {learningRate: [0.1, 0.2]}'");
            int i = 0;
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode blk : a) {
                Axis axis = axis(blk, where + " axes[" + i + "]");
                for (String k : axis.keys()) {
                    if (!seen.add(k)) throw new SweepException(where + " axes[" + i + "]: key '" + k + "' is already swept by an earlier block; sweep each key in one block");
                }
                axes.add(axis);
                i++;
            }
        }
        int maxAttempts = integer(n, "maxAttempts", 3, 1, 100, where);
        List<String> jvmArgs = strings(n, "jvmArgs", where);
        for (String s : jvmArgs) {
            if (!s.startsWith("-") || hasControl(s)) {
                throw new SweepException(where + ": jvmArgs entry '" + s + "' must be one JVM option starting with '-' without control characters");
            }
        }
        ObjectNode lo = object(n, "local", where);
        LocalOptions local = new LocalOptions(integer(lo, "parallel", 1, 1, 1024, where + " local"),
                integer(lo, "threadsPerTask", 0, 0, 1024, where + " local"));
        known(lo, Set.of("parallel", "threadsPerTask"), where + " local");
        ObjectNode so = object(n, "slurm", where);
        known(so, Set.of("partition", "time", "mem", "cpusPerTask", "throttle", "extra", "java", "copyClasspath"), where + " slurm");
        SlurmOptions slurm = new SlurmOptions(
                pattern(so, "partition", "[A-Za-z0-9._,-]+", "a partition name such as debug", where),
                pattern(so, "time", "[0-9]+(-[0-9]{1,2})?(:[0-9]{1,2}){0,2}|UNLIMITED|INFINITE", "minutes, HH:MM:SS or D-HH:MM:SS", where),
                pattern(so, "mem", "[0-9]+[KMGT]?", "a size such as 4G or 4000M", where),
                integer(so, "cpusPerTask", 1, 1, 4096, where + " slurm"),
                integer(so, "throttle", 0, 0, 100000, where + " slurm"),
                strings(so, "extra", where + " slurm"),
                text(so, "java", null, where + " slurm"),
                !so.has("copyClasspath") || so.get("copyClasspath").asBoolean(true));
        for (String e : slurm.extra()) {
            if (!e.startsWith("--") || hasControl(e)) {
                throw new SweepException(where + ": slurm.extra entry '" + e + "' must be one sbatch option starting with '--' on a single line");
            }
        }
        if (slurm.java() != null && (slurm.java().isEmpty() || hasControl(slurm.java()))) {
            throw new SweepException(where + ": slurm.java must be the path of a java binary on a single line");
        }
        String main = text(n, "mainClass", DEFAULT_MAIN, where);
        if (!JAVA_CLASS.matcher(main).matches()) throw new SweepException(where + ": mainClass '" + main + "' is not a Java class name");
        return new SweepSpec(name, Path.of(out), base, List.copyOf(axes), maxAttempts, jvmArgs, local, slurm, main, n.deepCopy());
    }

    /** The sweep directory, {@code <output>/<name>}, relative to the current directory when output is. */
    public Path sweepDir() { return outputRoot.resolve(name).toAbsolutePath().normalize(); }

    /** Swept parameter names in axis order. */
    public List<String> sweptKeys() {
        List<String> k = new ArrayList<>();
        for (Axis a : axes) k.addAll(a.keys());
        return k;
    }

    /** The override mappings of every task in a stable order (first block outermost, last innermost). */
    public List<Map<String, JsonNode>> points() {
        List<Map<String, JsonNode>> acc = new ArrayList<>();
        acc.add(new LinkedHashMap<>());
        for (Axis a : axes) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> prefix : acc) {
                for (Map<String, JsonNode> p : a.points()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(prefix);
                    m.putAll(p);
                    next.add(m);
                }
            }
            acc = next;
        }
        return acc;
    }

    private static Axis axis(JsonNode blk, String where) {
        if (blk == null || !blk.isObject() || blk.size() != 1) {
            throw new SweepException(where + ": each axes block is a mapping with exactly one of grid, zip, list");
        }
        String kind = blk.fieldNames().next();
        JsonNode body = blk.get(kind);
        switch (kind) {
            case "grid", "zip" -> {
                if (!body.isObject() || body.isEmpty()) throw new SweepException(where + ": " + kind + " must map keys to lists of values");
                List<String> keys = new ArrayList<>();
                List<List<JsonNode>> values = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                    var e = it.next();
                    checkKey(e.getKey(), where);
                    JsonNode v = e.getValue();
                    List<JsonNode> vs = new ArrayList<>();
                    if (v.isArray()) v.forEach(vs::add);
                    else vs.add(v);
                    if (vs.isEmpty()) throw new SweepException(where + ": " + kind + "." + e.getKey() + " has no values; give a non-empty list");
                    for (JsonNode x : vs) checkScalar(x, where + " " + e.getKey());
                    keys.add(e.getKey());
                    values.add(vs);
                }
                List<Map<String, JsonNode>> points = new ArrayList<>();
                if (kind.equals("zip")) {
                    int len = values.get(0).size();
                    for (int i = 0; i < keys.size(); i++) {
                        if (values.get(i).size() != len) {
                            throw new SweepException(where + ": zip lists must have equal lengths; " + keys.get(0) + " has " + len
                                    + " values, " + keys.get(i) + " has " + values.get(i).size());
                        }
                    }
                    for (int j = 0; j < len; j++) {
                        Map<String, JsonNode> m = new LinkedHashMap<>();
                        for (int i = 0; i < keys.size(); i++) m.put(keys.get(i), values.get(i).get(j));
                        points.add(m);
                    }
                } else {
                    points.add(new LinkedHashMap<>());
                    for (int i = 0; i < keys.size(); i++) {
                        List<Map<String, JsonNode>> next = new ArrayList<>();
                        for (Map<String, JsonNode> p : points) {
                            for (JsonNode x : values.get(i)) {
                                Map<String, JsonNode> m = new LinkedHashMap<>(p);
                                m.put(keys.get(i), x);
                                next.add(m);
                            }
                        }
                        points = next;
                    }
                }
                return new Axis(kind, List.copyOf(keys), points);
            }
            case "list" -> {
                if (!body.isArray() || body.isEmpty()) throw new SweepException(where + ": list must be a non-empty list of mappings");
                Set<String> keys = new LinkedHashSet<>();
                List<Map<String, JsonNode>> points = new ArrayList<>();
                int j = 0;
                for (JsonNode item : body) {
                    if (!item.isObject()) throw new SweepException(where + ": list[" + j + "] must be a mapping of run-config keys to values");
                    Map<String, JsonNode> m = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                        var e = it.next();
                        checkKey(e.getKey(), where);
                        checkScalar(e.getValue(), where + " list[" + j + "]." + e.getKey());
                        m.put(e.getKey(), e.getValue());
                        keys.add(e.getKey());
                    }
                    points.add(m);
                    j++;
                }
                return new Axis(kind, List.copyOf(keys), points);
            }
            default -> throw new SweepException(where + ": unknown block '" + kind + "'; use grid, zip or list");
        }
    }

    private static void checkKey(String k, String where) {
        if (!KEY.matcher(k).matches()) throw new SweepException(where + ": '" + k + "' is not a run-config key");
        if (k.equals("output")) throw new SweepException(where + ": 'output' cannot be swept; the sweep sets each task's output directory");
    }

    private static void checkScalar(JsonNode v, String where) {
        if (!(v.isNumber() || v.isTextual() || v.isBoolean() || v.isNull())) {
            throw new SweepException(where + ": swept values must be numbers, strings, booleans or null, found " + v.getNodeType());
        }
    }

    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isISOControl(s.charAt(i))) return true;
        return false;
    }

    private static String text(JsonNode n, String key, String dflt, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isValueNode()) throw new SweepException(where + ": " + key + " must be a single value, found " + v.getNodeType());
        return v.asText();
    }

    private static String pattern(JsonNode n, String key, String regex, String what, String where) {
        String v = text(n, key, null, where);
        if (v != null && !v.matches(regex)) {
            throw new SweepException(where + ": slurm." + key + " '" + v + "' is not valid; give " + what);
        }
        return v;
    }

    private static int integer(JsonNode n, String key, int dflt, int min, int max, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new SweepException(where + ": " + key + " '" + v.asText() + "' must be an integer in [" + min + ", " + max + "]");
        }
        return v.asInt();
    }

    private static List<String> strings(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return List.of();
        List<String> r = new ArrayList<>();
        if (v.isValueNode()) r.add(v.asText());
        else if (v.isArray()) for (JsonNode x : v) {
            if (!x.isValueNode()) throw new SweepException(where + ": " + key + " must be a list of strings");
            r.add(x.asText());
        }
        else throw new SweepException(where + ": " + key + " must be a list of strings");
        return List.copyOf(r);
    }

    private static ObjectNode object(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return JSON.createObjectNode();
        if (!v.isObject()) throw new SweepException(where + ": " + key + " must be a mapping");
        return (ObjectNode) v;
    }

    private static void known(ObjectNode n, Set<String> keys, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) throw new SweepException(where + ": unknown key '" + k + "'; known keys are " + String.join(", ", new java.util.TreeSet<>(keys)));
        }
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
