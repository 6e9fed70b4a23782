package org.thermolearn.thermo.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small builder for one metrics row: column name → value ({@link Double} for float64 columns,
 * {@link Long} or {@link Integer} for int64, {@link String} for utf8). Keeps insertion order.
 */
public final class Row {

    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

    /** An empty row. */
    public static Row of() { return new Row(); }

    /** Sets a float64 value. */
    public Row put(String column, double value) { return set(column, value); }

    /** Sets an int64 value. */
    public Row put(String column, long value) { return set(column, value); }

    /** Sets a utf8 value. */
    public Row put(String column, String value) { return set(column, value); }

    private Row set(String column, Object value) {
        if (values.containsKey(column)) throw new IllegalArgumentException("column '" + column + "' is set twice in one row");
        values.put(column, value);
        return this;
    }

    /** The values, in insertion order (unmodifiable view). */
    public Map<String, Object> values() { return Collections.unmodifiableMap(values); }

    @Override
    public String toString() { return "Row" + values; }
}
