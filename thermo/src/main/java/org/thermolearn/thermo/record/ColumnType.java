package org.thermolearn.thermo.record;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** The value types a metrics column can hold, with their Arrow types. */
public enum ColumnType {
    /** IEEE 754 binary64, Arrow {@code float64}; NaN and ±∞ are kept bit for bit. */
    DOUBLE(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    /** Signed 64-bit integer, Arrow {@code int64}. */
    INT64(new ArrowType.Int(64, true)),
    /** UTF-8 text, Arrow {@code utf8}. */
    UTF8(ArrowType.Utf8.INSTANCE);

    private final ArrowType arrowType;

    ColumnType(ArrowType arrowType) { this.arrowType = arrowType; }

    public ArrowType arrowType() { return arrowType; }

    /** The column type stored as {@code t}, or {@code null} if it is none of these. */
    static ColumnType of(ArrowType t) {
        for (ColumnType c : values()) if (c.arrowType.equals(t)) return c;
        return null;
    }
}
