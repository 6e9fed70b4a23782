package org.thermolearn.thermo.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.thermolearn.core.network.Network;

/**
 * Everything needed to resume training from, or recompute every number of, one checkpoint: the
 * network snapshot (layout, blocks of ŵ, bias b, activations f) and the trainer's extra state.
 *
 * @param index      checkpoint index (0-based, recording order); names {@code ckpt-<index>.arrow}
 * @param network    the septuple's parameters at the checkpoint
 * @param attributes free-form text state: optimizer name and hyper-parameters, schedule position,
 *                   RNG algorithm, epoch and step counters written as strings …
 * @param arrays     named float64 arrays, e.g. momentum velocities per block ("velocity.1->2")
 * @param longArrays named int64 arrays, e.g. the RNG state words or a data-order permutation
 */
public record Checkpoint(long index, Network network, Map<String, String> attributes,
                         Map<String, double[]> arrays, Map<String, long[]> longArrays) {

    public Checkpoint {
        if (index < 0) throw new IllegalArgumentException("checkpoint index " + index + " is negative");
        Objects.requireNonNull(network, "network");
        attributes = copy(attributes, "attribute");
        arrays = copy(arrays, "array");
        longArrays = copy(longArrays, "long array");
    }

    /** A checkpoint with the network only. */
    public static Checkpoint of(long index, Network network) {
        return new Checkpoint(index, network, Map.of(), Map.of(), Map.of());
    }

    private static <V> Map<String, V> copy(Map<String, V> m, String what) {
        if (m == null) return Map.of();
        LinkedHashMap<String, V> c = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : m.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("checkpoint " + what + " entry with key '" + e.getKey() + "' has an empty key or a null value");
            }
            c.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(c);
    }
}
