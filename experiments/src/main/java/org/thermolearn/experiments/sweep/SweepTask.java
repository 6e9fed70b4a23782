package org.thermolearn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One task of a sweep: its position in the plan (the Slurm array index), its stable id (the first
 * 12 hex digits of SHA-256 over the canonical JSON of the resolved configuration without
 * {@code output}), the swept values that produced it, and the resolved configuration.
 */
public record SweepTask(int index, String id, Map<String, JsonNode> params, ObjectNode config) {

    /** What a task id looks like; anything else read from disk is rejected. */
    public static final Pattern ID = Pattern.compile("[0-9a-f]{12}");

    /** The stable id of a resolved configuration. */
    public static String idOf(ObjectNode resolved) {
        ObjectNode c = resolved.deepCopy();
        c.remove("output");
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(ConfigResolver.canonical(c).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
