package org.thermolearn.experiments.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a {@link RunConfig} by layering, later wins: the defaults, a preset ({@code quickstart},
 * {@code shallow}, {@code deep2}, {@code deep3}), a YAML or JSON file, and command-line overrides.
 * Unknown keys, wrong types and bad values end in a {@link ConfigException} naming the key and the fix.
 */
public final class ConfigLoader {

    /** The effective-rank cut ε of runs recorded before {@code rankEpsilon} was a config key (S22). */
    static final double LEGACY_RANK_EPSILON = 1e-6;

    public static final List<String> PRESETS = List.of("quickstart", "shallow", "deep2", "deep3");

    // a key given twice is an error, not "last wins" (a config must mean one thing)
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Keys whose null means "unset" (the default is null); every other key needs a value. */
    private static final java.util.Set<String> NULLABLE = java.util.Set.of("dataDir", "output", "preset");

    private ConfigLoader() { }

    /** JSON mapper used for run.json. */
    public static ObjectMapper json() { return JSON; }

    /**
     * Resolves the configuration. {@code preset} may be null (then the file's "preset" key or quickstart);
     * {@code file} may be null; {@code overrides} maps config keys to values (strings are converted to the
     * key's type).
     */
    public static RunConfig load(String preset, Path file, Map<String, Object> overrides) {
        ObjectNode tree = (ObjectNode) resource("defaults");
        ObjectNode fileTree = null;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " does not exist or is not a file; check the path");
            }
            try {
                JsonNode n = YAML.readTree(file.toFile());
                if (n == null || n.isMissingNode() || n.isNull()) n = YAML.createObjectNode();
                if (!n.isObject()) throw new ConfigException("config file " + file + " must hold a mapping of keys to values, found " + n.getNodeType());
                fileTree = (ObjectNode) n;
            } catch (com.fasterxml.jackson.core.JsonParseException e) {
                String m = e.getOriginalMessage();
                if (m != null && m.startsWith("Duplicate field")) {
                    throw new ConfigException("config file " + file + " gives the key " + m.substring("Duplicate field ".length())
                            + " twice (line " + e.getLocation().getLineNr() + "); keep one");
                }
                throw new ConfigException("config file " + file + " is not valid YAML/JSON: " + firstLine(e.getMessage()));
            } catch (IOException e) {
                throw new ConfigException("config file " + file + " is not valid YAML/JSON: " + firstLine(e.getMessage()));
            }
            requireValues(fileTree, "config file " + file);
        }
        String p = preset;
        if (p == null && fileTree != null && fileTree.hasNonNull("preset")) p = fileTree.get("preset").asText();
        if (p == null && overrides.get("preset") != null) p = overrides.get("preset").toString();
        if (p == null) p = "quickstart";
        if (!PRESETS.contains(p)) {
            throw new ConfigException("preset", p, "choose one of " + String.join(", ", PRESETS));
        }
        checkKeys(tree, (ObjectNode) resource(p), "preset " + p);
        tree.setAll((ObjectNode) resource(p));
        tree.put("preset", p);
        if (fileTree != null) {
            checkKeys(tree, fileTree, "config file " + file);
            tree.setAll(fileTree);
            tree.put("preset", p);
        }
        ObjectNode ov = YAML.createObjectNode();
        for (var e : overrides.entrySet()) {
            if (e.getValue() == null) continue;
            ov.set(e.getKey(), coerce(tree.get(e.getKey()), e.getKey(), e.getValue()));
        }
        checkKeys(tree, ov, "command line");
        tree.setAll(ov);
        try {
            return YAML.treeToValue(tree, RunConfig.class).validate();
        } catch (InvalidFormatException e) {
            throw new ConfigException(path(e), e.getValue(), "expected " + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new ConfigException(path(e), tree.get(path(e)), "expected " + describe(e.getTargetType()));
        } catch (IOException e) {
            throw new ConfigException("configuration could not be read: " + firstLine(e.getMessage()));
        }
    }

    /** Reads a resolved configuration back (run.json's "config" object). */
    public static RunConfig fromTree(JsonNode node) {
        try {
            if (node instanceof ObjectNode o && !o.has("rankEpsilon")) {
                node = o.deepCopy().put("rankEpsilon", LEGACY_RANK_EPSILON); // a run recorded before the key existed continues with the ε it used
            }
            if (node instanceof ObjectNode o && !o.has("route")) {
                // recorded before the route keys existed: the defaults (auto) are what that version did
                ObjectNode c = o.deepCopy();
                JsonNode d = resource("defaults");
                for (String k : List.of("route", "probes", "lanczosSteps", "exactBudgetFlops", "probeSeed")) c.set(k, d.get(k));
                node = c;
            }
            return JSON.treeToValue(node, RunConfig.class).validate();
        } catch (IOException e) {
            throw new ConfigException("stored configuration could not be read: " + firstLine(e.getMessage()));
        }
    }

    private static JsonNode coerce(JsonNode template, String key, Object value) {
        if (!(value instanceof String s)) return YAML.valueToTree(value);
        if (template == null) return YAML.getNodeFactory().textNode(s);
        try {
            if (template.isIntegralNumber()) return YAML.getNodeFactory().numberNode(Long.parseLong(s.trim()));
            if (template.isNumber()) return YAML.getNodeFactory().numberNode(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, s, "expected a number");
        }
        return YAML.getNodeFactory().textNode(s);
    }

    private static void requireValues(ObjectNode given, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull() && !NULLABLE.contains(e.getKey())) {
                throw new ConfigException(e.getKey(), null, "in " + where + " it has no value (null/~); give a value, or remove the line to use the default");
            }
        }
    }

    private static void checkKeys(ObjectNode known, ObjectNode given, String where) {
        for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.has(k)) {
                throw new ConfigException("unknown config key '" + k + "' in " + where + (suggest(k, known).isEmpty() ? "" : "; did you mean '" + suggest(k, known) + "'?")
                        + " Known keys: " + String.join(", ", new TreeSet<>(fieldNames(known))));
            }
        }
    }

    private static List<String> fieldNames(ObjectNode n) {
        List<String> r = new ArrayList<>();
        n.fieldNames().forEachRemaining(r::add);
        return r;
    }

    private static String suggest(String k, ObjectNode known) {
        String best = "";
        int bestD = 4;
        for (String c : fieldNames(known)) {
            int d = distance(k.toLowerCase(), c.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /** Levenshtein edit distance, for "did you mean" hints on misspelt keys and columns. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static JsonNode resource(String name) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/presets/" + name + ".yaml")) {
            if (in == null) throw new IllegalStateException("preset resource " + name + " missing from the jar");
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("preset resource " + name + " unreadable", e);
        }
    }

    private static String path(MismatchedInputException e) {
        StringBuilder b = new StringBuilder();
        for (var r : e.getPath()) {
            if (b.length() > 0) b.append('.');
            b.append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
        }
        return b.toString();
    }

    private static String describe(Class<?> t) {
        if (t == null) return "another type";
        if (t == int.class || t == long.class || t == Integer.class || t == Long.class) return "an integer";
        if (t == double.class || t == Double.class) return "a number";
        if (t == String.class) return "a string";
        return t.getSimpleName();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
